// /healthz and /metrics, served by every service: on its own port, or mounted in a service's
// own HTTP server (the gateway).
import http from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export type HealthCheck = () => HealthReport | Promise<HealthReport>;

/** Handles the request if it is for /healthz or /metrics; returns false otherwise. */
export async function handleOpsRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  registry: Registry,
  health: HealthCheck,
): Promise<boolean> {
  const url = req.url?.split('?')[0];
  if (req.method !== 'GET' || (url !== '/healthz' && url !== '/metrics')) return false;
  if (url === '/metrics') {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
    return true;
  }
  const report = await health();
  res.writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(report));
  return true;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startOpsServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  health: HealthCheck;
}): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    handleOpsRequest(req, res, options.registry, options.health)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not found: this port serves GET /healthz and GET /metrics' }));
        }
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const SEVERITY: readonly HealthReport['status'][] = ['ok', 'degraded', 'down'];

/**
 * One report for a service made of several parts: the worst status; the main part's checks as
 * they are, each other part's under its name ("corrections partitions").
 */
export function combineHealth(main: HealthReport, others: Record<string, HealthReport>): HealthReport {
  let status = main.status;
  const checks: HealthReport['checks'] = { ...main.checks };
  for (const [part, report] of Object.entries(others)) {
    if (SEVERITY.indexOf(report.status) > SEVERITY.indexOf(status)) status = report.status;
    for (const [name, check] of Object.entries(report.checks)) checks[`${part} ${name}`] = check;
  }
  return { status, checks };
}
