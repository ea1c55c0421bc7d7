// Turns a POST body into the items it carries: one JSON mention, a JSON array of mentions, or
// NDJSON (one mention per line). A line of NDJSON that is not JSON is that item's error, not the
// whole request's.
export type BodyItem = { ok: true; value: unknown } | { ok: false; message: string };

export type ParsedBody =
  | { ok: true; items: BodyItem[] }
  | { ok: false; status: 400 | 415; message: string };

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
