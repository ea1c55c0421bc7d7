// A body over maxBodyBytes gets its 413 even when the client is still writing that body as the
// answer arrives: the gateway reads and throws away the rest (within bounds) before it closes the
// connection, so the client's writes do not fail with EPIPE or ECONNRESET before it can read the answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestLimits } from '../src/ingest-limits.ts';
import { createIngestServer } from '../src/ingest-server.ts';
import { recordingSender } from './recording-sender.ts';

const LIMIT = 16 * 1024;
const CHUNK = Buffer.alloc(4 * 1024, 'x');
const TOO_LARGE = { error: `request body is larger than the limit of ${LIMIT} bytes; split it into smaller requests` };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(limits: Partial<IngestLimits> = {}) {
  const { sender, sent } = recordingSender();
  const lines: string[] = [];
  const destination = new Writable({
    write(line: Buffer, _encoding, done) {
      lines.push(line.toString('utf8'));
      done();
    },
  });
  const server = createIngestServer({
    sender,
    logger: createRootLogger({ service: 't', level: 'warn', destination }),
    registry: createMetricsRegistry('t'),
    health: () => ({ status: 'ok', checks: {} }),
    limits: { maxBodyBytes: LIMIT, ...limits },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  const discardedBytes = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return Number(/^sl_ingest_discarded_body_bytes_total\S* (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
  };
  /** The gateway's warnings about connections it closed before a refused body's end. */
  const cutOff = () =>
    lines
      .map((line) => JSON.parse(line) as { msg: string; outcome?: string })
      .filter((line) => line.msg === 'closed the connection of a refused body before its end')
      .map((line) => line.outcome);
  return { port, sent, discardedBytes, cutOff };
}

interface Exchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The first error the client saw (a write or the socket), if any. */
  failure: NodeJS.ErrnoException | undefined;
  /** Body bytes the client handed to its socket without an error. */
  written: number;
}

/**
 * POSTs a body of CHUNK-sized writes the way a busy client does: `before` chunks, then (once the
 * answer has arrived, so the gateway has surely decided) `after` more, then the end — reading the
 * answer only after that, as a client busy writing does. `declareLength` sends a content-length for the whole body
 * instead of chunked encoding; `stall` stops writing after the answer without ending the body.
 * Resolves once the connection has closed.
 */
async function postPastTheAnswer(
  port: number,
  options: { before: number; after: number; declareLength?: boolean; stall?: boolean },
): Promise<Exchange> {
  const total = CHUNK.length * (options.before + options.after);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/mentions',
    agent: false,
    headers: { 'content-type': 'application/json', ...(options.declareLength ? { 'content-length': String(total) } : {}) },
  });
  let failure: NodeJS.ErrnoException | undefined;
  const failed = new Promise<undefined>((resolve) =>
    req.on('error', (error) => {
      failure ??= error;
      resolve(undefined);
    }),
  );
  const answered = new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
  const closed = new Promise<void>((resolve) => req.once('close', resolve));
  let written = 0;
  const write = async () => {
    const error = await new Promise<Error | null | undefined>((resolve) => req.write(CHUNK, resolve));
    if (error) failure ??= error;
    else written += CHUNK.length;
  };
  req.flushHeaders();
  for (let n = 0; n < options.before && failure === undefined; n += 1) await write();
  const res = await Promise.race([answered, failed]);
  if (res === undefined) return { status: 0, headers: {}, text: '', failure, written };
  if (!options.stall) {
    for (let n = 0; n < options.after && failure === undefined; n += 1) await write();
    if (failure === undefined) await new Promise<void>((resolve) => req.end(resolve));
  }
  // Only the gateway closes the connection: reading the answer to its end first would make the
  // client close it.
  await closed;
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), failure, written };
}

describe('a body over maxBodyBytes, still being written when the 413 arrives', () => {
  it('answers 413 to a chunked body and reads the rest of it, so the client finishes writing and reads the answer', async () => {
    const { port, sent, discardedBytes, cutOff } = await start();
    // 5 chunks (20 KiB) take the body over the 16 KiB limit; 64 more follow the answer.
    const exchange = await postPastTheAnswer(port, { before: 5, after: 64 });
    expect(exchange.failure?.message).toBeUndefined();
    expect(exchange.written).toBe(69 * CHUNK.length);
    expect(exchange.status).toBe(413);
    expect(exchange.headers.connection).toBe('close');
    expect(JSON.parse(exchange.text)).toEqual(TOO_LARGE);
    expect(await discardedBytes()).toBe(69 * CHUNK.length);
    expect(cutOff()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('answers 413 to a declared content-length over the limit before reading, then reads the body the client sends anyway', async () => {
    const { port, sent, discardedBytes, cutOff } = await start();
    const exchange = await postPastTheAnswer(port, { before: 0, after: 64, declareLength: true });
    expect(exchange.failure?.message).toBeUndefined();
    expect(exchange.written).toBe(64 * CHUNK.length);
    expect(exchange.status).toBe(413);
    expect(exchange.headers.connection).toBe('close');
    expect(JSON.parse(exchange.text)).toEqual(TOO_LARGE);
    expect(await discardedBytes()).toBe(64 * CHUNK.length);
    expect(cutOff()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('stops reading after maxDiscardBytes and closes the connection of a client that keeps writing', async () => {
    const maxDiscardBytes = 64 * 1024;
    const { port, discardedBytes, cutOff } = await start({ maxDiscardBytes });
    // Far more than the bound: the gateway must cut the client off long before the end.
    const exchange = await postPastTheAnswer(port, { before: 5, after: 10_000 });
    // The gateway closed with the client's bytes unread, so the kernel reset the connection (or,
    // had the client read the gateway's FIN first, it destroyed its own socket).
    expect(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']).toContain(exchange.failure?.code);
    expect(exchange.written).toBeLessThan(10_005 * CHUNK.length);
    expect(exchange.status).toBe(413);
    expect(JSON.parse(exchange.text)).toEqual(TOO_LARGE);
    // It read the body over the limit and then at least maxDiscardBytes more before it stopped.
    expect(await discardedBytes()).toBeGreaterThan(LIMIT + maxDiscardBytes);
    expect(cutOff()).toEqual(['byte_bound']);
  });

  it('closes the connection after maxDiscardMs of a client that stops writing without ending its body', async () => {
    const { port, cutOff } = await start({ maxDiscardMs: 50 });
    const exchange = await postPastTheAnswer(port, { before: 5, after: 0, stall: true });
    expect(exchange.failure?.message).toBeUndefined();
    expect(exchange.status).toBe(413);
    expect(JSON.parse(exchange.text)).toEqual(TOO_LARGE);
    expect(cutOff()).toEqual(['time_bound']);
  });
});
