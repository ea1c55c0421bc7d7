import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createRootLogger } from '@sl/observability';
import { testLogger } from '@sl/testkit';
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { restartWhenAbandoned } from '../src/adapters/kafkajs/crash-restart.ts';

const CRASH = 'consumer.crash';
const GROUP_JOIN = 'consumer.group_join';
const quick = { initialDelayMs: 5, maxDelayMs: 20 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** What the restarter uses of a kafkajs consumer: crash and join events, connect. */
function fakeConsumer(connectFailures = 0) {
  const events = new EventEmitter();
  const calls: string[] = [];
  let failuresLeft = connectFailures;
  const consumer = {
    events: { CRASH, GROUP_JOIN },
    on: (event: string, listener: (payload: unknown) => void) => events.on(event, listener),
    connect: async () => {
      calls.push('connect');
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { retriable: true });
      }
    },
  } as unknown as Consumer;
  const crash = (restart: boolean, error: Error = new Error('Failed to find group coordinator')) =>
    events.emit(CRASH, { payload: { error, groupId: 'g', restart } });
  return { consumer, calls, crash };
}

describe('restartWhenAbandoned', () => {
  it('leaves a crash kafkajs restarts itself to kafkajs', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    restartWhenAbandoned(consumer, async () => void calls.push('run'), testLogger(), quick);
    crash(true);
    await settle();
    expect(calls).toEqual([]);
  });

  it('starts a consumer kafkajs gave up on again, once per crash', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    restartWhenAbandoned(consumer, async () => void calls.push('run'), testLogger(), quick);
    crash(false);
    crash(false);
    await settle();
    expect(calls).toEqual(['connect', 'run']);
  });

  it('keeps trying while the broker cannot be reached', async () => {
    const { consumer, calls, crash } = fakeConsumer(2);
    restartWhenAbandoned(consumer, async () => void calls.push('run'), testLogger(), quick);
    crash(false);
    await settle();
    expect(calls).toEqual(['connect', 'connect', 'connect', 'run']);
  });

  it('does nothing once stopped', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    const restarts = restartWhenAbandoned(consumer, async () => void calls.push('run'), testLogger(), quick);
    crash(false);
    restarts.stop();
    crash(false);
    await settle();
    expect(calls).toEqual([]);
  });

  it('logs a restart after a coordinator that was still loading at info, any other at warn', () => {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const { consumer, crash } = fakeConsumer();
    const restarts = restartWhenAbandoned(consumer, async () => undefined, createRootLogger({ service: 'crash-test', level: 'debug', destination }), quick);
    const loading = Object.assign(new Error("The coordinator is loading and hence can't process requests for this group"), {
      name: 'KafkaJSProtocolError',
      type: 'GROUP_LOAD_IN_PROGRESS',
    });
    crash(true, loading);
    crash(true, new Error('Connection error: read ECONNRESET'));
    restarts.stop();
    const lines = chunks.map((line) => JSON.parse(line) as { level: number; msg: string; retried?: string });
    expect(lines.map(({ level, msg, retried }) => [level, msg, retried ?? null])).toEqual([
      [30, 'consumer crashed; kafkajs restarts it', 'coordinator-loading'],
      [40, 'consumer crashed; kafkajs restarts it', null],
    ]);
  });
});
