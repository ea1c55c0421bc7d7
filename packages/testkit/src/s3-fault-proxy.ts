// An HTTP proxy between S3 clients and a running S3-compatible store that fails requests the way
// S3 itself does, on command, while the store behind it keeps running. Outages made this way do
// not depend on how fast a server restarts on a busy machine, and cover what a stopped server
// cannot: throttling, internal errors and answers that never come.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';

/**
 * - `reset`: the connection is reset (TCP RST) as soon as the request arrives.
 * - `internal-error`: 500 with S3's `InternalError` XML body.
 * - `slow-down`: 503 with S3's `SlowDown` XML body.
 * - `stall`: the request reaches the store (a write may land) but its answer never comes back:
 *   the connection stays open and silent until the client gives up, or is reset after `stallMs`.
 * - `cut-answer`: the request reaches the store, and its answer is cut: the status, the headers
 *   and half the body, then a reset (an answer without a body is reset before it starts). A read
 *   sees a body end early, which the SDK does not retry by itself.
 */
export type S3FaultKind = 'reset' | 'internal-error' | 'slow-down' | 'stall' | 'cut-answer';

export const S3_FAULT_KINDS: readonly S3FaultKind[] = ['reset', 'internal-error', 'slow-down', 'stall', 'cut-answer'];

export interface S3FaultPlan {
  /** Faults used in turn, one per failed request. */
  kinds: readonly S3FaultKind[];
  /** Every n-th request fails, starting with the first; 1 fails them all. @default 1 */
  every?: number;
}

export interface S3FaultProxyOptions {
  /** The store's endpoint, `http://127.0.0.1:<port>`. */
  target: string;
  /** Port on 127.0.0.1. @default 0 (a free one) */
  port?: number;
  /** How long a stalled request is held open before its connection is reset. @default 30_000 ms */
  stallMs?: number;
}

export interface S3FaultCounts {
  /** Requests passed through to the store untouched. */
  forwarded: number;
  /** Requests failed, by fault. */
  injected: Record<S3FaultKind, number>;
  /** Stalled requests the client gave up on before the proxy reset them. */
  abandonedStalls: number;
  /** Stalled requests the store answered (the answer was thrown away): a write among them landed. */
  swallowedAnswers: number;
}

export interface S3FaultProxy {
  /** `http://127.0.0.1:<port>`: give this to the clients instead of the store's endpoint. */
  readonly endpoint: string;
  /** From now on requests fail as the plan says; `undefined` lets every request through again. */
  setFaults(plan: S3FaultPlan | undefined): void;
  counts(): S3FaultCounts;
  /** Stops listening and drops every open connection, stalled ones included. */
  close(): Promise<void>;
}

const errorBodies: Record<'internal-error' | 'slow-down', { status: number; code: string; message: string }> = {
  'internal-error': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  'slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
};

export async function startS3FaultProxy(options: S3FaultProxyOptions): Promise<S3FaultProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:') throw new RangeError(`the S3 fault proxy forwards to plain http only, not ${options.target}`);
  const stallMs = options.stallMs ?? 30_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const counts: S3FaultCounts = { forwarded: 0, injected: { reset: 0, 'internal-error': 0, 'slow-down': 0, stall: 0, 'cut-answer': 0 }, abandonedStalls: 0, swallowedAnswers: 0 };
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let plan: Required<S3FaultPlan> | undefined;
  let seen = 0;

  /** The fault for the next request under the current plan, if any. */
  const nextFault = (): S3FaultKind | undefined => {
    if (!plan || plan.kinds.length === 0) return undefined;
    const n = seen;
    seen += 1;
    if (n % plan.every !== 0) return undefined;
    return plan.kinds[Math.floor(n / plan.every) % plan.kinds.length];
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, onResponse: (upstream: http.IncomingMessage) => void, onError: () => void) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
      onResponse,
    );
    upstream.once('error', onError);
    // A client that goes away mid-request takes its upstream request with it; one that goes away
    // mid-answer too (a SIGKILLed worker), or the store's answer would hold an agent socket.
    req.once('close', () => {
      if (!req.complete) upstream.destroy();
    });
    res.once('close', () => {
      if (!res.writableFinished && fault !== 'stall') upstream.destroy();
    });
    let fault: S3FaultKind | undefined;
    req.pipe(upstream);
    return {
      upstream,
      asStall() {
        fault = 'stall';
      },
    };
  };

  const server = http.createServer((req, res) => {
    const fault = nextFault();
    if (fault === undefined) {
      counts.forwarded += 1;
      forward(
        req,
        res,
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, endToEnd(upstream.headers));
          upstream.pipe(res);
        },
        // The store itself failed: the client sees what it would see from a broken S3 node.
        () => req.socket.resetAndDestroy(),
      );
      return;
    }
    counts.injected[fault] += 1;
    if (fault === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === 'cut-answer') {
      forward(
        req,
        res,
        (upstream) => {
          const length = Number(upstream.headers['content-length'] ?? 0);
          if (req.method === 'HEAD' || length < 2) {
            upstream.resume();
            req.socket.resetAndDestroy();
            return;
          }
          res.writeHead(upstream.statusCode ?? 502, endToEnd(upstream.headers));
          let sent = 0;
          upstream.on('data', (chunk: Buffer) => {
            if (sent >= length / 2) return;
            const part = chunk.subarray(0, Math.max(0, Math.floor(length / 2) - sent));
            sent += part.length;
            res.write(part);
            if (sent >= length / 2) {
              upstream.destroy();
              // Let the half that was written leave before the reset.
              res.once('drain', () => req.socket.resetAndDestroy());
              if (!res.writableNeedDrain) setImmediate(() => req.socket.resetAndDestroy());
            }
          });
        },
        () => req.socket.resetAndDestroy(),
      );
      return;
    }
    if (fault === 'stall') {
      // The store gets the request; its answer is read and thrown away, and the client waits.
      const forwarded = forward(
        req,
        res,
        (upstream) => {
          upstream.resume();
          upstream.once('end', () => {
            counts.swallowedAnswers += 1;
          });
        },
        () => {},
      );
      forwarded.asStall();
      const timer = setTimeout(() => {
        timers.delete(timer);
        req.socket.resetAndDestroy();
      }, stallMs);
      timers.add(timer);
      res.once('close', () => {
        if (timers.delete(timer)) {
          clearTimeout(timer);
          counts.abandonedStalls += 1;
        }
      });
      return;
    }
    // Answer only after the whole body has arrived, as S3 does, so the client can read the error
    // instead of failing to write the rest of its upload.
    const { status, code, message } = errorBodies[fault];
    req.resume();
    req.once('end', () => {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': requestId });
      res.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    setFaults(next) {
      if (next && next.kinds.length === 0) throw new RangeError('a fault plan needs at least one kind');
      if (next && next.every !== undefined && (!Number.isInteger(next.every) || next.every < 1))
        throw new RangeError(`a fault plan's every must be a whole number of at least 1, got ${next.every}`);
      plan = next ? { kinds: [...next.kinds], every: next.every ?? 1 } : undefined;
      seen = 0;
    },
    counts: () => ({ ...counts, injected: { ...counts.injected } }),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}

// Hop-by-hop headers (RFC 9110 section 7.6.1) belong to one connection, not to the message.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name)) kept[name] = value;
  return kept;
}
