// The ends of a topic's partitions as written (high watermarks) and as readable (last stable
// offsets). kafkajs's admin only lists offsets read_committed, which answers the LSO; right after
// a transaction commits, the coordinator is still writing its markers, so for a moment the LSO
// leaves out records whose producer has already committed its consumer offsets. The ingest
// watermark reads a stage's committed offsets and then its output's ends: with the LSO alone it
// could miss what the stage just wrote. The high watermark includes it; the two being equal says
// no transaction is open or unmarked in the partition.
//
// kafkajs 2.2.4's admin has no isolation option, so this asks its cluster factory for clusters of
// each isolation level, as a consumer with or without readUncommitted gets. That factory is
// private: the version is pinned in package.json and the integration test proves the answer
// includes an open transaction's records.
import type { Kafka } from 'kafkajs';
import type { LogEndReader } from '../../port/log-end-reader.ts';

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number }>;
  fetchTopicsOffset(
    topics: Array<{ topic: string; fromBeginning: boolean; partitions: Array<{ partition: number }> }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

type ClusterFactory = (options: { allowAutoTopicCreation: boolean; isolationLevel: number }) => KafkajsCluster;

/** Kafka's isolation levels in ListOffsets. */
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;

function clusterFactory(kafka: Kafka): ClusterFactory {
  const key = Object.getOwnPropertySymbols(kafka).find((symbol) => symbol.description === 'private:Kafka:createCluster');
  const factory = key === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[key];
  if (typeof factory !== 'function') {
    throw new Error('this kafkajs has no private cluster factory; log-end-offsets.ts is written for kafkajs 2.2.4');
  }
  return factory as ClusterFactory;
}

export function createLogEndReader(kafka: Kafka): LogEndReader {
  const createCluster = clusterFactory(kafka);
  // One connecting cluster per isolation level, shared by concurrent reads (the first ends() asks
  // two lists at once); one whose connect failed is dropped, so the next read connects again.
  const clusters = new Map<number, Promise<KafkajsCluster>>();

  const connected = (isolationLevel: number): Promise<KafkajsCluster> => {
    let cluster = clusters.get(isolationLevel);
    if (!cluster) {
      const created = createCluster({ allowAutoTopicCreation: false, isolationLevel });
      const connecting: Promise<KafkajsCluster> = created.connect().then(
        () => created,
        async (error: unknown) => {
          // Only this attempt: after a close() a newer one may hold the level.
          if (clusters.get(isolationLevel) === connecting) clusters.delete(isolationLevel);
          await created.disconnect().catch(() => undefined);
          throw error;
        },
      );
      cluster = connecting;
      clusters.set(isolationLevel, cluster);
    }
    return cluster;
  };
  const offsets = async (isolationLevel: number, topic: string, fromBeginning: boolean): Promise<Map<number, bigint>> => {
    const client = await connected(isolationLevel);
    await client.addTargetTopic(topic);
    await client.refreshMetadataIfNecessary();
    const partitions = client.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId }));
    const [answer] = await client.fetchTopicsOffset([{ topic, fromBeginning, partitions }]);
    return new Map((answer?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  };

  return {
    async ends(topic) {
      // The readable end is asked for after the written end has come back, so it is never older:
      // read at once, the broker could answer the read_committed list first, from before a commit
      // marker the other list already counted, and a quiet partition's finished transaction looked
      // open for good (the ingest watermark then waited for a marker no consumer passes). A marker
      // written between the two makes stable > high, which readers take as "not known to end in a
      // marker" and wait for the next read.
      const [high, low] = await Promise.all([offsets(READ_UNCOMMITTED, topic, false), offsets(READ_UNCOMMITTED, topic, true)]);
      const stable = await offsets(READ_COMMITTED, topic, false);
      return [...high].map(([partition, end]) => ({
        partition,
        high: end,
        stable: stable.get(partition) ?? 0n,
        low: low.get(partition) ?? 0n,
      }));
    },
    async close() {
      const open = [...clusters.values()];
      clusters.clear();
      // A cluster that never connected has been closed already.
      await Promise.all(
        open.map((connecting) =>
          connecting.then(
            (cluster) => cluster.disconnect(),
            () => undefined,
          ),
        ),
      );
    },
  };
}
