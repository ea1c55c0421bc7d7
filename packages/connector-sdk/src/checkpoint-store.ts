// Where a connector instance's position is kept between runs. A checkpoint is saved only after
// the batch it follows is durable in mentions.raw; loading it resumes right after that batch.

/** What is stored per connector instance. `position` is the connector's own JSON checkpoint. */
export interface StoredCheckpoint {
  /** The instance name (the key: one checkpoint per instance). */
  connector: string;
  /** The connector kind that wrote it, e.g. 'rss'. */
  kind: string;
  position: unknown;
  /** Epoch ms UTC. */
  savedAt: number;
}

export interface CheckpointStore {
  load(connector: string): Promise<StoredCheckpoint | undefined>;
  save(checkpoint: StoredCheckpoint): Promise<void>;
}

export interface MemoryCheckpointStore extends CheckpointStore {
  /** Every save, in order: tests look at what was saved when. */
  readonly history: StoredCheckpoint[];
}

export function createMemoryCheckpointStore(initial: Iterable<StoredCheckpoint> = []): MemoryCheckpointStore {
  const latest = new Map<string, StoredCheckpoint>();
  for (const checkpoint of initial) latest.set(checkpoint.connector, checkpoint);
  const history: StoredCheckpoint[] = [];
  return {
    history,
    async load(connector) {
      return latest.get(connector);
    },
    async save(checkpoint) {
      // A deep copy, so a connector mutating its position object later cannot change what was saved.
      const copy = structuredClone(checkpoint);
      latest.set(copy.connector, copy);
      history.push(copy);
    },
  };
}
