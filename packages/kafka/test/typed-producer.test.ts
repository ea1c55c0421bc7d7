import { EventEmitter } from 'node:events';
import type { Kafka, Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { producerIdLostError } from '../src/errors/error-flags.ts';
import { isProducerResetError } from '../src/producer-fencing.ts';
import { kafkajsErrorFlags } from '../src/adapters/kafkajs/error-flags.ts';
import { kafkajsPortClient } from '../src/adapters/kafkajs/port-client.ts';
import { registerClientErrorFlags } from '../src/errors/client-error-flags.ts';
import { createIdempotentProducer } from '../src/typed-producer.ts';

/** kafkajs's shape for a protocol error that a non-retriable wrapper carries as its cause. */
const protocolError = (type: string) => Object.assign(new Error(`broker said ${type}`), { name: 'KafkaJSProtocolError', type, retriable: false });
const wrapped = (cause: Error) => Object.assign(new Error(cause.message, { cause }), { name: 'KafkaJSNonRetriableError', retriable: false });

/** A kafkajs client whose producers record what they were asked and fail as scripted. */
function fakeKafka(script: Array<Error | undefined>, options: { failConnects?: number[]; holdSends?: Promise<void> } = {}) {
  const log: string[] = [];
  let created = 0;
  const kafka = {
    producer: () => {
      const id = created++;
      const events = new EventEmitter();
      return {
        events: { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' },
        on: (event: string, listener: () => void) => events.on(event, listener),
        connect: async () => {
          log.push(`p${id} connect`);
          events.emit('producer.connect');
          if (options.failConnects?.includes(id)) throw new Error('InitProducerId: connection refused');
        },
        disconnect: async () => {
          log.push(`p${id} disconnect`);
          events.emit('producer.disconnect');
        },
        send: async ({ messages }: { messages: unknown[] }) => {
          log.push(`p${id} send ${messages.length}`);
          const failure = script.shift();
          if (failure) throw failure;
          if (messages.length === 3) await options.holdSends;
          log.push(`p${id} sent ${messages.length}`);
        },
        sendBatch: async ({ topicMessages }: { topicMessages: unknown[] }) => {
          log.push(`p${id} sendBatch ${topicMessages.length}`);
          const failure = script.shift();
          if (failure) throw failure;
        },
      } as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, log };
}

const message = { key: 'k', value: Buffer.from('v') };
// What every client the kafkajs adapter makes does first (producerIdLostError is tested alone below).
registerClientErrorFlags(kafkajsErrorFlags);

describe('producerIdLostError', () => {
  it('finds a lost producer id anywhere in the cause chain, and nothing else', () => {
    expect(producerIdLostError(wrapped(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER')))?.message).toBe('broker said OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(producerIdLostError(protocolError('UNKNOWN_PRODUCER_ID'))).toBeDefined();
    expect(producerIdLostError(wrapped(protocolError('NOT_LEADER_FOR_PARTITION')))).toBeUndefined();
    expect(producerIdLostError(new Error('socket hang up'))).toBeUndefined();
    expect(producerIdLostError(undefined)).toBeUndefined();
  });
});

describe('createIdempotentProducer', () => {
  it('replaces a producer whose id was lost, reports the send as retriable, and sends on with the new one', async () => {
    const { kafka, log } = fakeKafka([wrapped(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER'))]);
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    const failure = await producer.sendEncoded('t', [message]).catch((error: unknown) => error);
    expect(isProducerResetError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'PRODUCER_RESET', retriable: true });
    await producer.sendEncoded('t', [message, message]);
    expect(producer.replacements).toBe(1);
    expect(log).toEqual(['p0 connect', 'p0 send 1', 'p1 connect', 'p0 disconnect', 'p1 send 2', 'p1 sent 2']);
  });

  it('recognises the unwrapped protocol error kafkajs rejects a send with', async () => {
    const { kafka } = fakeKafka([protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER')]);
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    await expect(producer.sendEncoded('t', [message])).rejects.toMatchObject({ code: 'PRODUCER_RESET', replaced: true });
  });

  it('closes a replacement that could not connect, says so, and tries again on the next send', async () => {
    const lost = () => protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER');
    const { kafka, log } = fakeKafka([lost(), lost()], { failConnects: [1] });
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    await expect(producer.sendEncoded('t', [message])).rejects.toMatchObject({ code: 'PRODUCER_RESET', replaced: false });
    expect(producer.replacements).toBe(0);
    await expect(producer.sendEncoded('t', [message])).rejects.toMatchObject({ code: 'PRODUCER_RESET', replaced: true });
    await producer.sendEncoded('t', [message]);
    expect(log).toEqual([
      'p0 connect',
      'p0 send 1',
      'p1 connect',
      'p1 disconnect',
      'p0 send 1',
      'p2 connect',
      'p0 disconnect',
      'p2 send 1',
      'p2 sent 1',
    ]);
  });

  it('closes a replaced producer only once the sends still using it are done', async () => {
    let release = () => {};
    const holdSends = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { kafka, log } = fakeKafka([undefined, protocolError('UNKNOWN_PRODUCER_ID')], { holdSends });
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    const slow = producer.sendEncoded('t', [message, message, message]);
    await expect(producer.sendEncoded('t', [message])).rejects.toMatchObject({ code: 'PRODUCER_RESET' });
    expect(log).not.toContain('p0 disconnect');
    release();
    await slow;
    expect(log.slice(-2)).toEqual(['p0 sent 3', 'p0 disconnect']);
  });

  it('replaces it once when several sends see it fail at the same time', async () => {
    const lost = () => wrapped(protocolError('UNKNOWN_PRODUCER_ID'));
    const { kafka, log } = fakeKafka([lost(), lost(), lost()]);
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    const results = await Promise.all([1, 2, 3].map(() => producer.sendBatch([{ topic: 't', messages: [message] }]).catch(isProducerResetError)));
    expect(results).toEqual([true, true, true]);
    expect(producer.replacements).toBe(1);
    expect(log.filter((line) => line.endsWith('connect') && !line.includes('dis'))).toEqual(['p0 connect', 'p1 connect']);
  });

  it('passes any other error through untouched and keeps its producer', async () => {
    const other = wrapped(protocolError('MESSAGE_TOO_LARGE'));
    const { kafka, log } = fakeKafka([other]);
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    await expect(producer.sendEncoded('t', [message])).rejects.toBe(other);
    expect(producer.replacements).toBe(0);
    expect(log).toEqual(['p0 connect', 'p0 send 1']);
  });

  it('tells connection listeners about the producer in use, the replacement included', async () => {
    const { kafka } = fakeKafka([wrapped(protocolError('INVALID_PRODUCER_EPOCH'))]);
    const producer = await createIdempotentProducer(kafkajsPortClient(kafka));
    const seen: boolean[] = [];
    producer.onConnection((connected) => seen.push(connected));
    await producer.sendEncoded('t', [message]).catch(() => undefined);
    await producer.disconnect();
    // The new producer connects (true); the replaced one's disconnect is not news; ours is (false).
    expect(seen).toEqual([true, false]);
  });
});
