import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runQuery } from '@sl/cli/query/run-query';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardServer } from '../src/dashboard-server.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { parseDashboardTokens } from '../src/dashboard-tokens.ts';
import { createAlertHub } from '../src/alert-hub.ts';
import { createFreshness } from '../src/freshness.ts';
import { startOfDay } from '../src/zoned-time.ts';
import { kindOf, SEED_BRANDS, seedAlert, seedAlerts, seedMentions, seedStore } from './seed-store.ts';

const ACME_TOKEN = 'acme-team-token-0123456789';
const OPS_TOKEN = 'ops-token-abcdefghijklmnop';
const tokens = parseDashboardTokens(`acme-team:acme:${ACME_TOKEN},ops:*:${OPS_TOKEN}`);

const mentions = seedMentions();
const counted = (brand: string, keep: (m: (typeof mentions)[number]) => boolean = () => true) =>
  mentions.filter((m) => m.brandId === brand && kindOf(m) === 'counted' && keep(m));

let root: string;
let emptyRoot: string;
let store: DashboardStore;
let emptyStore: DashboardStore;
let server: http.Server;
let emptyServer: http.Server;
let base: string;
let emptyBase: string;

async function listen(s: http.Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

// acme's alert 2 is still on the topic (held); 0 and 1 are only in the archive any more.
const hub = createAlertHub();
hub.add('acme', { partition: 0, offset: 7n, alert: seedAlert('acme', 2) });

// The pipeline's ingest watermark as last measured: everything received by 12:00 is in the files.
const freshness = createFreshness({ copied: false, following: 'enricher, sentiment-worker, aggregation-worker' });
freshness.measured(Date.UTC(2024, 4, 1, 12));

function serverFor(s: DashboardStore, pageDir: string, measured = true) {
  return createDashboardServer({
    alerts: hub,
    ...(measured ? { freshness } : {}),
    logger: createRootLogger({ service: 'dashboard-test', level: 'silent' }),
    registry: createMetricsRegistry('dashboard-test'),
    health: () => ({ status: 'ok', checks: {} }),
    store: s,
    brands: () => SEED_BRANDS,
    // The amplification worker keys authors by brand, source and lower-case handle.
    influence: (brandId, source, handle) =>
      brandId === 'acme' && source === 'rss' && handle === 'user1'
        ? { score: 61.5, reach: 0.4, engagement: 0.7, conversation: 0.5, consistency: 0.9, relevance: 1, listed: null }
        : undefined,
    pageDir,
    tokens,
  });
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-'));
  emptyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-empty-'));
  const pageDir = path.join(root, 'page');
  fs.mkdirSync(pageDir);
  fs.writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><title>page</title>');
  await seedStore(path.join(root, 'objects'));
  await seedAlerts(path.join(root, 'objects'), [seedAlert('acme', 0), seedAlert('acme', 1), seedAlert('acme', 2), seedAlert('globex', 0)]);
  store = await openDashboardStore({ root: path.join(root, 'objects') });
  emptyStore = await openDashboardStore({ root: path.join(emptyRoot, 'objects') });
  server = serverFor(store, pageDir);
  emptyServer = serverFor(emptyStore, pageDir, false);
  base = await listen(server);
  emptyBase = await listen(emptyServer);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => emptyServer.close(resolve));
  store.close();
  emptyStore.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(emptyRoot, { recursive: true, force: true });
});

