// The flags of `sl ingest`, checked once before anything is read or sent: a wrong flag is a
// one-line usage error (exit 2), never a backfill that fails halfway.
import { usageError } from '../cli-error.ts';
import type { ParsedCommandArgs } from '../command.ts';
import { positiveNumber, rejectExtraArguments, wholeNumber } from '../flag-values.ts';

export interface IngestOptions {
  /** A file path, or '-' for stdin. */
  input: string;
  /** The gateway's POST /v1/mentions URL. @default $SL_GATEWAY_URL, else http://127.0.0.1:8080 */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. @default $SL_INGEST_TOKEN, else none */
  token: string | undefined;
  /** Mentions per request; the gateway takes up to 10,000 (INGEST_MAX_ITEMS). @default 500 */
  batchSize: number;
  /** At most this many mentions per second. @default undefined (as fast as the gateway answers) */
  rate: number | undefined;
  /** The source of mentions that name none. @default undefined (each line names its own) */
  source: string | undefined;
  /** No progress bar or progress lines; rejections and retries are still reported. @default false */
  quiet: boolean;
}

export const ingestUsage = 'sl ingest FILE|- [--url URL] [--token T] [--batch N] [--rate N] [--source S] [--quiet] [--json]';

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';
export const MAX_BATCH = 10_000;
// The gateway's own rule for a source (packages/contracts, mention-input.ts).
const SOURCE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function parseIngestOptions(args: ParsedCommandArgs, env: NodeJS.ProcessEnv): IngestOptions {
  const input = args.positionals[0];
  if (input === undefined) throw usageError(`ingest needs a file of mentions (JSON lines or a JSON array), or - for stdin: ${ingestUsage}`);
  rejectExtraArguments(args, 1, ingestUsage);
  const text = (name: string) => (typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined);
  const batchSize = wholeNumber(args.values.batch, '--batch', 'mentions') ?? 500;
  if (batchSize > MAX_BATCH) throw usageError(`--batch must be at most ${MAX_BATCH} (the gateway's limit per request), got "${batchSize}"`);
  const source = text('source');
  if (source !== undefined && !SOURCE.test(source)) {
    throw usageError(`--source must be a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "${source}"`);
  }
  const token = text('token') ?? (env.SL_INGEST_TOKEN || undefined);
  return Object.freeze({
    input,
    url: mentionsUrl(text('url') ?? (env.SL_GATEWAY_URL || DEFAULT_GATEWAY_URL), text('url') !== undefined ? '--url' : 'SL_GATEWAY_URL'),
    token,
    batchSize,
    rate: positiveNumber(args.values.rate, '--rate', 'mentions per second'),
    source,
    quiet: args.values.quiet === true,
  });
}

/** The gateway's address as given (`http://host:8080`, or a path in front of it) -> its POST /v1/mentions URL. */
export function mentionsUrl(given: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw usageError(`${flag} must be an http(s) URL like ${DEFAULT_GATEWAY_URL}, got "${given}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`${flag} must be an http(s) URL like ${DEFAULT_GATEWAY_URL}, got "${given}"`);
  if (!url.pathname.endsWith('/v1/mentions')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/mentions`;
  return url.toString();
}
