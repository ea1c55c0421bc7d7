// The dashboard's HTTP surface: the sign-in page, the JSON API, the page's built files, and
// /healthz and /metrics like every service. Requests are checked cheapest first: the route, the
// method, then who is asking, then (for a brand) the token's scope, and only then the store.
import http from 'node:http';
import { Counter, type HealthCheck, Histogram, handleOpsRequest, type Logger, type Registry } from '@sl/observability';
import { ApiError, isApiError } from './api-error.ts';
import { streamAlerts, streamStart } from './alert-stream.ts';
import { type ApiContext, apiRouteOf, brandFor, brandIdOf, handleApi, handleCorrectionPost } from './api-routes.ts';
import { callerName, createAccess } from './caller-access.ts';
import { type DashboardToken, findToken } from './dashboard-tokens.ts';
import { createSentCorrections } from './sent-corrections.ts';
import { createSessionStore, cookieValue, SESSION_COOKIE, type SessionStore } from './sessions.ts';
import { signInPage } from './sign-in-page.ts';
import { serveStatic } from './static-files.ts';

export interface DashboardServerOptions extends ApiContext {
  logger: Logger;
  registry: Registry;
  health: HealthCheck;
  /** Folder of the built page (index.html, assets/). */
  pageDir: string;
  /** Empty: no sign-in, every brand visible (the config allows that on loopback only). */
  tokens: readonly DashboardToken[];
  sessions?: SessionStore;
  /** Mark the session cookie Secure (behind TLS). @default false */
  secureCookie?: boolean;
}

// The page loads nothing from elsewhere, and nothing may frame it.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const MAX_FORM_BYTES = 4096;
/** A correction is a mention id, two words and a reason of at most 500 characters. */
const MAX_JSON_BYTES = 8192;

// A body over the limit is read to its end (up to a bound) before the refusal, so the client,
// still writing, reads the answer instead of a reset connection.
const MAX_DRAIN_BYTES = 1024 * 1024;

