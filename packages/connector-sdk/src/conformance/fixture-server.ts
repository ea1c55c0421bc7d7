// A local HTTP server that plays a source for tests: a handler serves recorded-shape fixtures,
// every request is kept, and faults (429, 5xx, 404) can be put in front of the next requests.
// It listens on 127.0.0.1 and an ephemeral port: tests never touch the network.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
}

export interface FixtureResponse {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export type FixtureHandler = (request: FixtureRequest) => FixtureResponse | Promise<FixtureResponse>;

export interface FixtureServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  /** Every request received, faults included, in order. */
  readonly requests: FixtureRequest[];
  /** The next requests get these responses, one each, before the handler answers again. */
  injectFaults(faults: FixtureResponse[]): void;
  close(): Promise<void>;
}

export async function startFixtureServer(handler: FixtureHandler): Promise<FixtureServer> {
  const requests: FixtureRequest[] = [];
  const faults: FixtureResponse[] = [];
  const server = http.createServer((req, res) => {
    const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers };
    requests.push(request);
    const fault = faults.shift();
    Promise.resolve(fault ?? handler(request))
      .then((response) => send(res, response))
      .catch((error: unknown) => send(res, { status: 500, body: { error: String(error) } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    injectFaults: (more) => {
      faults.push(...more);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, response: FixtureResponse): void {
  const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const contentType = typeof response.body === 'string' || response.body === undefined ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(response.status ?? 200, { 'content-type': contentType, ...response.headers });
  res.end(body);
}
