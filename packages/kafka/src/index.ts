export { type BatchingSender, type BatchingSenderOptions, createBatchingSender } from './batching-sender.ts';
export {
  type BatchOutcome,
  type ConsumedRecord,
  type ConsumerHandle,
  type ConsumerRunnerOptions,
  type PartitionBatch,
  runConsumer,
} from './consumer-runner.ts';
export { deadLetterHeaders, deadLetterMessage, errorCode, errorMessage, type FailedRecord } from './dead-letter.ts';
export { createKafkaClient, type KafkaClientOptions } from './adapters/kafkajs/kafkajs-client.ts';
export { backoffDelay, defaultRetryPolicy, isRetriable, type RetryPolicy, retryRetriable } from './retry-policy.ts';
export { type CleanupPolicy, deadLetterTopicName, renamed, type TopicDefinition } from './topic.ts';
export {
  alertsTopic,
  amplificationSnapshotsTopic,
  authorsInfluenceTopic,
  brandsConfigTopic,
  mentionsCorrectionsTopic,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  mentionsScoredTopic,
} from './topic-catalog.ts';
export { type EnsureTopicsOptions, ensureTopics } from './topic-admin.ts';
export { createIdempotentProducer, type EncodedMessage, type IdempotentProducerOptions, encodeRecord, type OutgoingRecord, type TypedProducer } from './typed-producer.ts';
export { isProducerResetError, ProducerResetError } from './producer-fencing.ts';
export { type ChainWalkOptions, errorChain, findInChain } from './errors/error-chain.ts';
export { fencedError, isBrokerUnreachable, outOfGroupError, producerIdLostError } from './errors/error-flags.ts';
export { isKafkaError, KafkaError, type KafkaErrorFlags } from './errors/kafka-error.ts';
export type { KafkaClient } from './port/kafka-client.ts';
export type { CommittedOffsets, GroupDescription, KafkaAdmin, PartitionEnds, TopicPartitionMetadata, TopicToCreate } from './port/kafka-admin.ts';
export type { Assignment, ConsumerOptions, FetchedBatch, FetchedRecord, ReportingConsumer } from './port/reporting-consumer.ts';
export type { PortTransaction, TopicMessages, TransactionalProducer, TransactionalProducerOptions } from './port/transactional-producer.ts';
export { type LatestByKey, readLatestByKey } from './read-to-end.ts';
export {
  runTransactionalStage,
  type StageOutput,
  type StageResult,
  type TransactionalStageHandle,
  type TransactionalStageOptions,
} from './transactional-stage.ts';
export { type LiveTable, watchLatestByKey } from './watch-latest.ts';
export { type ConsumerLagOptions, consumerLag, type GroupLag, type PartitionLag } from './consumer-lag.ts';
export { kafkaBrokersSetting, topicNamespaceSetting, watermarkUpstreamSetting } from './config-settings.ts';
export { type ReadRangeOptions, type ReadRangeResult, readPartitionRange } from './read-partition-range.ts';
export {
  createPartitionStateStore,
  type PartitionStateStore,
  type PartitionStateStoreOptions,
  type RestoredState,
  type SerializedState,
} from './partition-state-store.ts';
export { type FoundSnapshot, findSnapshot, SNAPSHOT_CHUNK_BYTES } from './snapshot-chunks.ts';
export { type FollowTopicOptions, followTopic, isUnknownTopicError, type TopicFollower, UnknownTopicError } from './follow-topic.ts';
export { type BrandTeamAccess, brandTeamReadAcls, type KafkaSaslOptions, type KafkaSecurityOptions, type KafkaTlsOptions, kafkaSecurityFromEnv, parseKafkaSecurityEnv, type SaslMechanism } from './kafka-security.ts';
export { CONTROL_HEADER, type ControlRecord, InvalidControlRecordError, inOffsetOrder, isControlMessage, parseControlMessage, watermarkTickMessage } from './control-record.ts';
export { createIngestWatermark, type IngestWatermark, type IngestWatermarkOptions, type UpstreamStage, type WatermarkHoldUp } from './ingest-watermark.ts';
export { type TickablePartition, tickWatermarks, type WatermarkTicker, type WatermarkTickerOptions } from './watermark-ticker.ts';
export { type BrandMember, type BrandMembers, type BrandMembersOptions, createBrandMembers } from './brand-members.ts';
