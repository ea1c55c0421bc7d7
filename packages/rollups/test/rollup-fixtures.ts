// Hand-built scored mentions and records, a temp folder for Parquet files and a DuckDB
// connection that may not download anything (extension autoload and autoinstall off).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SinkFile } from '@sl/archive';
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';

export const TOPIC = 'mentions.scored';
/** 2024-05-01T10:00:00Z */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export interface MentionShape {
  n: number;
  brandId?: string;
  source?: string;
  publishedAt?: number;
  /** Delay from publication to ingestion. @default 5 s */
  delay?: number;
  handle?: string;
  followers?: number | null;
  compound?: number;
  label?: ScoredMention['sentiment']['label'];
  isDuplicate?: boolean;
  spamScore?: number;
  lang?: string | null;
  detectedLang?: string | null;
  text?: string;
  title?: string | null;
  role?: ScoredMention['role'];
}

export function scored(shape: MentionShape): ScoredMention {
  const n = shape.n;
  const source = shape.source ?? 'rss';
  const publishedAt = shape.publishedAt ?? T0;
  const compound = shape.compound ?? 0;
  return {
    id: `${source}:m${n}`,
    source,
    sourceId: `m${n}`,
    text: shape.text ?? `Post ${n} about gadgets`,
    title: shape.title === undefined ? null : shape.title,
    url: `https://example.com/${n}`,
    lang: shape.lang === undefined ? 'en' : shape.lang,
    publishedAt,
    ingestedAt: publishedAt + (shape.delay ?? 5_000),
    author: { handle: shape.handle ?? `h${n}`, name: `Name ${n}`, followers: shape.followers === undefined ? n * 10 : shape.followers },
    engagement: { likes: n, shares: n + 1, replies: n + 2 },
    parentId: null,
    brandId: shape.brandId ?? 'acme',
    matchedTerms: ['acme'],
    isDuplicate: shape.isDuplicate ?? false,
    duplicateOf: shape.isDuplicate ? `${source}:m0` : null,
    spamScore: shape.spamScore ?? 0.1,
    spamReasons: (shape.spamScore ?? 0) > 0.5 ? ['links'] : [],
    detectedLang: shape.detectedLang === undefined ? 'en' : shape.detectedLang,
    role: shape.role ?? 'mention',
    threadId: shape.role === 'thread_reply' ? `${source}:m0` : null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    sentiment: {
      compound,
      label: shape.label ?? (compound > 0.05 ? 'positive' : compound < -0.05 ? 'negative' : 'neutral'),
      drivers: [{ term: 'good', weight: compound }],
    },
  };
}

export function record(partition: number, offset: number, value: ScoredMention): ConsumedRecord<ScoredMention> {
  return {
    topic: TOPIC,
    partition,
    offset: String(offset),
    key: Buffer.from(value.brandId),
    value,
    headers: {},
    timestamp: value.ingestedAt,
  };
}

/** Records for consecutive offsets from `first`. */
export function records(partition: number, first: number, mentions: ScoredMention[]): ConsumedRecord<ScoredMention>[] {
  return mentions.map((m, i) => record(partition, first + i, m));
}

export const thresholds: Record<string, number> = { acme: 0.7, globex: 0.5, initech: 0.9 };
export const spamThresholdOf = (brandId: string): number => thresholds[brandId] ?? 0.8;

export async function tempDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sl-rollups-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeFiles(dir: string, files: SinkFile[]): Promise<void> {
  for (const file of files) {
    const target = path.join(dir, file.key);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
}

export async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  return {
    async run(sql: string): Promise<void> {
      await connection.run(sql);
    },
    /** Rows with BIGINT/HUGEINT as strings, TIMESTAMP as ISO-like text, DOUBLE as numbers. */
    async rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    },
    close(): void {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
