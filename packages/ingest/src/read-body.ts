// Reads a request body up to a byte limit: a declared content-length over it is refused before
// reading, a chunked body as soon as it grows over it.
import type http from 'node:http';

const bodyTooLargeBrand = Symbol.for('@sl/ingest.BodyTooLarge');

export class BodyTooLarge extends Error {
  readonly code = 'BODY_TOO_LARGE';
  readonly retriable = false as const;
  readonly [bodyTooLargeBrand] = true;
  constructor(limit: number) {
    super(`request body is larger than the limit of ${limit} bytes; split it into smaller requests`);
    this.name = 'BodyTooLarge';
  }
}

export function isBodyTooLarge(error: unknown): error is BodyTooLarge {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[bodyTooLargeBrand] === true;
}

export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyTooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
