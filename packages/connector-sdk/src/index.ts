// @sl/connector-sdk: what a connector implements (Connector, SourceBatch, ConnectorContext) and
// everything the SDK does around it. The conformance kit is at '@sl/connector-sdk/conformance'.
export { type Connector, type ConnectorContext, defineConnector, isMalformed, type MalformedItem, malformed, type Progress, type SourceBatch } from './connector.ts';
export { ConnectorError, type ConnectorErrorCode, isConnectorError } from './connector-error.ts';
export { validateCheckpoint, validateConnectorConfig } from './connector-config.ts';
export { type ConnectorEvent, type ConnectorEventListener, fanOut, type RunOutcome } from './connector-events.ts';
export { createConnectorMetrics } from './connector-metrics.ts';
export { logConnectorEvents } from './connector-log.ts';
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpResponse, httpClientDefaults, redactUrl, type RequestOptions } from './http-client.ts';
export { parseRetryAfter } from './retry-after.ts';
export { abortableSleep, type Sleep } from './abortable-sleep.ts';
export { type CheckpointStore, createMemoryCheckpointStore, type MemoryCheckpointStore, type StoredCheckpoint } from './checkpoint-store.ts';
export { checkpointContract } from './checkpoint-contract.ts';
export { connectorCheckpointsTopic, createKafkaCheckpointStore, type KafkaCheckpointStoreOptions } from './kafka-checkpoint-store.ts';
export { createMemoryMentionSink, type Delivery, type MemoryMentionSink, type MentionSink } from './mention-sink.ts';
export { createKafkaMentionSink, type KafkaMentionSinkOptions } from './kafka-mention-sink.ts';
export { type RejectedItem, type ValidatedItems, validateItems } from './validate-items.ts';
export { type RunConnectorOptions, type RunSummary, runConnector } from './run-connector.ts';
export { type PollHandle, type PollOptions, type PollStatus, pollConnector } from './poll-connector.ts';
export { renderProgressBar } from './progress-bar.ts';
export { createPushQueue, type PushQueue } from './push-queue.ts';
