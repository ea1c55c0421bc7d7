import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '@sl/contracts';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertHub, createAlertHub, decodeAlertCursor, encodeAlertCursor } from '../src/alert-hub.ts';
import { createDashboardServer } from '../src/dashboard-server.ts';
import { openDashboardStore, type DashboardStore } from '../src/dashboard-store.ts';
import { parseDashboardTokens } from '../src/dashboard-tokens.ts';
import { SEED_BRANDS } from './seed-store.ts';

const TOKEN = 'acme-team-token-0123456789';

function alert(n: number, brandId = 'acme'): Alert {
  return {
    id: `${brandId}:volume_spike:${n}`,
    brandId,
    kind: 'volume_spike',
    severity: 'warning',
    windowStart: Date.UTC(2024, 4, 1, 10, n),
    windowEnd: Date.UTC(2024, 4, 1, 10, n + 15),
    observed: 40 + n,
    expected: 10,
    mentionIds: [`rss:${brandId}-${n}`],
    sampleTexts: ['so many posts'],
    explanation: `spike ${n}`,
    createdAt: Date.UTC(2024, 4, 1, 10, n + 16),
    author: null,
    url: null,
    sentiment: null,
    influence: null,
    historical: false,
  };
}

describe('alert hub', () => {
  it('keeps alerts once per position, after a cursor, up to a bound', () => {
    const hub = createAlertHub({ maxPerBrand: 3 });
    for (const n of [0, 1, 2]) hub.add('acme', { partition: 0, offset: BigInt(n), alert: alert(n) });
    // A follower restarted from the beginning reads offsets 0-2 again: nothing changes.
    for (const n of [0, 1, 2]) hub.add('acme', { partition: 0, offset: BigInt(n), alert: alert(n) });
    expect(hub.after('acme', new Map()).map((e) => e.alert.id)).toEqual(['acme:volume_spike:0', 'acme:volume_spike:1', 'acme:volume_spike:2']);
    expect(hub.after('acme', new Map([[0, 1n]])).map((e) => e.offset)).toEqual([2n]);
    hub.add('acme', { partition: 0, offset: 3n, alert: alert(3) });
    expect(hub.after('acme', new Map()).map((e) => e.offset)).toEqual([1n, 2n, 3n]);
    expect(hub.stats('acme')).toEqual({ held: 3, dropped: 1 });
    expect(encodeAlertCursor(hub.position('acme'))).toBe('0:3');
    expect(hub.after('globex', new Map())).toEqual([]);
  });

  it('writes and reads cursors across partitions', () => {
    expect(encodeAlertCursor(new Map([[1, 4n], [0, 17n]]))).toBe('0:17.1:4');
    expect(decodeAlertCursor('0:17.1:4')).toEqual(new Map([[0, 17n], [1, 4n]]));
    expect(decodeAlertCursor('')).toEqual(new Map());
    expect(decodeAlertCursor('17')).toBeUndefined();
    expect(decodeAlertCursor('0:x')).toBeUndefined();
  });
});

interface Event {
  id: string;
  data: { id: string; position: { partition: number; offset: string } };
}

/** Reads SSE events from a fetch response until `count` arrived. */
async function readEvents(response: Response, count: number): Promise<Event[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Event[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').flatMap((line) => (/^(\w+): (.*)$/.exec(line) ? [[line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]] : [])));
      if (fields.event === 'alert') events.push({ id: fields.id as string, data: JSON.parse(fields.data as string) });
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /api/v1/brands/{id}/alerts/stream', () => {
  let hub: AlertHub;
  let server: http.Server;
  let store: DashboardStore;
  let base: string;
  beforeAll(async () => {
    hub = createAlertHub();
    store = await openDashboardStore({ root: '/nonexistent-dashboard-store' });
    server = createDashboardServer({
      logger: createRootLogger({ service: 'dashboard-test', level: 'silent' }),
      registry: createMetricsRegistry('dashboard-test'),
      health: () => ({ status: 'ok', checks: {} }),
      store,
      brands: () => SEED_BRANDS,
      alerts: hub,
      pageDir: '/nonexistent-page',
      tokens: parseDashboardTokens(`acme-team:acme:${TOKEN}`),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    store.close();
  });

  const open = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/brands/acme/alerts/stream${query}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });

  it('lists the held alerts, streams new ones live, and resumes after Last-Event-ID without loss or repeat', async () => {
    hub.add('acme', { partition: 0, offset: 0n, alert: alert(0) });
    hub.add('globex', { partition: 0, offset: 0n, alert: alert(0, 'globex') });
    const listed = (await (await fetch(`${base}/api/v1/brands/acme/alerts`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { cursor: string; alerts: Alert[] };
    expect(listed).toMatchObject({ brand: 'acme', following: true, cursor: '0:0' });
    expect(listed.alerts.map((a: Alert) => a.id)).toEqual(['acme:volume_spike:0']);

    // From the list's cursor: only what comes after it, as it comes.
    const first = await open(`?after=${listed.cursor}`);
    expect([first.status, first.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const live = readEvents(first, 2);
    setTimeout(() => {
      hub.add('acme', { partition: 0, offset: 1n, alert: alert(1) });
      hub.add('globex', { partition: 0, offset: 1n, alert: alert(1, 'globex') });
      hub.add('acme', { partition: 0, offset: 2n, alert: alert(2) });
    }, 50);
    const received = await live;
    expect(received.map((e) => [e.id, e.data.id])).toEqual([
      ['0:1', 'acme:volume_spike:1'],
      ['0:2', 'acme:volume_spike:2'],
    ]);

    // Disconnected while two more are raised; the reconnect names the last id it saw.
    hub.add('acme', { partition: 0, offset: 3n, alert: alert(3) });
    hub.add('acme', { partition: 0, offset: 4n, alert: alert(4) });
    const resumed = await readEvents(await open('?after=0:0', { 'last-event-id': '0:2' }), 2);
    expect(resumed.map((e) => [e.id, e.data.id, e.data.position])).toEqual([
      ['0:3', 'acme:volume_spike:3', { partition: 0, offset: '3' }],
      ['0:4', 'acme:volume_spike:4', { partition: 0, offset: '4' }],
    ]);
  });

  it('refuses other brands, no credentials and a malformed cursor', async () => {
    const other = await fetch(`${base}/api/v1/brands/globex/alerts/stream`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect([other.status, await other.json()]).toEqual([403, { error: 'this token may not see brand "globex"', code: 'FORBIDDEN' }]);
    expect((await fetch(`${base}/api/v1/brands/acme/alerts/stream`)).status).toBe(401);
    const bad = await open('?after=yesterday');
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, '"yesterday" is not an alert cursor (partition:offset, dot-separated)']);
  });
});
