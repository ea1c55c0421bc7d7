// sl ingest against a real HTTP server on 127.0.0.1 playing the gateway (scripted answers, every
// request recorded): what is read from JSON lines, arrays and stdin, how 429/5xx/413/no answer
// are handled, what is reported per line, the summary and the exit codes. Waits go through the
// injected sleep and are recorded, never waited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type ReceivedRequest, type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver } from '@sl/alerting/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseIngestOptions } from '../src/ingest/ingest-options.ts';
import { createProgressReporter, progressBar, progressLine } from '../src/ingest/ingest-progress.ts';
import { openInput } from '../src/ingest/read-inputs.ts';
import { runIngest } from '../src/ingest/run-ingest.ts';
import { commands, runCli } from '../src/index.ts';

const mention = (n: number, overrides: Record<string, unknown> = {}) => ({
  source: 'rss',
  id: `m-${n}`,
  text: `Acme review ${n}`,
  publishedAt: '2026-11-24T09:30:00Z',
  author: { handle: `@writer${n}` },
  ...overrides,
});
const YESTERDAY = 'expected an ISO 8601 date-time with a timezone, got "yesterday"';

/** What the real gateway answers, reduced to one rule: publishedAt "yesterday" is invalid. */
function gatewayAnswer(request: ReceivedRequest): ReceiverAnswer {
  const items = JSON.parse(request.body.toString('utf8')) as Array<Record<string, unknown>>;
  const ids: string[] = [];
  const rejected: unknown[] = [];
  items.forEach((item, index) => {
    if (item.publishedAt === 'yesterday') rejected.push({ index, id: item.id, errors: [{ path: 'publishedAt', message: YESTERDAY }] });
    else ids.push(`${String(item.source)}:${String(item.id)}`);
  });
  const status = rejected.length === 0 ? 202 : ids.length === 0 ? 400 : 207;
  const body = { ...(ids.length === 0 ? { error: 'no valid mentions in the request' } : {}), accepted: ids.length, ids, ...(rejected.length ? { rejected } : {}) };
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

let gateway: WebhookReceiver | undefined;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ingest-'));
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** A gateway that answers `scripted` first, in turn, then as the real one would. */
async function startGateway(scripted: ReceiverAnswer[] = []): Promise<WebhookReceiver> {
  gateway = await startWebhookReceiver((request, earlier) => scripted[earlier.length] ?? gatewayAnswer(request));
  return gateway;
}

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
}

const sent = (request: ReceivedRequest | undefined) => (JSON.parse(request?.body.toString('utf8') ?? '[]') as Array<{ id: string }>).map((m) => m.id);

function options(input: string, url: string, overrides: Partial<ReturnType<typeof parseIngestOptions>> = {}) {
  return { input, url: `${url}/v1/mentions`, token: undefined, batchSize: 500, rate: undefined, source: undefined, quiet: true, ...overrides };
}

function runtime() {
  const notes: string[] = [];
  const slept: number[] = [];
  return {
    notes,
    slept,
    runtime: {
      write: (text: string) => notes.push(text),
      progress: 'off' as const,
      retry: { initialDelayMs: 0 },
      sleep: async (ms: number) => {
        slept.push(ms);
      },
    },
  };
}

describe('reading mentions', () => {
  async function readAll(input: string, stdin?: NodeJS.ReadableStream) {
    const reader = await openInput(input, stdin);
    const items = [];
    for await (const item of reader.items) items.push(item);
    return { unit: reader.unit, total: reader.total, items };
  }

  it('reads JSON lines with their line numbers: blank lines skipped, CRLF and a byte-order mark taken, a bad line kept as its error', async () => {
    const input = file('m.jsonl', `\uFEFF${JSON.stringify(mention(1))}\r\n\n  \nnot json\n${JSON.stringify(mention(2))}`);
    expect(await readAll(input)).toEqual({
      unit: 'line',
      total: 3,
      items: [
        { at: 1, value: mention(1) },
        { at: 4, error: 'not valid JSON' },
        { at: 5, value: mention(2) },
      ],
    });
  });

  it('reads a JSON array by item, and stdin for -', async () => {
    const input = file('m.json', `\n  ${JSON.stringify([mention(1), mention(2)], null, 2)}\n`);
    expect(await readAll(input)).toEqual({ unit: 'item', total: 2, items: [{ at: 1, value: mention(1) }, { at: 2, value: mention(2) }] });
    // A character split across chunks stays whole.
    const bytes = Buffer.from(`${JSON.stringify(mention(1, { text: 'ünï' }))}\n${JSON.stringify(mention(2))}\n`);
    const stdin = Readable.from([bytes.subarray(0, 40), bytes.subarray(40, 41), bytes.subarray(41)]);
    expect(await readAll('-', stdin)).toEqual({
      unit: 'line',
      total: undefined,
      items: [
        { at: 1, value: mention(1, { text: 'ünï' }) },
        { at: 2, value: mention(2) },
      ],
    });
  });

  it('says which file cannot be read, and an array that is not JSON', async () => {
    await expect(openInput(path.join(dir, 'missing.jsonl'))).rejects.toThrow(
      `cannot read ${path.join(dir, 'missing.jsonl')}: ENOENT: no such file or directory, open '${path.join(dir, 'missing.jsonl')}'`,
    );
    const broken = file('broken.json', '[{"id": 1},');
    await expect(openInput(broken)).rejects.toThrow(/^.*broken\.json starts with "\[" but is not a JSON array: /);
  });
});

