// Reads a request body up to a byte limit: a declared content-length over it is refused before
// reading, a chunked body as soon as it grows over it. A refused body is left paused and unread
// for the caller to answer first and then discard (discard-body.ts).
import type http from 'node:http';

const bodyTooLargeBrand = Symbol.for('@sl/ingest.BodyTooLarge');

export class BodyTooLarge extends Error {
  readonly code = 'BODY_TOO_LARGE';
  readonly retriable = false as const;
  readonly [bodyTooLargeBrand] = true;
  /** Bytes of the body read before it was refused (0 when its declared length was). */
  readonly bytesRead: number;
  constructor(limit: number, bytesRead: number) {
    super(`request body is larger than the limit of ${limit} bytes; split it into smaller requests`);
    this.name = 'BodyTooLarge';
    this.bytesRead = bytesRead;
  }
}

export function isBodyTooLarge(error: unknown): error is BodyTooLarge {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[bodyTooLargeBrand] === true;
}

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyTooLarge(maxBytes, 0));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Paused, not resumed with nobody listening: chunks the same socket read already holds
        // stay buffered for the discarding reader, so every byte of the body is counted.
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', reject);
        req.pause();
        reject(new BodyTooLarge(maxBytes, size));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}
