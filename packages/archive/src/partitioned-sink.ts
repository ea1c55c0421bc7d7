// A storage sink in the Kafka Connect S3 style: records are buffered per Kafka partition,
// written as files named by partition and offset range, and the partition's offset is
// committed only after every file of the flush is durable. A crash at any point leaves either
// committed offsets that match the files, or files the next owner rewrites byte for byte.
import { setImmediate } from 'node:timers/promises';
import type { ConsumedRecord, PartitionBatch } from '@sl/kafka';
import type { ObjectStore } from '@sl/object-store';
import { Counter, type Logger, type Registry } from '@sl/observability';
import { defaultFlushPolicy, type FlushPolicy } from './flush-policy.ts';
import { claimIntent, type FlushIntent, intentKey, readIntent } from './flush-intents.ts';

export interface SinkFile {
  key: string;
  body: Buffer;
  rows: number;
}

export interface SinkLayout<T> {
  /**
   * The files for one flush of one partition's contiguous records, in a fixed order. Lazy, so
   * that the sink uploads each file before the next is encoded: a large flush encoded in one go
   * held the event loop long enough for the group to drop the member (no heartbeats).
   */
  files(
    records: ReadonlyArray<ConsumedRecord<T>>,
    range: { partition: number; firstOffset: string; lastOffset: string },
  ): Iterable<SinkFile>;
  /** Rough size of a record in bytes, for the size trigger. */
  sizeOf(record: ConsumedRecord<T>): number;
}

export interface PartitionedSinkOptions<T> {
  /** Names the sink in logs and metrics, e.g. 'raw-archive'. */
  name: string;
  topic: string;
  store: ObjectStore;
  layout: SinkLayout<T>;
  /** Commits `nextOffset` for a partition; called only after the flush's files are durable. */
  commit: (partition: number, nextOffset: string) => Promise<void>;
  logger: Logger;
  /** Where flush intents are kept, outside the analysts' prefixes. */
  intentPrefix: string;
  policy?: Partial<FlushPolicy>;
  registry?: Registry;
  now?: () => number;
}

interface PartitionBuffer<T> {
  records: ConsumedRecord<T>[];
  bytes: number;
  openedAt: number;
  /** Set when a previous owner started a flush from this buffer's first offset. */
  intent: FlushIntent | undefined;
}

export interface PartitionedSink<T> {
  handleBatch(batch: PartitionBatch<T>): Promise<void>;
  /** Flushes partitions whose oldest record is older than the policy allows. */
  flushDue(): Promise<void>;
  /** Flushes everything buffered (clean shutdown). */
  flushAll(): Promise<void>;
  /**
   * Called on every group join. Drops every buffer, kept partitions' too: after a join the
   * consumer reads each partition again from its committed offset, which another member may have
   * moved past this buffer meanwhile (in a generation this member was not part of).
   */
  onAssignment(partitions: number[]): void;
  readonly buffered: number;
}

/**
 * The record as the buffer keeps it: the client's key is a view into the whole fetch response it
 * came in (kafkajs slices its read buffer), so one buffered record would keep that response
 * alive, outside the JS heap and any heap limit, until the record is flushed. A copy of the few
 * key bytes lets each response go once decoded.
 */
function detached<T>(record: ConsumedRecord<T>): ConsumedRecord<T> {
  return record.key === null ? record : { ...record, key: Buffer.from(record.key) };
}

/** Registered once per registry and shared: one process can run several sinks (raw mentions and every brand's alerts; scored mentions and corrections). */
function sinkCounter(registry: Registry | undefined, name: string, help: string): Counter<'sink'> | undefined {
  if (!registry) return undefined;
  return (
    (registry.getSingleMetric(name) as Counter<'sink'> | undefined) ??
    new Counter({ name, help, labelNames: ['sink'], registers: [registry] })
  );
}

