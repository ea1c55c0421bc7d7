// Reads and throws away the rest of a request body the gateway has refused, within bounds, so the
// connection can be closed without breaking the pipe of a client that is still writing.
//
// Why: a body over the limit is answered 413 with `Connection: close`. Node's HTTP server (v24,
// resOnFinish in _http_server.js) closes such a connection as soon as the response is written
// (socket.destroySoon: end, then destroy on 'finish'), whether or not the request body was read.
// The kernel then answers the bytes the client is still sending with a reset, and the client's
// next write fails with EPIPE (or its read with ECONNRESET) before it reads the 413; fetch rejects
// with "fetch failed". So the caller writes the answer, reads the body here until the client has
// sent all of it or gone, and only then ends the response, which closes the connection (a
// "lingering close", RFC 9112 section 9.6). The bounds keep a client that streams forever, or
// stops sending without ending, from holding the gateway.
import type http from 'node:http';

export interface DiscardBounds {
  /** Bytes read and thrown away before giving up; the chunk that goes over them is the last one read. */
  maxBytes: number;
  /** Longest time spent reading, in milliseconds. */
  maxMs: number;
}

/** Why discarding stopped: the body ended, the client went away, or a bound was reached. */
export type DiscardOutcome = 'ended' | 'client_gone' | 'byte_bound' | 'time_bound';

export interface Discarded {
  outcome: DiscardOutcome;
  /** Bytes read and thrown away here. */
  bytes: number;
}

export function discardBody(req: http.IncomingMessage, bounds: DiscardBounds): Promise<Discarded> {
  if (req.readableEnded) return Promise.resolve({ outcome: 'ended', bytes: 0 });
  if (req.destroyed) return Promise.resolve({ outcome: 'client_gone', bytes: 0 });
  return new Promise((resolve) => {
    let bytes = 0;
    const stop = (outcome: DiscardOutcome) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onGone);
      req.off('error', onGone);
      resolve({ outcome, bytes });
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > bounds.maxBytes) stop('byte_bound');
    };
    const onEnd = () => stop('ended');
    // 'close' before 'end' means the client aborted; an error here is the client's connection.
    const onGone = () => stop('client_gone');
    const timer = setTimeout(() => stop('time_bound'), bounds.maxMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onGone);
    req.once('error', onGone);
    // readBody may have paused the request at the chunk that went over the limit.
    req.resume();
  });
}
