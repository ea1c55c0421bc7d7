// Turns a POST body into the items it carries: one JSON mention, a JSON array of mentions, or
// NDJSON (one mention per line). A line of NDJSON that is not JSON is that item's error, not the
// whole request's.
import { isUtf8 } from 'node:buffer';

export type BodyItem = { ok: true; value: unknown } | { ok: false; message: string };

export type ParsedBody =
  | { ok: true; items: BodyItem[] }
  | { ok: false; status: 400 | 415; message: string };

/**
 * The body as text. Bytes that are not UTF-8 are refused, not replaced: a U+FFFD in place of what
 * the sender meant would reach the archive looking valid. A leading byte-order mark is dropped.
 */
export function decodeBody(raw: Buffer): { ok: true; text: string } | { ok: false; status: 400; message: string } {
  if (!isUtf8(raw)) {
    const offset = firstInvalidUtf8Byte(raw);
    const byte = (raw[offset] ?? 0).toString(16).padStart(2, '0');
    return { ok: false, status: 400, message: `body is not valid UTF-8: the bytes at offset ${offset} (0x${byte}…) are not a UTF-8 character; send UTF-8 text` };
  }
  const text = raw.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Offset where the first byte sequence that is not well-formed UTF-8 (RFC 3629) starts. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0; // overlong
      if (b === 0xed) max = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90; // overlong
      if (b === 0xf4) max = 0x8f; // above U+10FFFF
    } else return i; // a continuation byte with no lead, an overlong lead (C0, C1), or F5-FF
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}

const ndjsonTypes = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines']);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseRequestBody(contentType: string | undefined, body: string): ParsedBody {
  const type = mediaType(contentType);
  if (ndjsonTypes.has(type)) return { ok: true, items: parseNdjson(body) };
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return {
      ok: false,
      status: 415,
      message: `unsupported content-type "${type || '(none)'}": send application/json (one mention or an array) or application/x-ndjson (one mention per line)`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { ok: false, status: 400, message: `body is not valid JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(parsed)) return { ok: true, items: parsed.map((value) => ({ ok: true, value })) };
  if (parsed !== null && typeof parsed === 'object') return { ok: true, items: [{ ok: true, value: parsed }] };
  return { ok: false, status: 400, message: 'body must be a JSON object (one mention) or an array of mentions' };
}

function parseNdjson(body: string): BodyItem[] {
  const lines = body.split('\n');
  // A trailing newline ends the last record; it does not start an empty one.
  if (lines.at(-1)?.trim() === '') lines.pop();
  return lines.map((line, index) => {
    if (line.trim() === '') return { ok: false, message: `line ${index + 1} is empty` };
    try {
      return { ok: true, value: JSON.parse(line) };
    } catch (error) {
      return { ok: false, message: `line ${index + 1} is not valid JSON: ${(error as Error).message}` };
    }
  });
}
