// The one interface every connector implements. A connector knows its source's format and how
// to page through it; the SDK owns everything else (config validation, HTTP retries, checkpoints,
// validation into RawMention, hand-off to Kafka, dead letters, metrics, logs, shutdown).
import type { Logger } from '@sl/observability';
import type { z } from 'zod';
import type { HttpClient } from './http-client.ts';

/**
 * One step of a read: mention-shaped items (the JSON the ingest gateway accepts, see
 * docs/ingest.md) and the position to resume from once they are all durable. The SDK validates
 * each item, hands the valid ones to mentions.raw, dead-letters the rest, and only then saves
 * `checkpoint`. A batch may be empty (a page with nothing new still moves the position).
 */
export interface SourceBatch<K> {
  items: readonly unknown[];
  checkpoint: K;
}

export interface Progress {
  /** Work done so far in `unit`s (bytes read, pages fetched). */
  done: number;
  /** Total when known. */
  total?: number;
  /** @default 'items' */
  unit?: string;
  /** What is being worked on, e.g. the file name. */
  detail?: string;
}

export interface ConnectorContext<C, K> {
  /** The instance's config, validated by the connector's configSchema and frozen. */
  readonly config: C;
  /** Where the previous run stopped; undefined on the first run. */
  readonly checkpoint: K | undefined;
  /** HTTP with timeouts, rate limit, backoff on 429/5xx honouring Retry-After. */
  readonly http: HttpClient;
  /** Aborted at shutdown: stop between pages (the SDK also stops between batches). */
  readonly signal: AbortSignal;
  /** A child logger with the connector's name and kind. */
  readonly logger: Logger;
  /** Epoch ms; replaced in tests. */
  now(): number;
  /** Reports progress (backfills); the runner logs it and the CLI draws a bar from it. */
  progress(progress: Progress): void;
}

/**
 * A connector. `read` is an async generator for pull sources (fetch a page, yield it) and for
 * push sources alike (yield whenever enough events have arrived; see `createPushQueue`).
 * It must be resumable: given `ctx.checkpoint` from a batch it yielded, it continues right after
 * that batch, without repeating or skipping an item.
 */
export interface Connector<C = unknown, K = unknown> {
  /** The connector's kind, e.g. 'rss', 'mastodon'. Lower-case, used in metrics and config files. */
  readonly name: string;
  /** What the connector is for, shown by `sl connectors list`. */
  readonly description: string;
  /** The instance config; errors name the field. */
  readonly configSchema: z.ZodType<C>;
  /** Guards a checkpoint read back from storage (written by an older release, or by hand). */
  readonly checkpointSchema: z.ZodType<K>;
  read(ctx: ConnectorContext<C, K>): AsyncIterable<SourceBatch<K>>;
}

/** Lets a connector module be typed once: `export const rss = defineConnector({...})`. */
export function defineConnector<C, K>(connector: Connector<C, K>): Connector<C, K> {
  return Object.freeze(connector);
}

// An item the connector could not even shape into a mention (a JSONL line that is not JSON, a
// feed entry with no id). It travels in the batch like any item, so its position is
// checkpointed with the rest, and the SDK dead-letters it with the reason.
const malformedBrand = Symbol.for('@sl/connector-sdk.MalformedItem');

export interface MalformedItem {
  readonly [malformedBrand]: true;
  readonly reason: string;
  /** What the source sent, kept in the dead letter so it can be replayed once fixed. */
  readonly original: unknown;
  /** The source id, when the connector could tell it. */
  readonly sourceId?: string;
}

export function malformed(reason: string, original: unknown, sourceId?: string): MalformedItem {
  return { [malformedBrand]: true, reason, original, ...(sourceId === undefined ? {} : { sourceId }) };
}

export function isMalformed(item: unknown): item is MalformedItem {
  return typeof item === 'object' && item !== null && (item as Record<symbol, unknown>)[malformedBrand] === true;
}
