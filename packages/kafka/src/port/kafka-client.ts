// The port: what the project asks of a Kafka client. Everything outside packages/kafka speaks
// these interfaces (and the package's functions that take a KafkaClient); only an adapter
// (adapters/kafkajs) knows which library is behind them.
import type { IdempotentProducer } from './idempotent-producer.ts';
import type { KafkaAdmin } from './kafka-admin.ts';
import type { LogEndReader } from './log-end-reader.ts';
import type { ConsumerOptions, ReportingConsumer } from './reporting-consumer.ts';
import type { StageConsumer, StageConsumerOptions } from './stage-consumer.ts';
import type { TransactionalProducer, TransactionalProducerOptions } from './transactional-producer.ts';

export interface KafkaClient {
  /** Which adapter is behind the port (logs, the conformance suite's name). */
  readonly adapter: string;
  admin(): KafkaAdmin;
  consumer(options: ConsumerOptions): ReportingConsumer;
  /** A group member for a stage loop: batches with their controls, commits by the stage. */
  stageConsumer(options: StageConsumerOptions): StageConsumer;
  transactionalProducer(options: TransactionalProducerOptions): TransactionalProducer;
  /** A producer outside transactions whose retried sends the broker deduplicates. */
  idempotentProducer(): IdempotentProducer;
  /** Reads where partitions end as written (high watermark) and as readable (LSO). */
  logEndReader(): LogEndReader;
}
