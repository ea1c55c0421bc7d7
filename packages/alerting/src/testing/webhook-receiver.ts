// A real HTTP server on 127.0.0.1 standing in for a brand's webhook, for tests of delivery: it
// records every request byte for byte and answers as the test scripts it (a status, headers, or
// no answer at all, to reach the timeout path).
import http from 'node:http';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string>;
  body: Buffer;
}

export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'no-answer';

/** `earlier` holds the requests received before this one (same path or not). */
export type Responder = (request: ReceivedRequest, earlier: readonly ReceivedRequest[]) => ReceiverAnswer;

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>; append a path per webhook. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ReceivedRequest[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(respond: Responder = () => ({ status: 204 })): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const request: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers, body: Buffer.concat(chunks) };
      const earlier = [...requests];
      requests.push(request);
      const answer = respond(request, earlier);
      if (answer === 'no-answer') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests left without an answer would keep close() waiting for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