function readBody(req: http.IncomingMessage, limit: number, tooLarge: () => ApiError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

const readForm = async (req: http.IncomingMessage): Promise<URLSearchParams> =>
  new URLSearchParams((await readBody(req, MAX_FORM_BYTES, () => new ApiError('BAD_REQUEST', `the sign-in form is larger than ${MAX_FORM_BYTES} bytes`))).toString('utf8'));

/**
 * A JSON request body. Only `application/json` is taken: a cross-site page cannot send that
 * without the browser asking first (CORS), which this server never allows.
 */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `send the body as JSON with content-type: application/json, got "${req.headers['content-type'] ?? 'none'}"`);
  }
  const body = await readBody(req, MAX_JSON_BYTES, () => new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${MAX_JSON_BYTES} bytes`));
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ApiError('BAD_REQUEST', `the body is not JSON: ${(error as Error).message}`);
  }
}

export function createDashboardServer(options: DashboardServerOptions): http.Server {
  const log = options.logger.child({ component: 'dashboard-http' });
  const sessions = options.sessions ?? createSessionStore();
  const access = createAccess(options.tokens, sessions);
  const requests = new Counter({
    name: 'sl_dashboard_requests_total',
    help: 'Dashboard HTTP requests by route and status.',
    labelNames: ['route', 'status'],
    registers: [options.registry],
  });
  const seconds = new Histogram({
    name: 'sl_dashboard_api_seconds',
    help: 'Time to answer an API request, by route.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5],
    registers: [options.registry],
  });
  // Corrections sent from here and not archived yet, shared by every request.
  const api: ApiContext = { ...options, sent: options.sent ?? createSentCorrections() };
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${options.secureCookie ? '; Secure' : ''}`;

  const send = (res: http.ServerResponse, route: string, status: number, body: string, headers: Record<string, string | number>) => {
    requests.inc({ route, status: String(status) });
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const json = (res: http.ServerResponse, route: string, status: number, body: unknown) =>
    send(res, route, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  const html = (res: http.ServerResponse, route: string, status: number, body: string, headers: Record<string, string> = {}) =>
    send(res, route, status, body, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  const redirect = (res: http.ServerResponse, route: string, location: string, headers: Record<string, string> = {}) =>
    send(res, route, 303, '', { location, ...headers });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (await handleOpsRequest(req, res, options.registry, options.health)) return;
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    const method = req.method ?? 'GET';

    if (url.pathname === '/signin') {
      if (options.tokens.length === 0) return redirect(res, 'signin', '/');
      if (method === 'GET') return html(res, 'signin', 200, signInPage());
      if (method !== 'POST') return json(res, 'signin', 405, { error: 'GET or POST /signin' });
      let form: URLSearchParams;
      try {
        form = await readForm(req);
      } catch (error) {
        if (!isApiError(error)) throw error;
        return json(res, 'signin', error.status, { error: error.message, code: error.code });
      }
      const token = form.get('token')?.trim() ?? '';
      const found = token === '' ? undefined : findToken(options.tokens, token);
      if (found === undefined) {
        log.warn({ remote: req.socket.remoteAddress }, 'sign-in refused: unknown token');
        return html(res, 'signin', 401, signInPage('That token is not valid.'));
      }
      const session = sessions.create(found);
      log.info({ token: found.id }, 'signed in');
      return redirect(res, 'signin', '/', { 'set-cookie': `${SESSION_COOKIE}=${session.id}; Max-Age=${session.maxAgeSeconds}; ${cookieFlags}` });
    }
    if (url.pathname === '/signout') {
      if (method !== 'POST') return json(res, 'signout', 405, { error: 'POST /signout' });
      const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
      if (id !== undefined) sessions.end(id);
      return redirect(res, 'signout', options.tokens.length === 0 ? '/' : '/signin', { 'set-cookie': `${SESSION_COOKIE}=; Max-Age=0; ${cookieFlags}` });
    }

    const apiRoute = url.pathname.startsWith('/api/') ? (apiRouteOf(url.pathname) ?? 'unknown') : undefined;
    // Corrections are the one thing the API writes.
    const methods = apiRoute === 'corrections' ? ['GET', 'POST'] : ['GET'];
    if (apiRoute !== undefined && !methods.includes(method)) {
      return json(res, apiRoute, 405, { error: `${apiRoute === 'corrections' ? 'corrections answer GET and POST' : 'the API answers GET only'}, got ${method}`, code: 'METHOD_NOT_ALLOWED' });
    }
    const verdict = access(req);
    if (!verdict.ok) {
      if (apiRoute !== undefined) {
        requests.inc({ route: apiRoute, status: '401' });
        const body = JSON.stringify({ error: verdict.reason, code: 'UNAUTHENTICATED' });
        res.writeHead(401, {
          ...SECURITY_HEADERS,
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'www-authenticate': 'Bearer realm="sl-dashboard"',
        });
        res.end(body);
        return;
      }
      return redirect(res, 'page', '/signin');
    }

    if (apiRoute === 'alerts/stream') {
      try {
        const brand = brandFor(options, verdict.caller, brandIdOf(url.pathname) ?? '');
        if (options.alerts === undefined) throw new ApiError('NOT_FOUND', 'this dashboard does not follow the alert topics (it reads brands from a file and has no KAFKA_BROKERS)');
        requests.inc({ route: apiRoute, status: '200' });
        streamAlerts(req, res, options.alerts, brand.id, streamStart(req, url), SECURITY_HEADERS);
        return;
      } catch (error) {
        if (!isApiError(error)) throw error;
        return json(res, apiRoute, error.status, { error: error.message, code: error.code });
      }
    }
    if (apiRoute === 'corrections' && method === 'POST') {
      const started = performance.now();
      try {
        const answer = await handleCorrectionPost(api, verdict.caller, url, () => readJson(req));
        seconds.observe({ route: 'corrections' }, (performance.now() - started) / 1000);
        // Who corrected: the contract (VerdictCorrection v1) has no field for it, so the log keeps it.
        log.info({ caller: callerName(verdict.caller), brand: answer.brand, correction: answer.correction.id, mention: answer.correction.mentionId }, 'sent a team correction');
        return json(res, apiRoute, 202, answer);
      } catch (error) {
        if (!isApiError(error)) throw error;
        if (error.status === 403) log.warn({ caller: callerName(verdict.caller), path: url.pathname }, "refused a brand outside the token's scope");
        if (error.status === 503) log.warn({ caller: callerName(verdict.caller), err: error }, 'could not take a correction');
        return json(res, apiRoute, error.status, { error: error.message, code: error.code });
      }
    }
    if (apiRoute !== undefined) {
      const started = performance.now();
      try {
        const body = await handleApi(api, verdict.caller, url);
        seconds.observe({ route: apiRoute }, (performance.now() - started) / 1000);
        return json(res, apiRoute, 200, body);
      } catch (error) {
        if (!isApiError(error)) throw error;
        if (error.status === 403) log.warn({ caller: callerName(verdict.caller), path: url.pathname }, 'refused a brand outside the token\'s scope');
        return json(res, apiRoute, error.status, { error: error.message, code: error.code });
      }
    }

    if (method !== 'GET' && method !== 'HEAD') return json(res, 'page', 405, { error: 'the page answers GET only' });
    res.setHeaders(new Map(Object.entries(SECURITY_HEADERS)));
    if (serveStatic(options.pageDir, url.pathname, res)) {
      requests.inc({ route: 'page', status: '200' });
      return;
    }
    return json(res, 'page', 404, { error: `nothing at ${url.pathname}` });
  };

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, path: req.url }, 'request failed');
      if (!res.headersSent) json(res, 'error', 500, { error: 'the dashboard could not answer; its log says why' });
      else res.destroy();
    });
  });
}
