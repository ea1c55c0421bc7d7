// Checkpoints in the compacted topic connectors.checkpoints: the topic is read to its end once,
// at the first load, and kept in memory; each save is an acknowledged write (acks=all) of the
// instance's newest position. Compaction keeps the latest per key. One runner owns an instance:
// two runners of the same instance would race on its key.
import { type KafkaClient, readLatestByKey, type TopicDefinition, type TypedProducer } from '@sl/kafka';
import { checkpointContract } from './checkpoint-contract.ts';
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-store.ts';

export const connectorCheckpointsTopic: TopicDefinition<StoredCheckpoint> = Object.freeze({
  name: 'connectors.checkpoints',
  key: 'connector instance name',
  value: checkpointContract,
  partitions: 1,
  cleanupPolicy: 'compact',
});

export interface KafkaCheckpointStoreOptions {
  kafka: KafkaClient;
  producer: TypedProducer;
  /** connectors.checkpoints or a namespaced copy. @default connectorCheckpointsTopic */
  topic?: TopicDefinition<StoredCheckpoint>;
}

export function createKafkaCheckpointStore(options: KafkaCheckpointStoreOptions): CheckpointStore {
  const topic = options.topic ?? connectorCheckpointsTopic;
  let loaded: Promise<Map<string, StoredCheckpoint>> | undefined;
  const latest = () => {
    loaded ??= readLatestByKey(options.kafka, topic).then(
      (result) => result.values,
      (error: unknown) => {
        loaded = undefined; // the next load tries again rather than failing forever
        throw error;
      },
    );
    return loaded;
  };
  return {
    async load(connector) {
      return (await latest()).get(connector);
    },
    async save(checkpoint) {
      const values = await latest();
      await options.producer.send(topic, [{ key: checkpoint.connector, value: checkpoint }]);
      values.set(checkpoint.connector, structuredClone(checkpoint));
    },
  };
}
