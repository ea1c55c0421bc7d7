// kafkajs starts a crashed consumer again only when the error was retriable. After any other —
// "Failed to find group coordinator" while the broker restarts is one, seen in the chaos test —
// the consumer stays stopped while the process lives on: a worker that looks alive and reads
// nothing, its partitions held by no one once the group moves on. A long-lived consumer is
// therefore started again here, with backoff, until it runs or its owner stops it.
import type { Consumer } from 'kafkajs';
import type { Logger } from '@sl/observability';
import { retriedConditionOf } from './client-log-level.ts';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from '../../retry-policy.ts';

export interface CrashRestart {
  /** No restart after this (call it before disconnecting). */
  stop(): void;
}

/** `run` calls consumer.run with the owner's options (kafkajs keeps the subscription). */
export function restartWhenAbandoned(
  consumer: Consumer,
  run: () => Promise<void>,
  log: Logger,
  retry: RetryPolicy = defaultRetryPolicy,
): CrashRestart {
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;
  let attempt = 0;

  const schedule = () => {
    if (stopped || pending) return;
    const delayMs = backoffDelay(retry, attempt);
    attempt += 1;
    pending = setTimeout(() => {
      pending = undefined;
      if (stopped) return;
      // A start that fails to join crashes again (and comes back here); one that cannot even
      // connect throws.
      consumer
        .connect()
        .then(() => run())
        .catch((error: unknown) => {
          log.warn({ err: error, attempt }, 'consumer could not be started again; retrying');
          schedule();
        });
    }, delayMs);
  };

  consumer.on(consumer.events.CRASH, (event) => {
    const { error, restart } = event.payload;
    if (restart) {
      // A coordinator still loading at start, a rebalance: routine, and kafkajs handles it.
      const condition = retriedConditionOf(error);
      if (condition === undefined) log.warn({ err: error }, 'consumer crashed; kafkajs restarts it');
      else log.info({ err: error, retried: condition }, 'consumer crashed; kafkajs restarts it');
      return;
    }
    if (stopped) return;
    log.error({ err: error, attempt }, 'consumer crashed and kafkajs gave up on it; starting it again');
    schedule();
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    attempt = 0;
  });

  return {
    stop() {
      stopped = true;
      clearTimeout(pending);
    },
  };
}
