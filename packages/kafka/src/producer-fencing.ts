// Errors after which an idempotent producer's id can never send again. Kafka's Java producer
// recovers from them by bumping its epoch (KIP-360); kafkajs 2.2.4 does not, and rolls a failed
// request's sequence numbers back even when the broker did append it. A broker killed mid-request
// then leaves the producer one or more batches behind the broker's sequence for good: every later
// send fails with OUT_OF_ORDER_SEQUENCE_NUMBER (the chaos test's broker SIGKILL left the gateway
// answering 503 for ever). The only way on is a new producer id.
// Which errors those are: errors/error-flags.ts (producerIdLostError).
import { KafkaError } from './errors/kafka-error.ts';

const producerResetBrand = Symbol.for('@sl/kafka.ProducerReset');

/**
 * A send that failed because its producer id was lost. Sending again can succeed: with a new
 * producer when `replaced`, else once the next send's attempt to replace it reaches the cluster.
 */
export class ProducerResetError extends KafkaError {
  readonly replaced: boolean;
  readonly [producerResetBrand] = true;
  constructor(cause: Error, replaced: boolean) {
    super(
      'PRODUCER_RESET',
      `the producer's id was lost (${cause.message}); ${replaced ? 'a new producer replaced it' : 'a new producer could not connect yet'}, send again`,
      { retriable: true },
      cause,
    );
    this.name = 'ProducerResetError';
    this.replaced = replaced;
  }
}

export function isProducerResetError(error: unknown): error is ProducerResetError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[producerResetBrand] === true;
}