export function createPartitionedSink<T>(options: PartitionedSinkOptions<T>): PartitionedSink<T> {
  const policy: FlushPolicy = { ...defaultFlushPolicy, ...options.policy };
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: `${options.name}-sink`, topic: options.topic });
  const buffers = new Map<number, PartitionBuffer<T>>();
  /**
   * Per owned partition, the offset this sink last committed. Records before it are in files
   * already: a batch retried after a later step failed delivers them again, and they must be
   * skipped, not taken for a rewind (a buffer rebuilt from them would claim a start offset inside
   * a flushed range and write files overlapping it).
   */
  const committedNext = new Map<number, bigint>();
  const commit = async (partition: number, nextOffset: string): Promise<void> => {
    await options.commit(partition, nextOffset);
    const next = BigInt(nextOffset);
    if (next > (committedNext.get(partition) ?? -1n)) committedNext.set(partition, next);
  };
  const filesWritten = sinkCounter(options.registry, 'sl_sink_files_written_total', 'Objects a sink uploaded.');
  const rowsWritten = sinkCounter(options.registry, 'sl_sink_rows_written_total', 'Rows a sink wrote.');
  const budgetFlushes = sinkCounter(
    options.registry,
    'sl_sink_budget_flushes_total',
    'Flushes a sink made because its buffers over all partitions reached maxTotalBytes.',
  );

  // Every operation runs one at a time: the flush timer and the consumer never interleave.
  let lock: Promise<unknown> = Promise.resolve();
  const serial = <R>(work: () => Promise<R>): Promise<R> => {
    const next = lock.then(work, work);
    lock = next.catch(() => undefined);
    return next;
  };

  /**
   * Flushes the partition's buffer up to its claimed end. `force` flushes even though the buffer
   * has not reached that end, for when the batch shows the missing offsets will never arrive as
   * records (dead-lettered here, say): the names still come from the claim, so they match.
   */
  const flush = async (partition: number, force = false): Promise<void> => {
    const buffer = buffers.get(partition);
    const head = buffer?.records[0];
    const tail = buffer?.records.at(-1);
    if (!buffer || !head || !tail) return;
    const key = intentKey(options.intentPrefix, options.topic, partition, head.offset);
    if (!buffer.intent) {
      const proposal = {
        topic: options.topic,
        partition,
        firstOffset: head.offset,
        lastOffset: tail.offset,
        keys: [],
        writtenAt: new Date(now()).toISOString(),
      };
      const { intent, claimed } = await claimIntent(options.store, key, proposal);
      if (!claimed) log.info({ ...intent }, 'another writer claimed this start offset; flushing to its boundary');
      buffer.intent = intent;
    }
    // A flush with an intent ends at its lastOffset, so whoever flushes from this start writes the
    // same files; records past it wait for the next flush, and a buffer that has not reached it yet waits.
    const intentEnd = BigInt(buffer.intent.lastOffset);
    if (!force && BigInt(tail.offset) < intentEnd) return;
    const records = buffer.records.filter((r) => BigInt(r.offset) <= intentEnd);
    const rest = buffer.records.filter((r) => BigInt(r.offset) > intentEnd);
    const range = { partition, firstOffset: buffer.intent.firstOffset, lastOffset: buffer.intent.lastOffset };
    let files = 0;
    for (const file of options.layout.files(records, range)) {
      await options.store.put(file.key, file.body, { contentType: 'application/vnd.apache.parquet' });
      files += 1;
      // A put can complete without giving timers a turn (a fast local store); heartbeats need one.
      await setImmediate();
    }
    const nextOffset = (intentEnd + 1n).toString();
    await commit(partition, nextOffset);
    if (rest.length === 0) buffers.delete(partition);
    else
      buffers.set(partition, {
        records: rest,
        bytes: rest.reduce((n, r) => n + options.layout.sizeOf(r), 0),
        openedAt: now(),
        intent: undefined,
      });
    filesWritten?.inc({ sink: options.name }, files);
    rowsWritten?.inc({ sink: options.name }, records.length);
    log.info({ ...range, files, rows: records.length }, 'flushed');
  };

  const due = (buffer: PartitionBuffer<T>): boolean =>
    buffer.records.length >= policy.maxRecords || buffer.bytes >= policy.maxBytes || now() - buffer.openedAt >= policy.maxAgeMs;

  /**
   * The memory budget over all partitions: the largest buffers are flushed (each at its own
   * boundary, so the names stay deterministic) until the total is back under it. A buffer bound
   * to a claim it has not reached yet cannot flush early, and is passed over.
   */
  const keepWithinBudget = async (): Promise<void> => {
    const tried = new Set<number>();
    for (;;) {
      let total = 0;
      let largest: number | undefined;
      for (const [partition, b] of buffers) {
        total += b.bytes;
        if (!tried.has(partition) && !b.intent && (largest === undefined || b.bytes > (buffers.get(largest)?.bytes ?? 0)))
          largest = partition;
      }
      if (total < policy.maxTotalBytes || largest === undefined) return;
      tried.add(largest);
      log.info(
        { partition: largest, bufferedBytes: total, maxTotalBytes: policy.maxTotalBytes },
        'sink over its memory budget; flushing the largest buffer',
      );
      budgetFlushes?.inc({ sink: options.name });
      await flush(largest);
    }
  };

  const handleBatch = async (batch: PartitionBatch<T>): Promise<void> => {
    let buffer = buffers.get(batch.partition);
    const committed = committedNext.get(batch.partition) ?? -1n;
    for (const record of batch.records) {
      const offset = BigInt(record.offset);
      if (offset < committed) continue;
      if (buffer) {
        const first = BigInt(buffer.records[0]?.offset ?? '0');
        const last = BigInt(buffer.records.at(-1)?.offset ?? '-1');
        // A retried or re-fetched batch delivers offsets the buffer already holds: same records, skip.
        if (offset >= first && offset <= last) continue;
        // The consumer went back before the buffer (a rebalance, a seek): start again from here.
        if (offset < first) {
          log.info({ partition: batch.partition, offset: record.offset }, 'consumer rewound; rebuilding buffer');
          buffers.delete(batch.partition);
          buffer = undefined;
        }
      }
      if (!buffer) {
        const intent = await readIntent(options.store, intentKey(options.intentPrefix, options.topic, batch.partition, record.offset));
        if (intent) log.info({ ...intent }, 'resuming an unfinished flush with the same boundary');
        buffer = { records: [], bytes: 0, openedAt: now(), intent };
        buffers.set(batch.partition, buffer);
      }
      buffer.records.push(detached(record));
      buffer.bytes += options.layout.sizeOf(record);
      const intentEnd = buffer.intent ? BigInt(buffer.intent.lastOffset) : undefined;
      if (intentEnd !== undefined ? offset >= intentEnd : due(buffer)) {
        await flush(batch.partition);
        buffer = buffers.get(batch.partition);
      }
    }
    // A retried batch skips records already buffered; the flush they should have caused is still due.
    if (buffer && !buffer.intent && due(buffer)) {
      await flush(batch.partition);
      buffer = buffers.get(batch.partition);
    }
    await keepWithinBudget();
    buffer = buffers.get(batch.partition);
    // Offsets the intent covered but that never arrive as records (dead-lettered, transaction
    // markers) must not hold the flush back.
    if (buffer?.intent && BigInt(batch.nextOffset) > BigInt(buffer.intent.lastOffset)) {
      await flush(batch.partition, true);
      buffer = buffers.get(batch.partition);
    }
    // Nothing buffered for this partition: everything up to the batch's end is done. A retried
    // batch can end before what this sink has already committed (a timed flush got there first):
    // committing its end would move the group back, and the next owner would write overlapping files.
    const done = committedNext.get(batch.partition) ?? -1n;
    if (!buffers.has(batch.partition) && BigInt(batch.nextOffset) >= done) await commit(batch.partition, batch.nextOffset);
  };

  return {
    get buffered() {
      let n = 0;
      for (const buffer of buffers.values()) n += buffer.records.length;
      return n;
    },
    handleBatch: (batch) => serial(() => handleBatch(batch)),
    flushDue: () =>
      serial(async () => {
        for (const [partition, buffer] of [...buffers]) if (due(buffer)) await flush(partition);
      }),
    flushAll: () =>
      serial(async () => {
        for (const partition of [...buffers.keys()]) await flush(partition);
      }),
    onAssignment(partitions) {
      // A buffer kept across a join can be stale and partial: this member, dropped from the group
      // (a stall past its session), held [22089] of a claim ending at 23265 while another member
      // flushed and committed the whole range; back in the group it resumed at the committed
      // 23267, took that record for the claim's end and wrote the claim's files with one record
      // over the complete ones (chaos: 1,176 archived rows lost). After a join the consumer reads
      // every partition from its committed offset again, so the buffers are rebuilt from there.
      // Dropped before the new generation's first batch, after any flush in progress (serial).
      const owned = new Set(partitions);
      void serial(async () => {
        for (const [partition, buffer] of [...buffers]) {
          log.info(
            { partition, records: buffer.records.length, owned: owned.has(partition) },
            'group joined; dropping the uncommitted buffer, the consumer reads it again',
          );
          buffers.delete(partition);
        }
        committedNext.clear();
      });
    },
  };
}