const get = async (url: string, token: string | null = ACME_TOKEN, at = base) => {
  const response = await fetch(`${at}${url}`, { redirect: 'manual', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
};

describe('access', () => {
  it('answers 401 without credentials, and sends a page visit to the sign-in page', async () => {
    const api = await get('/api/v1/brands', null);
    expect(api.status).toBe(401);
    expect(api.body).toEqual({ error: 'sign in at /signin, or send "Authorization: Bearer <token>"', code: 'UNAUTHENTICATED' });
    expect(api.headers.get('www-authenticate')).toBe('Bearer realm="sl-dashboard"');
    expect((await get('/api/v1/brands', 'not-a-known-token-at-all')).body.error).toBe('the bearer token is not valid');
    const page = await get('/', null);
    expect([page.status, page.headers.get('location')]).toEqual([303, '/signin']);
  });

  it('lists only the brands in the token\'s scope', async () => {
    expect((await get('/api/v1/brands')).body.brands).toEqual([
      {
        id: 'acme',
        name: 'Acme Corporation',
        timeZone: null,
        competitors: [
          { id: 'globex', name: 'Globex' },
          { id: 'initech', name: 'Initech' },
          { id: 'umbrella', name: 'umbrella' },
        ],
      },
    ]);
    expect((await get('/api/v1/brands', OPS_TOKEN)).body.brands.map((b: { id: string }) => b.id)).toEqual(['acme', 'globex', 'initech']);
  });

  it('refuses a brand outside the scope with 403 before saying whether it exists', async () => {
    for (const route of ['summary', 'series', 'share-of-voice', 'authors', 'mentions']) {
      const refused = await get(`/api/v1/brands/globex/${route}`);
      expect({ route, status: refused.status, body: refused.body }).toEqual({ route, status: 403, body: { error: 'this token may not see brand "globex"', code: 'FORBIDDEN' } });
    }
    expect((await get('/api/v1/brands/nope/summary')).status).toBe(403);
    expect((await get('/api/v1/brands/nope/summary', OPS_TOKEN)).body).toEqual({ error: 'no brand "nope"; GET /api/v1/brands lists the brands you may see', code: 'NOT_FOUND' });
  });

  it('signs in with the token in a form, then answers the session cookie until sign-out', async () => {
    const huge = await fetch(`${base}/signin`, { method: 'POST', body: new URLSearchParams({ token: 'x'.repeat(5000) }), redirect: 'manual' });
    expect([huge.status, await huge.json()]).toEqual([400, { error: 'the sign-in form is larger than 4096 bytes', code: 'BAD_REQUEST' }]);
    const refused = await fetch(`${base}/signin`, { method: 'POST', body: new URLSearchParams({ token: 'wrong-token-wrong-token' }), redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('That token is not valid.');
    const signedIn = await fetch(`${base}/signin`, { method: 'POST', body: new URLSearchParams({ token: ACME_TOKEN }), redirect: 'manual' });
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/']);
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^sl_dashboard_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0] as string;
    const withCookie = (url: string, init: RequestInit = {}) => fetch(`${base}${url}`, { ...init, redirect: 'manual', headers: { cookie } });
    expect((await withCookie('/api/v1/brands')).status).toBe(200);
    expect((await withCookie('/api/v1/brands/globex/summary')).status).toBe(403);
    const page = await withCookie('/');
    expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>page</title>']);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const out = await withCookie('/signout', { method: 'POST' });
    expect([out.status, out.headers.get('location')]).toEqual([303, '/signin']);
    const after = await withCookie('/api/v1/brands');
    expect([after.status, ((await after.json()) as { error: string }).error]).toEqual([401, 'the session has ended; sign in again']);
  });
});

describe('summary', () => {
  it('gives the same numbers sl query sums from rollups, all time', async () => {
    const { body, status } = await get('/api/v1/brands/acme/summary');
    expect(status).toBe(200);
    const acme = mentions.filter((m) => m.brandId === 'acme');
    const [sql] = (
      await runQuery(
        path.join(root, 'objects'),
        "SELECT sum(mentions)::INTEGER AS mentions, sum(positive)::INTEGER AS positive, sum(neutral)::INTEGER AS neutral, sum(negative)::INTEGER AS negative, sum(duplicates)::INTEGER AS duplicates, sum(spam)::INTEGER AS spam FROM rollups WHERE brand = 'acme' AND grain = 'day'",
      )
    ).rows;
    const label = (l: string) => counted('acme', (m) => m.sentiment.label === l).length;
    // The seed, counted in JS: 41 records, 4 duplicates, 3 spam; labels cycle over the counted ones.
    expect([label('positive'), label('neutral'), label('negative')]).toEqual([11, 12, 11]);
    expect(sql).toEqual({ mentions: 34, positive: 11, neutral: 12, negative: 11, duplicates: 4, spam: 3 });
    expect(body).toMatchObject({
      brand: 'acme',
      from: null,
      to: null,
      grain: 'day',
      mentions: 34,
      positive: 11,
      neutral: 12,
      negative: 11,
      funnel: { records: acme.length, mentions: 34, duplicates: 4, spam: 3, threadReplies: 0, late: { records: 1, mentions: 1 } },
      latestWindow: '2024-05-02T00:00:00.000Z',
      waitingFor: null,
    });
    expect(acme.length).toBe(41);
    expect(counted('acme').length).toBe(34);
    const scores = counted('acme').map((m) => m.sentiment.compound);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(body.sentiment.mean).toBeCloseTo(mean, 12);
    expect(body.sentiment.stddev).toBeCloseTo(Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length), 12);
    expect(body.readFrom).toBe(`the folder ${path.join(root, 'objects')}`);
  });

  it('answers a range from the coarsest grain its bounds fall on, and matches sl query for it', async () => {
    const from = '2024-05-01T12:00:00Z';
    const to = '2024-05-01T18:00:00Z';
    const { body } = await get(`/api/v1/brands/acme/summary?from=${from}&to=${to}`);
    // Mentions 4 to 12 fall in 12:00-18:00; 9 is a duplicate and 12 spam.
    const inRange = counted('acme', (m) => m.publishedAt >= Date.parse(from) && m.publishedAt < Date.parse(to));
    const [sql] = (
      await runQuery(
        path.join(root, 'objects'),
        `SELECT sum(mentions)::INTEGER AS n FROM rollups WHERE brand = 'acme' AND grain = 'hour' AND window_start >= TIMESTAMP '2024-05-01 12:00:00' AND window_start < TIMESTAMP '2024-05-01 18:00:00'`,
      )
    ).rows;
    expect({ grain: body.grain, mentions: body.mentions, sql: sql?.n, js: inRange.length }).toEqual({ grain: 'hour', mentions: 7, sql: 7, js: 7 });
    expect((await get('/api/v1/brands/acme/summary?from=2024-05-01T12:37:00Z')).body.grain).toBe('minute');
    expect((await get('/api/v1/brands/acme/summary?from=2024-05-02')).body.mentions).toBe(counted('acme', (m) => m.publishedAt >= Date.UTC(2024, 4, 2)).length);
  });

  it('refuses bounds it cannot answer exactly, saying why', async () => {
    expect((await get('/api/v1/brands/acme/summary?from=2024-05-01T12:00:30Z')).body.error).toBe(
      'from and to must fall on a whole minute (UTC): rollups are counted per minute, hour and day, so a range inside a minute has no exact answer',
    );
    expect((await get('/api/v1/brands/acme/summary?from=yesterday')).body).toEqual({
      error: 'from must be an ISO 8601 date (2024-05-01) or date and time with a zone (2024-05-01T10:00:00Z), got "yesterday"',
      code: 'BAD_REQUEST',
    });
    expect((await get('/api/v1/brands/acme/summary?from=2024-05-02&to=2024-05-01')).body.error).toBe('to must be after from');
  });

  it('is zero on an empty store, and says what it waits for and which folder it read', async () => {
    const { status, body } = await get('/api/v1/brands/acme/summary', ACME_TOKEN, emptyBase);
    expect(status).toBe(200);
    expect(body).toMatchObject({ mentions: 0, positive: 0, neutral: 0, negative: 0, funnel: { records: 0, mentions: 0, duplicates: 0, spam: 0, threadReplies: 0 }, latestWindow: null });
    expect(body.waitingFor).toBe(
      `no rollups for acme yet under ${path.join(emptyRoot, 'objects', 'rollups/v1')}/grain=*/brand=acme: the aggregation worker writes them at its first flush after mentions of acme are scored`,
    );
    for (const route of ['series', 'share-of-voice', 'authors', 'mentions']) expect((await get(`/api/v1/brands/acme/${route}`, ACME_TOKEN, emptyBase)).status).toBe(200);
  });
});

describe('charts and lists', () => {
  it('gives volume and sentiment per window, adding up to the summary', async () => {
    const { body } = await get('/api/v1/brands/acme/series');
    // All time spans two days of data: too many minutes for one chart (MAX_POINTS), so hours.
    expect(body.grain).toBe('hour');
    expect(body.points.reduce((n: number, p: { mentions: number }) => n + p.mentions, 0)).toBe(34);
    // 10:00 holds mentions 0 (positive) and 1 (neutral): mean 0.3, spread 0.3.
    expect(body.points[0]).toEqual({ t: '2024-05-01T10:00:00.000Z', mentions: 2, positive: 1, neutral: 1, negative: 0, duplicates: 0, spam: 0, mean: 0.3, stddev: 0.3 });
    const minutes = await get('/api/v1/brands/acme/series?from=2024-05-01T10:00:00Z&to=2024-05-01T12:00:00Z');
    expect(minutes.body.grain).toBe('minute');
    expect(minutes.body.points.map((p: { t: string }) => p.t.slice(11, 16))).toEqual(['10:00', '10:37', '11:14', '11:51']);
    const hourly = await get('/api/v1/brands/acme/series?grain=hour&from=2024-05-01&to=2024-05-03');
    expect(hourly.body.points.map((p: { mentions: number }) => p.mentions).reduce((a: number, b: number) => a + b, 0)).toBe(34);
    expect((await get('/api/v1/brands/acme/series?grain=day&from=2024-05-01T10:00:00Z')).body.error).toBe("grain day is coarser than the range's bounds allow (at most hour)");
  });

  it('counts days in the zone asked for, else the brand\'s own, each day from midnight to midnight there', async () => {
    const daysIn = (brand: string, zone: string) => {
      const byDay = new Map<number, number>();
      for (const m of counted(brand)) {
        const day = startOfDay(zone, m.publishedAt);
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
      }
      return [...byDay].sort(([a], [b]) => a - b).map(([t, n]) => ({ t: new Date(t).toISOString(), mentions: n }));
    };
    const shape = (body: { grain: string; timeZone: string; points: Array<{ t: string; mentions: number }> }) => ({
      grain: body.grain,
      timeZone: body.timeZone,
      points: body.points.map((p) => ({ t: p.t, mentions: p.mentions })),
    });
    // New York's May 1st runs from 04:00 UTC to 04:00 UTC the next day, so it holds mentions 0 to 29.
    const ny = await get('/api/v1/brands/acme/series?grain=day&tz=America/New_York');
    expect(shape(ny.body)).toEqual({ grain: 'day', timeZone: 'America/New_York', points: daysIn('acme', 'America/New_York') });
    expect(daysIn('acme', 'America/New_York')).toEqual([
      { t: '2024-05-01T04:00:00.000Z', mentions: 25 },
      { t: '2024-05-02T04:00:00.000Z', mentions: 9 },
    ]);
    expect(shape((await get('/api/v1/brands/acme/series?grain=day')).body)).toEqual({ grain: 'day', timeZone: 'UTC', points: daysIn('acme', 'UTC') });
    // India is off UTC by half an hour: its days come from minute rollups.
    expect(shape((await get('/api/v1/brands/acme/series?grain=day&tz=Asia/Kolkata')).body)).toEqual({ grain: 'day', timeZone: 'Asia/Kolkata', points: daysIn('acme', 'Asia/Kolkata') });
    // globex's brands entry says New York; tz still wins when given.
    expect(shape((await get('/api/v1/brands/globex/series?grain=day', OPS_TOKEN)).body)).toEqual({ grain: 'day', timeZone: 'America/New_York', points: daysIn('globex', 'America/New_York') });
    expect((await get('/api/v1/brands/globex/series?grain=day&tz=UTC', OPS_TOKEN)).body.timeZone).toBe('UTC');
    expect((await get('/api/v1/brands', OPS_TOKEN)).body.brands.map((b: { id: string; timeZone: string | null }) => [b.id, b.timeZone])).toEqual([
      ['acme', null],
      ['globex', 'America/New_York'],
      ['initech', null],
    ]);
    expect((await get('/api/v1/brands/acme/series?tz=Moon/Base')).body).toEqual({
      error: 'tz must be an IANA time zone such as Europe/Paris or America/New_York, got "Moon/Base"',
      code: 'BAD_REQUEST',
    });
  });

  it('gives share of voice against the brands file\'s competitors, each from its own partitions', async () => {
    const { body } = await get('/api/v1/brands/acme/share-of-voice');
    const total = 34 + 11 + 5;
    expect(body).toEqual({
      brand: 'acme',
      grain: 'day',
      brands: [
        { id: 'acme', name: 'Acme Corporation', mentions: 34, share: 34 / total },
        { id: 'globex', name: 'Globex', mentions: 11, share: 11 / total },
        { id: 'initech', name: 'Initech', mentions: 5, share: 5 / total },
        { id: 'umbrella', name: 'umbrella', mentions: 0, share: 0 },
      ],
    });
  });

  it('sums the scorer\'s drivers over the range\'s counted mentions, each way', async () => {
    const sum = (term: string, keep: (m: (typeof mentions)[number]) => boolean = () => true) => {
      const hits = counted('acme', keep).flatMap((m) => m.sentiment.drivers.filter((d) => d.term === term));
      return { term, weight: hits.reduce((a, d) => a + d.weight, 0), mentions: hits.length };
    };
    const { body } = await get('/api/v1/brands/acme/drivers');
    expect(body.positive.map((d: { term: string }) => d.term)).toEqual(['love', 'great']);
    expect(body.negative.map((d: { term: string }) => d.term)).toEqual(['terrible', 'broken']);
    for (const driver of [...body.positive, ...body.negative]) {
      const expected = sum(driver.term);
      expect({ ...driver, weight: Number(driver.weight.toFixed(9)) }).toEqual({ ...expected, weight: Number(expected.weight.toFixed(9)) });
    }
    const ranged = (await get('/api/v1/brands/acme/drivers?from=2024-05-02')).body.negative[0];
    expect(ranged.mentions).toBe(sum('terrible', (m) => m.publishedAt >= Date.UTC(2024, 4, 2)).mentions);
  });

  it('ranks authors by counted mentions, leaves the brand\'s own accounts out, and says whom the brand answered', async () => {
    // An author is a handle on a source; ranked by counted mentions, then followers, then handle.
    const byAuthor = new Map<string, { source: string; handle: string; mentions: number; followers: number }>();
    for (const m of counted('acme', (x) => x.author.handle !== 'AcmeSupport')) {
      const key = `${m.source}:${m.author.handle}`;
      const entry = byAuthor.get(key) ?? { source: m.source, handle: m.author.handle, mentions: 0, followers: m.author.followers ?? 0 };
      entry.mentions += 1;
      byAuthor.set(key, entry);
    }
    const ranked = [...byAuthor.values()].sort((a, b) => b.mentions - a.mentions || b.followers - a.followers || (a.handle < b.handle ? -1 : 1));
    const { body } = await get('/api/v1/brands/acme/authors?limit=3');
    type A = { source: string; handle: string; mentions: number; answered: boolean };
    expect(body.authors.map((a: A) => [a.source, a.handle, a.mentions])).toEqual(ranked.slice(0, 3).map((a) => [a.source, a.handle, a.mentions]));
    // Nothing of the seed was folded into an "others" row of author_days.
    expect(body.folded).toEqual({ authors: 0, mentions: 0 });
    const all: A[] = (await get('/api/v1/brands/acme/authors?limit=100')).body.authors;
    expect(all).toHaveLength(byAuthor.size);
    expect(all.some((a) => a.handle === 'AcmeSupport')).toBe(false);
    // Only user1's rss mention acme-1 got a reply from the brand's support account.
    expect(all.filter((a) => a.answered).map((a) => `${a.source}:${a.handle}`)).toEqual(['rss:user1']);
    // Influence with its parts where the amplification worker has scored the author, null elsewhere.
    const withInfluence = all as Array<A & { influence: { score: number; reach: number } | null }>;
    expect(withInfluence.filter((a) => a.influence !== null).map((a) => [a.source, a.handle, a.influence?.score, a.influence?.reach])).toEqual([['rss', 'user1', 61.5, 0.4]]);
  });
});

describe('conversation feed', () => {
  type Item = { id: string; publishedAt: string };
  const pageAll = async (query: string) => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const page: { body: { items: Item[]; next: string | null } } = await get(`/api/v1/brands/acme/mentions?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items);
      cursor = page.body.next;
      if (cursor === null) break;
    }
    return seen;
  };

  it('pages through every mention received, newest first, each once', async () => {
    const items = await pageAll('');
    const expected = mentions.filter((m) => m.brandId === 'acme').sort((a, b) => b.publishedAt - a.publishedAt || (a.id < b.id ? 1 : -1));
    expect(items.map((i) => i.id)).toEqual(expected.map((m) => m.id));
  });

  it('filters by source, language, sentiment, kind, author, thread and text', async () => {
    const acme = mentions.filter((m) => m.brandId === 'acme');
    const ids = async (query: string) => (await pageAll(query)).map((i) => i.id).sort();
    const expected = (keep: (m: (typeof acme)[number]) => boolean) => acme.filter(keep).map((m) => m.id).sort();
    expect(await ids('&source=mastodon&sentiment=negative')).toEqual(expected((m) => m.source === 'mastodon' && m.sentiment.label === 'negative'));
    expect(await ids('&lang=fr')).toEqual(expected((m) => m.detectedLang === 'fr'));
    expect(await ids('&kind=spam')).toEqual(expected((m) => kindOf(m) === 'spam'));
    expect(await ids('&kind=duplicate')).toHaveLength(4);
    expect(await ids('&author=@User3')).toEqual(expected((m) => m.author.handle === 'user3'));
    expect(await ids('&thread=rss:acme-1')).toEqual(['rss:acme-1', 'rss:acme-40']);
    expect(await ids('&text=BROKEN')).toEqual(expected((m) => m.text.includes('broken')));
    expect(await ids('&text=100%25')).toEqual([]);
  });

  it('shows each card\'s verdicts, drivers and thread', async () => {
    const { body } = await get('/api/v1/brands/acme/mentions?thread=rss:acme-1');
    expect(body.items[0]).toMatchObject({ id: 'rss:acme-40', parentId: 'acme-1', threadId: 'rss:acme-1', counted: true, author: { handle: 'AcmeSupport' } });
    const spam = (await get('/api/v1/brands/acme/mentions?kind=spam&limit=1')).body.items[0];
    expect(spam).toMatchObject({ id: 'rss:acme-38', spam: { is: true, score: 0.95, reasons: ['links', 'repeated text'] }, counted: false });
    const dup = (await get('/api/v1/brands/acme/mentions?kind=duplicate&limit=1')).body.items[0];
    expect(dup).toMatchObject({ id: 'mastodon:acme-39', duplicate: { is: true, of: 'mastodon:acme-0' } });
    const positive = (await get('/api/v1/brands/acme/mentions?sentiment=positive&limit=1')).body.items[0];
    expect(positive.sentiment).toEqual({ label: 'positive', compound: 0.6, drivers: [{ term: 'love', weight: 0.6 }, { term: 'great', weight: 0.4 }] });
    expect((await get('/api/v1/brands/acme/mentions?sentiment=angry')).body.error).toBe('sentiment must be positive, neutral or negative, got "angry"');
    expect((await get('/api/v1/brands/acme/mentions?cursor=abc')).body.error).toBe('cursor is not one this API gave out; start again without it');
  });
});

describe('alert inbox', () => {
  it('gives the held alerts, then the archive\'s older ones the hub does not hold, newest first', async () => {
    const { status, body } = await get('/api/v1/brands/acme/alerts');
    expect(status).toBe(200);
    expect(body.alerts.map((a: { id: string }) => a.id)).toEqual(['acme:volume_spike:2']);
    expect(body.cursor).toBe('0:7');
    expect(body.archivedFrom).toBe(path.join(root, 'objects', 'alerts/v1'));
    expect(body.archived).toEqual([
      { ...seedAlert('acme', 1), position: { partition: 0, offset: '1' }, archived: true },
      { ...seedAlert('acme', 0), position: { partition: 0, offset: '0' }, archived: true },
    ]);
    expect(body.archivedNext).toBeNull();
    expect((await get('/api/v1/brands/acme/alerts?archived=0')).body).toEqual({ error: 'archived must be a whole number from 1 to 1000, got "0"', code: 'BAD_REQUEST' });
  });

  it('pages the archived history with a cursor, never repeating or skipping one, the held ones left out', async () => {
    const first = (await get('/api/v1/brands/acme/alerts?archived=1')).body;
    expect(first.archived.map((a: { id: string }) => a.id)).toEqual(['acme:volume_spike:1']);
    expect(first.archivedNext).toEqual(expect.any(String));
    const older = await get(`/api/v1/brands/acme/alerts/archived?cursor=${first.archivedNext}&limit=1`);
    expect(older).toMatchObject({ status: 200 });
    expect(older.body).toEqual({
      brand: 'acme',
      archived: [{ ...seedAlert('acme', 0), position: { partition: 0, offset: '0' }, archived: true }],
      next: null,
      archivedFrom: path.join(root, 'objects', 'alerts/v1'),
    });
    // From the start, the default page (50) holds both; the held alert 2 is never in it.
    expect((await get('/api/v1/brands/acme/alerts/archived')).body.archived.map((a: { id: string }) => a.id)).toEqual(['acme:volume_spike:1', 'acme:volume_spike:0']);
    // Every page of one, walked to the end: each archived alert once, in order.
    const walked: string[] = [];
    for (let cursor = ''; ; ) {
      const page = (await get(`/api/v1/brands/globex/alerts/archived?limit=1${cursor ? `&cursor=${cursor}` : ''}`, OPS_TOKEN)).body;
      walked.push(...page.archived.map((a: { id: string }) => a.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(walked).toEqual(['globex:volume_spike:0']);
    expect((await get('/api/v1/brands/acme/alerts/archived?cursor=abc')).body).toEqual({ error: 'cursor is not one this API gave out; start again without it', code: 'BAD_REQUEST' });
    expect((await get('/api/v1/brands/acme/alerts/archived?limit=1001')).body).toEqual({ error: 'limit must be a whole number from 1 to 1000, got "1001"', code: 'BAD_REQUEST' });
    expect((await get('/api/v1/brands/globex/alerts/archived')).body).toEqual({ error: 'this token may not see brand "globex"', code: 'FORBIDDEN' });
  });

  it('reads only the brand\'s own archive, and an empty store has no history', async () => {
    expect((await get('/api/v1/brands/globex/alerts')).status).toBe(403);
    expect((await get('/api/v1/brands/globex/alerts', OPS_TOKEN)).body.archived.map((a: { id: string }) => a.id)).toEqual(['globex:volume_spike:0']);
    expect((await get('/api/v1/brands/initech/alerts', OPS_TOKEN)).body.archived).toEqual([]);
    const empty = await get('/api/v1/brands/acme/alerts', ACME_TOKEN, emptyBase);
    expect(empty.body.archived).toEqual([]);
    expect(empty.body.archivedFrom).toBe(path.join(emptyRoot, 'objects', 'alerts/v1'));
  });
});

describe('freshness', () => {
  it('says up to when the numbers are complete, and whether the range ends before that', async () => {
    const detail = 'every mention received by then is in the rollups read (ingest watermark through enricher, sentiment-worker, aggregation-worker)';
    const all = (await get('/api/v1/brands/acme/summary')).body;
    expect([all.completeUpTo, all.rangeComplete, all.freshness]).toEqual(['2024-05-01T12:00:00.000Z', false, detail]);
    expect((await get('/api/v1/brands/acme/summary?to=2024-05-01T12:00:00Z')).body.rangeComplete).toBe(true);
    expect((await get('/api/v1/brands/acme/summary?from=2024-05-01T11:00:00Z&to=2024-05-01T13:00:00Z')).body.rangeComplete).toBe(false);
    // The seed's one late mention (ingested two hours after it was published) is the funnel's +1 late.
    expect(all.funnel.late).toEqual({ records: 1, mentions: 1 });
    const unmeasured = (await get('/api/v1/brands/acme/summary', ACME_TOKEN, emptyBase)).body;
    expect([unmeasured.completeUpTo, unmeasured.rangeComplete, unmeasured.freshness]).toEqual([null, false, 'not measured: this dashboard has no broker to follow the pipeline on']);
  });
});
