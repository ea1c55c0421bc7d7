import { Writable } from 'node:stream';
import type { Alert } from '@sl/contracts';
import type { ConsumedRecord, PartitionBatch } from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_ARCHIVE_INTENTS, alertArchiveKey, createAlertArchiveSink } from '../src/alert-archive.ts';
import { alertArchiveColumns } from '../src/alert-parquet.ts';
import { intentKey } from '../src/flush-intents.ts';
import { keys, readRows, snapshot, tempStore } from './archive-fixtures.ts';

const TOPIC = 'alerts.acme';
const MAY1 = Date.UTC(2024, 4, 1, 10, 0);
const MAY2 = Date.UTC(2024, 4, 2, 23, 59);

/** An alert whose fields derive from n, every optional part set on even n and null on odd. */
function alert(n: number, windowStart: number, brandId = 'acme'): Alert {
  const even = n % 2 === 0;
  return {
    id: `${brandId}:volume_spike:${n}`,
    brandId,
    kind: even ? 'volume_spike' : 'influential_voice',
    severity: even ? 'critical' : 'info',
    windowStart,
    windowEnd: windowStart + 60_000,
    observed: 40 + n,
    expected: 12.5,
    mentionIds: [`rss:m${n}`, `rss:m${n + 1}`],
    sampleTexts: [`text ${n} "quoted" é`],
    explanation: `spike ${n}`,
    createdAt: windowStart + 120_000,
    author: even ? null : `rss:writer${n}`,
    url: even ? null : `https://example.org/${n}`,
    sentiment: even ? null : -0.25,
    influence: even ? null : { score: 71.5, reach: 0.5, engagement: 0.25, conversation: 0.125, consistency: 1, relevance: 0.75, listed: null },
    historical: n === 3,
  };
}

const record = (offset: number, value: Alert): ConsumedRecord<Alert> => ({
  topic: TOPIC,
  partition: 0,
  offset: String(offset),
  key: Buffer.from(value.id),
  value,
  headers: {},
  timestamp: value.createdAt,
});
const batch = (records: ConsumedRecord<Alert>[]): PartitionBatch<Alert> => ({
  topic: TOPIC,
  partition: 0,
  records,
  nextOffset: String(Number(records.at(-1)?.offset) + 1),
});

/** The row the archive writes for a record, as hyparquet reads it back. */
function row(r: ConsumedRecord<Alert>) {
  const a = r.value;
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    window_start: new Date(a.windowStart),
    window_end: new Date(a.windowEnd),
    observed: a.observed,
    expected: a.expected,
    mention_ids: a.mentionIds,
    sample_texts: a.sampleTexts,
    explanation: a.explanation,
    created_at: new Date(a.createdAt),
    author: a.author,
    url: a.url,
    sentiment: a.sentiment,
    influence: a.influence,
    historical: a.historical,
    kafka_partition: r.partition,
    kafka_offset: BigInt(r.offset),
  };
}

const disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
});

async function setup(maxRecords: number) {
  const temp = await tempStore();
  disposers.push(temp.dispose);
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const logger = createRootLogger({ service: 't', level: 'warn', destination });
  const commits: Array<[number, string]> = [];
  const make = () =>
    createAlertArchiveSink({
      brandId: 'acme',
      topic: TOPIC,
      store: temp.store,
      logger,
      policy: { maxRecords },
      commit: async (partition, next) => {
        commits.push([partition, next]);
      },
    });
  return { store: temp.store, make, commits, lines };
}

const part = (date: string, first: number, last: number) => `alerts/v1/brand=acme/date=${date}/part-0-${first}-${last}.parquet`;

describe('alert archive sink', () => {
  it('writes one file per window date with every field of every alert, then commits last + 1', async () => {
    const { store, make, commits } = await setup(4);
    const sink = make();
    const records = [record(20, alert(0, MAY1)), record(21, alert(1, MAY2)), record(22, alert(2, MAY1 + 60_000)), record(23, alert(3, MAY1))];
    await sink.handleBatch(batch(records));
    expect(await keys(store, 'alerts/')).toEqual([part('2024-05-01', 20, 23), part('2024-05-02', 20, 23)]);
    expect(await readRows(store, part('2024-05-01', 20, 23))).toEqual([row(records[0] as ConsumedRecord<Alert>), row(records[2] as ConsumedRecord<Alert>), row(records[3] as ConsumedRecord<Alert>)]);
    expect(await readRows(store, part('2024-05-02', 20, 23))).toEqual([row(records[1] as ConsumedRecord<Alert>)]);
    expect(Object.keys(row(records[0] as ConsumedRecord<Alert>))).toEqual([...alertArchiveColumns]);
    expect(commits).toEqual([
      [0, '24'],
      [0, '24'],
    ]);
    expect(await keys(store, '_sink-state/')).toEqual([intentKey(ALERT_ARCHIVE_INTENTS, TOPIC, 0, '20')]);
  });

  it('writes nothing and commits nothing before a flush; stop flushes what it holds', async () => {
    const { store, make, commits } = await setup(10);
    const sink = make();
    await sink.handleBatch(batch([record(0, alert(0, MAY1)), record(1, alert(1, MAY1))]));
    expect(await keys(store, 'alerts/')).toEqual([]);
    expect(commits).toEqual([]);
    await sink.flushAll();
    expect(await keys(store, 'alerts/')).toEqual([part('2024-05-01', 0, 1)]);
    expect(commits).toEqual([[0, '2']]);
  });

  it('rewrites the same objects byte for byte when a new owner reads the same offsets again', async () => {
    const { store, make, commits } = await setup(3);
    const records = [record(5, alert(4, MAY1)), record(6, alert(5, MAY2)), record(7, alert(6, MAY2))];
    await make().handleBatch(batch(records));
    const first = await snapshot(store, 'alerts/');
    // A crash after the upload and before the commit: the next owner reads 5..7 again.
    await make().handleBatch(batch(records));
    expect(await snapshot(store, 'alerts/')).toEqual(first);
    expect([...first.keys()]).toEqual([part('2024-05-01', 5, 7), part('2024-05-02', 5, 7)]);
    expect(commits.map(([, next]) => next)).toEqual(['8', '8', '8', '8']);
  });

  it("archives an alert naming another brand under the topic's brand, and says so in the log", async () => {
    const { store, make, lines } = await setup(1);
    const foreign = record(9, alert(8, MAY1, 'globex'));
    await make().handleBatch(batch([foreign]));
    expect(await keys(store, 'alerts/')).toEqual([part('2024-05-01', 9, 9)]);
    expect(await keys(store, 'alerts/v1/brand=globex')).toEqual([]);
    expect(lines.map((l) => [l.msg, l.claimed, l.offset])).toEqual([["an alert on this brand's topic names another brand; archived under the topic's brand", 'globex', '9']]);
  });

  it('names files under the brand partition, escaped like every partition value', () => {
    expect(alertArchiveKey({ brandId: 'acme eu/1', date: '2024-05-01', partition: 0, firstOffset: '3', lastOffset: '9' })).toBe(
      'alerts/v1/brand=acme%20eu%2F1/date=2024-05-01/part-0-3-9.parquet',
    );
  });
});
