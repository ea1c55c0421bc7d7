// GET /api/v1/brands/{id}/alerts/stream: a brand's alerts as Server-Sent Events. Each event's id
// is the connection's cursor after it, so the browser's automatic reconnect (which sends the last
// id as Last-Event-ID) resumes exactly after the last alert it received. A first connection may
// pass `?after=<cursor>` (from GET …/alerts) to start where that list ended.
import type http from 'node:http';
import { type AlertCursor, type AlertEntry, type AlertHub, decodeAlertCursor, encodeAlertCursor } from './alert-hub.ts';
import { badRequest } from './api-error.ts';

/** Comment lines keep proxies and the browser from closing an idle stream. @default 15 s */
export const KEEPALIVE_MS = 15_000;

/** Where a stream starts: Last-Event-ID (a reconnect) wins over ?after= (a first connect). */
export function streamStart(req: http.IncomingMessage, url: URL): AlertCursor | undefined {
  const header = req.headers['last-event-id'];
  const text = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('after');
  if (text === null || text === undefined) return undefined;
  const cursor = decodeAlertCursor(text);
  if (cursor === undefined) throw badRequest(`"${text}" is not an alert cursor (partition:offset, dot-separated)`);
  return cursor;
}

export function alertJson(entry: AlertEntry) {
  return { ...entry.alert, position: { partition: entry.partition, offset: entry.offset.toString() } };
}

/**
 * Streams until the client goes away. Without a start cursor it begins after what the hub
 * holds now: a page shows the held alerts from GET …/alerts first.
 */
export function streamAlerts(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  hub: AlertHub,
  brandId: string,
  start: AlertCursor | undefined,
  headers: Record<string, string>,
  keepaliveMs = KEEPALIVE_MS,
): void {
  const progress = new Map(start ?? hub.position(brandId));
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  const send = (entry: AlertEntry) => {
    const seen = progress.get(entry.partition);
    if (seen !== undefined && entry.offset <= seen) return;
    progress.set(entry.partition, entry.offset);
    res.write(`id: ${encodeAlertCursor(progress)}\nevent: alert\ndata: ${JSON.stringify(alertJson(entry))}\n\n`);
  };
  // Replay and subscribe in one turn of the event loop: nothing can be added between them.
  for (const entry of hub.after(brandId, progress)) send(entry);
  const unsubscribe = hub.subscribe(brandId, send);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), keepaliveMs);
  const close = () => {
    clearInterval(keepalive);
    unsubscribe();
  };
  req.once('close', close);
  res.once('close', close);
}