describe('posting batches', () => {
  it('posts in batches, waits out 429 Retry-After, retries 503, reports rejected lines in file order', async () => {
    const { url } = await startGateway([
      { status: 429, headers: { 'retry-after': '2' }, body: '{"error":"rate limit for token \\"ci\\" is 10 mentions/s"}' },
      { status: 503, body: '{"error":"Kafka did not acknowledge the mentions; retry the request"}' },
    ]);
    const input = file(
      'm.jsonl',
      [mention(1), mention(2, { publishedAt: 'yesterday' }), 'oops', mention(3), mention(4), mention(5, { publishedAt: 'yesterday' })]
        .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
        .join('\n'),
    );
    const { notes, slept, runtime: rt } = runtime();
    const summary = await runIngest(options(input, url, { batchSize: 3, token: 'tok-0123456789abcdef' }), rt);
    expect(summary).toEqual({ accepted: 3, rejected: 3, seconds: expect.any(Number), rate: expect.any(Number) });
    expect(notes).toEqual([
      'sl ingest: the gateway answered 429 (rate limit for token "ci" is 10 mentions/s); retrying (attempt 2 of 10)\n',
      'sl ingest: the gateway answered 503 (Kafka did not acknowledge the mentions; retry the request); retrying (attempt 3 of 10)\n',
      `sl ingest: line 2 (id "m-2"): publishedAt: ${YESTERDAY}\n`,
      'sl ingest: line 3: not valid JSON\n',
      `sl ingest: line 6 (id "m-5"): publishedAt: ${YESTERDAY}\n`,
    ]);
    expect(slept).toEqual([2_000, 0]);
    // The first batch three times (the same bytes), then the rest; the bad JSON line never sent.
    expect(gateway?.requests.map(sent)).toEqual([['m-1', 'm-2'], ['m-1', 'm-2'], ['m-1', 'm-2'], ['m-3', 'm-4', 'm-5']]);
    expect(gateway?.requests[0]?.headers).toMatchObject({ authorization: 'Bearer tok-0123456789abcdef', 'content-type': 'application/json' });
    expect(gateway?.requests[0]?.path).toBe('/v1/mentions');
  });

  it('halves a batch the gateway finds too large, and rejects a single mention that still is', async () => {
    const tooLarge = (request: ReceivedRequest) => JSON.parse(request.body.toString()).length > 2 || request.body.includes('HUGE');
    gateway = await startWebhookReceiver((request) =>
      tooLarge(request) ? { status: 413, body: '{"error":"request body is larger than the limit of 100 bytes"}' } : gatewayAnswer(request),
    );
    const input = file('m.jsonl', [1, 2, 3, 4, 5].map((n) => JSON.stringify(mention(n, n === 4 ? { text: 'HUGE' } : {}))).join('\n'));
    const { notes, runtime: rt } = runtime();
    const summary = await runIngest(options(input, gateway.url, { batchSize: 5 }), rt);
    expect(summary).toMatchObject({ accepted: 4, rejected: 1 });
    expect(notes).toEqual(['sl ingest: line 4 (id "m-4"): request body is larger than the limit of 100 bytes\n']);
    expect(gateway.requests.map(sent)).toEqual([
      ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'],
      ['m-1', 'm-2', 'm-3'],
      ['m-1', 'm-2'],
      ['m-3'],
      ['m-4', 'm-5'],
      ['m-4'],
      ['m-5'],
    ]);
  });

  it('retries a request that gets no answer, and gives up after the last attempt with the reason', async () => {
    const { url } = await startGateway(['no-answer']);
    const input = file('m.jsonl', JSON.stringify(mention(1)));
    const { notes, runtime: rt } = runtime();
    expect(await runIngest(options(input, url), { ...rt, retry: { initialDelayMs: 0, timeoutMs: 200 } })).toMatchObject({ accepted: 1, rejected: 0 });
    expect(notes).toEqual([`sl ingest: no answer from the gateway at ${url}/v1/mentions (no answer within 0.2 s); retrying (attempt 2 of 10)\n`]);

    await gateway?.close();
    gateway = await startWebhookReceiver(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const second = runtime();
    await expect(runIngest(options(input, gateway.url), { ...second.runtime, retry: { initialDelayMs: 0, maxAttempts: 3 } })).rejects.toThrow(
      'gave up after 3 attempts: the gateway answered 502 (<html>bad gateway</html>)',
    );
    expect(second.notes).toHaveLength(2);
    expect(gateway.requests).toHaveLength(3);
  });

  it('fills in --source where a mention names none, and paces to --rate in batches of at most the rate', async () => {
    const { url } = await startGateway();
    const input = file('m.json', JSON.stringify([mention(1, { source: undefined }), mention(2, { source: 'mastodon' }), mention(3, { source: null })]));
    const { slept, runtime: rt } = runtime();
    // A clock that stands still: the second request is due one second (2 mentions at 2/s) after the start.
    expect(await runIngest(options(input, url, { source: 'blog', rate: 2 }), { ...rt, now: () => 0 })).toEqual({ accepted: 3, rejected: 0, seconds: 0, rate: 3 });
    expect(slept).toEqual([1_000]);
    expect(gateway?.requests.map((r) => JSON.parse(r.body.toString()).map((m: { source: string }) => m.source))).toEqual([['blog', 'mastodon'], ['blog']]);
  });
});

describe('progress', () => {
  const state = { done: 4_500, accepted: 4_490, rejected: 10, total: 10_000, elapsedMs: 3_000 };

  it('draws a bar with counts, rate and time left, or counts alone without a total', () => {
    expect(progressBar(state)).toBe('[███████████░░░░░░░░░░░░░]  45%  4,500/10,000  accepted 4,490  rejected 10  1,500/s  ETA 4s');
    expect(progressBar({ ...state, total: undefined })).toBe('4,500 sent  accepted 4,490  rejected 10  1,500/s');
    expect(progressLine(state)).toBe('sl ingest: 4,500 of 10,000 (45%), accepted 4,490, rejected 10, 1,500/s');
  });

  it('redraws the bar in place, puts notes above it and clears it at the end', () => {
    const writes: string[] = [];
    let now = 0;
    const reporter = createProgressReporter({ mode: 'bar', write: (t) => writes.push(t), now: () => now });
    reporter.update({ ...state, done: 1, accepted: 1, rejected: 0, total: 2 });
    now = 50;
    reporter.update({ ...state, done: 2, accepted: 1, rejected: 1, total: 2 }); // within 100 ms: not drawn
    reporter.note('sl ingest: line 2: not valid JSON');
    reporter.finish();
    expect(writes).toEqual([
      '\r\x1b[K[████████████░░░░░░░░░░░░]  50%  1/2  accepted 1  rejected 0  0/s  ETA 3s',
      '\r\x1b[K',
      'sl ingest: line 2: not valid JSON\n',
      '\r\x1b[K[████████████████████████] 100%  2/2  accepted 1  rejected 1  1/s  ETA 0s',
      '\r\x1b[K',
    ]);
  });

  it('prints a line every interval when stderr is not a terminal, the first after one interval', () => {
    const writes: string[] = [];
    let now = 0;
    const reporter = createProgressReporter({ mode: 'lines', write: (t) => writes.push(t), now: () => now, lineIntervalMs: 5_000 });
    reporter.update(state);
    now = 5_000;
    reporter.update(state);
    now = 6_000;
    reporter.update(state);
    expect(writes).toEqual([`${progressLine(state)}\n`]);
  });
});

describe('sl ingest', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  });

  it('exits 0 when every mention is accepted, 1 when some are rejected; --json prints the summary', async () => {
    const { url } = await startGateway();
    const good = file('good.jsonl', [1, 2, 3].map((n) => JSON.stringify(mention(n))).join('\n'));
    expect(await runCli(commands, ['ingest', good, '--url', url, '--quiet'], {})).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^accepted 3, rejected 0 in \d+\.\d s \([\d.]+\/s\)\n$/)]);
    expect(err).toEqual([]);

    out.length = 0;
    const mixed = file('mixed.jsonl', [mention(1), mention(2, { publishedAt: 'yesterday' })].map((m) => JSON.stringify(m)).join('\n'));
    expect(await runCli(commands, ['ingest', mixed, '--json', '--batch', '1'], { SL_GATEWAY_URL: url })).toBe(1);
    expect(out.map((l) => JSON.parse(l))).toEqual([{ accepted: 1, rejected: 1, seconds: expect.any(Number), rate: expect.any(Number) }]);
    expect(err).toEqual([`sl ingest: line 2 (id "m-2"): publishedAt: ${YESTERDAY}\n`, 'sl: 1 of 2 mentions were rejected (the lines are listed above)\n']);
  });

  it('exits 1 with one line when the gateway refuses the request as a whole', async () => {
    const { url } = await startGateway([{ status: 401, body: '{"error":"missing Authorization header; send \\"Authorization: Bearer <token>\\""}' }]);
    const good = file('good.jsonl', JSON.stringify(mention(1)));
    expect(await runCli(commands, ['ingest', good, '--url', `${url}/`], {})).toBe(1);
    expect(err).toEqual([`sl: the gateway at ${url}/v1/mentions answered 401 (missing Authorization header; send "Authorization: Bearer <token>")\n`]);
    expect(out).toEqual([]);
  });

  it('exits 2 with one line for every usage error, before reading anything', async () => {
    const cases: Array<[string[], string]> = [
      [['ingest'], 'ingest needs a file of mentions (JSON lines or a JSON array), or - for stdin: sl ingest FILE|- [--url URL] [--token T] [--batch N] [--rate N] [--source S] [--quiet] [--json]'],
      [['ingest', 'a.jsonl', 'b.jsonl'], 'unexpected argument "b.jsonl"; usage: sl ingest FILE|- [--url URL] [--token T] [--batch N] [--rate N] [--source S] [--quiet] [--json]'],
      [['ingest', 'a.jsonl', '--batch', '0'], '--batch must be a whole number of mentions, at least 1, got "0"'],
      [['ingest', 'a.jsonl', '--batch', '10001'], '--batch must be at most 10000 (the gateway\'s limit per request), got "10001"'],
      [['ingest', 'a.jsonl', '--rate', 'fast'], '--rate must be a positive number of mentions per second, got "fast"'],
      [['ingest', 'a.jsonl', '--url', 'ftp://x'], '--url must be an http(s) URL like http://127.0.0.1:8080, got "ftp://x"'],
      [['ingest', 'a.jsonl', '--source', 'My Blog'], '--source must be a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "My Blog"'],
      [['ingest', 'a.jsonl', '--brokers', 'x:1'], 'unknown flag --brokers; usage: sl ingest FILE|- [--url URL] [--token T] [--batch N] [--rate N] [--source S] [--quiet] [--json]'],
    ];
    for (const [argv] of cases) expect(await runCli(commands, argv, {})).toBe(2);
    expect(err).toEqual(cases.map(([, message]) => `sl: ${message}\n`));
    expect(out).toEqual([]);
  });

  it('exits 1 naming a file it cannot read', async () => {
    expect(await runCli(commands, ['ingest', path.join(dir, 'nope.jsonl')], {})).toBe(1);
    expect(err).toEqual([`sl: cannot read ${path.join(dir, 'nope.jsonl')}: ENOENT: no such file or directory, open '${path.join(dir, 'nope.jsonl')}'\n`]);
  });
});

describe('ingest options', () => {
  it('reads the flags, then the environment, then the defaults, into one frozen object', () => {
    const parsed = parseIngestOptions({ values: {}, positionals: ['m.jsonl'] }, {});
    expect(parsed).toEqual({
      input: 'm.jsonl',
      url: 'http://127.0.0.1:8080/v1/mentions',
      token: undefined,
      batchSize: 500,
      rate: undefined,
      source: undefined,
      quiet: false,
    });
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(
      parseIngestOptions(
        { values: { batch: '1000', rate: '2.5', source: 'blog', quiet: true }, positionals: ['-'] },
        { SL_GATEWAY_URL: 'https://lb.example/sl', SL_INGEST_TOKEN: 'tok-from-env-0123456789' },
      ),
    ).toEqual({ input: '-', url: 'https://lb.example/sl/v1/mentions', token: 'tok-from-env-0123456789', batchSize: 1000, rate: 2.5, source: 'blog', quiet: true });
  });
});
