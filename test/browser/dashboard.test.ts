// The dashboard as people use it, in a real Chromium (Debian's, installed by `npm run setup`):
// the service runs as its own process over a seeded store with brand-scoped tokens; the test
// signs in, reads every widget's numbers, filters and pages the feed, changes the range, and
// tries another brand's data, and corrects a mention on its card: the real aggregation worker,
// as its own process on the test broker, rolls the correction up into the same folder, and the
// page's numbers follow, and the feed's sentiment filters move the mention. Every request the page makes must stay on the dashboard's own
// loopback address. Screenshots of the main views are written where the log line says
// (SL_DASHBOARD_SCREENSHOTS, default .sl/test-artifacts/dashboard/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Alert } from '@sl/contracts';
import { runQuery } from '@sl/cli/query/run-query';
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH } from '@sl/infra/chromium';
import { dataDir } from '@sl/infra/paths';
import {
  alertsTopic,
  authorsInfluenceTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  renamed,
  type TypedProducer,
} from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kindOf, seedAlert, seedAlerts, seedMentions, seedStore } from '../../packages/dashboard/test/seed-store.ts';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

const ACME_TOKEN = 'acme-team-browser-token-0123456789';
const OPS_TOKEN = 'ops-browser-token-abcdefghijklmnop';
const SHOTS = process.env.SL_DASHBOARD_SCREENSHOTS ?? path.join(dataDir, 'test-artifacts', 'dashboard');

const BRANDS_YAML = `
- { id: acme, name: Acme Corporation, query: acme, competitors: [globex, initech], handles: [acmesupport] }
- { id: globex, name: Globex, query: globex, competitors: [acme], timeZone: Europe/Paris }
- { id: initech, name: Initech, query: initech, competitors: [acme, globex] }
`;

function alert(n: number, brandId = 'acme'): Alert {
  return {
    id: `${brandId}:negative_surge:${n}`,
    brandId,
    kind: 'negative_surge',
    severity: 'critical',
    windowStart: Date.UTC(2024, 4, 1, 14, 0),
    windowEnd: Date.UTC(2024, 4, 1, 14, 15),
    observed: 0.62 + n / 100,
    expected: 0.18,
    mentionIds: ['rss:acme-8', 'rss:acme-20'],
    sampleTexts: ['broken again'],
    explanation: `Negative share 0.6${2 + n} against 0.18 usually (surge ${n}).`,
    createdAt: Date.UTC(2024, 4, 1, 14, 16),
    author: null,
    url: null,
    sentiment: -0.5,
    influence: null,
    historical: false,
  };
}

const mentions = seedMentions();
const acme = mentions.filter((m) => m.brandId === 'acme');

let work: string;
let service: ServiceProcess;
let aggregator: ServiceProcess;
let base: string;
let browser: Browser;
let producer: TypedProducer;
const namespace = `${uniqueName('dashboard-browser')}.`;
const acmeAlerts = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
const globexAlerts = renamed(alertsTopic('globex'), `${namespace}alerts.globex`);
const requested: string[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (request) => requested.push(request.url()));
  return page;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/signin');
  await page.fill('#token', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  await page.waitForSelector('body[data-loading="false"]');
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: npm run setup installs it (as root: ${CHROMIUM_INSTALL_HINT})`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-browser-'));
  await seedStore(path.join(work, 'objects'));
  // The alert archive: an older acme alert no longer on the topic, the one the topic still holds
  // (shown once), one of globex's, and 60 of initech's (more than the inbox's page of 50).
  await seedAlerts(path.join(work, 'objects'), [
    seedAlert('acme', 3),
    alert(0),
    seedAlert('globex', 0),
    ...Array.from({ length: 60 }, (_, n) => seedAlert('initech', n)),
  ]);
  fs.writeFileSync(path.join(work, 'brands.yaml'), BRANDS_YAML);
  fs.mkdirSync(SHOTS, { recursive: true });
  // One alert on each brand's topic before the dashboard starts: it reads what the topic keeps.
  const brokers = inject('kafkaBrokers');
  const kafka = createKafkaClient({ brokers, clientId: 'dashboard-browser-test', logger: testLogger() });
  await ensureTopics(kafka, [acmeAlerts, globexAlerts], { withDeadLetters: false });
  producer = await createIdempotentProducer(kafka, { logger: testLogger() });
  await producer.send(acmeAlerts, [{ key: alert(0).id, value: alert(0) }]);
  await producer.send(globexAlerts, [{ key: alert(0, 'globex').id, value: alert(0, 'globex') }]);
  // user1's influence for acme, as the amplification worker publishes it.
  const influence = renamed(authorsInfluenceTopic, `${namespace}authors.influence`);
  await ensureTopics(kafka, [influence], { withDeadLetters: false });
  await producer.send(influence, [
    {
      key: 'acme:rss:user1',
      value: {
        brandId: 'acme',
        source: 'rss',
        handle: 'user1',
        influence: { score: 61, reach: 0.4, engagement: 0.7, conversation: 0.5, consistency: 0.9, relevance: 1, listed: null },
        followers: 1000,
        mentions: 3,
        replies: 1,
        activeDays: 2,
        lastSeen: Date.UTC(2024, 4, 2),
      },
    },
  ]);
  service = spawnService('dashboard', {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_DASHBOARD_ALERTS_RECHECK_MS: '500',
    SL_DASHBOARD_WATERMARK_UPSTREAM: 'none',
    SL_DASHBOARD_FRESHNESS_INTERVAL_MS: '200',
    // The seeded folder, whatever object store the environment names.
    S3_BUCKET: '',
    SL_DATA_DIR: work,
    SL_DASHBOARD_PORT: '0',
    SL_DASHBOARD_BRANDS_FILE: path.join(work, 'brands.yaml'),
    SL_DASHBOARD_PAGE_DIR: path.join(work, 'page'),
    SL_DASHBOARD_TOKENS: `acme-team:acme:${ACME_TOKEN},ops:*:${OPS_TOKEN}`,
  });
  // The aggregation worker over the same folder: it rolls up the corrections the page sends.
  aggregator = spawnService('aggregation-worker', {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('dashboard-browser-aggregation'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    S3_BUCKET: '',
    S3_ENDPOINT: '',
    SL_DATA_DIR: work,
    ROLLUP_FLUSH_INTERVAL_MS: '500',
  });
  base = await waitFor(
    'the dashboard to listen',
    async () => /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"[^\n]*"dashboard listening"/.exec(service.output())?.[1],
    60_000,
    () => service.output(),
  );
  // The first watermark measurement, so the funnel's "complete up to" is there at sign-in.
  await waitFor(
    'the first freshness measurement',
    async () => ((await (await fetch(`${base}/healthz`)).text()).includes('complete up to 2') ? true : undefined),
    30_000,
    () => service.output(),
  );
  await waitFor(
    'the aggregation worker to run',
    async () => (aggregator.output().includes('"aggregation worker running"') ? true : undefined),
    60_000,
    () => aggregator.output(),
  );
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  process.stderr.write(`dashboard browser test: screenshots in ${SHOTS}\n`);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await aggregator?.stop();
  await producer?.disconnect();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the dashboard in Chromium', () => {
  it('refuses a wrong token on the sign-in page', async () => {
    const page = await newPage();
    await page.goto(`${base}/signin`);
    await page.fill('#token', 'not-the-right-token-at-all');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toBe('That token is not valid.');
    await page.screenshot({ path: path.join(SHOTS, 'sign-in.png') });
    await page.close();
  });

  it("signs in and shows every widget with the seeded store's numbers", async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    expect(await page.locator('#brand option').allTextContents()).toEqual(['Acme Corporation']);
    expect([await text(page, 'mentions'), await text(page, 'positive'), await text(page, 'neutral'), await text(page, 'negative')]).toEqual(
      ['34', '11', '12', '11'],
    );
    const funnel = page.getByTestId('funnel');
    // All time is never complete; the watermark here follows no stages (nothing upstream), so it is about now.
    expect(await funnel.textContent()).toMatch(
      /^Records received 41 = counted mentions 34 \+ duplicates 4 \+ spam 3 \+ thread replies 0 · \+1 late \(counted through correction rows\) · complete up to \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    expect(await funnel.locator('[data-key=complete]').getAttribute('title')).toBe(
      'every mention received by then is in the rollups read (ingest watermark through no stages (SL_DASHBOARD_WATERMARK_UPSTREAM=none))',
    );
    expect(await text(page, 'status')).toMatch(/^Read from the folder .*\/objects; newest window 2024-05-02 00:00 UTC\.$/);
    // Both charts drew their canvas and the volume chart holds every counted mention.
    expect(await page.locator('[data-testid=volume-chart] canvas').count()).toBe(1);
    expect(await page.locator('[data-testid=sentiment-chart] canvas').count()).toBe(1);
    expect(await page.getByTestId('volume-chart').getAttribute('data-total')).toBe('34');
    // The alert held from the topic and the older one from the archive are drawn where their windows start.
    expect(await page.getByTestId('volume-chart').getAttribute('data-alert-marks')).toBe('2');
    // The scorer's drivers summed: 11 positive mentions each with love 0.6 and great 0.4, 11 negative with terrible -0.5 and broken -0.4.
    expect(await page.locator('[data-testid=drivers] p').allTextContents()).toEqual([
      'Lifted by: love +6.6 great +4.4',
      'Dragged down by: terrible -5.5 broken -4.4',
    ]);
    expect(await page.locator('[data-testid=share-of-voice] .sov-label').allTextContents()).toEqual([
      'Acme Corporation · 34 · 68.0%',
      'Globex · 11 · 22.0%',
      'Initech · 5 · 10.0%',
    ]);
    expect(await page.locator('[data-testid=authors] tbody tr').count()).toBe(10);
    const answered = page.locator('[data-testid=authors] tbody tr', { hasText: 'yes' });
    expect(await answered.locator('td').allTextContents()).toEqual(['@user1 User 1 · rss', '3', '61', '1,000', '41', '-0.17', 'yes']);
    expect(await answered.locator('td').nth(2).getAttribute('title')).toBe(
      'reach 0.40, engagement 0.70, conversation 0.50, consistency 0.90, relevance 1.00',
    );
    // The feed: the newest 20 of 41 received, then the rest page by page.
    expect(await page.getByTestId('feed').getAttribute('data-count')).toBe('20');
    expect(await page.locator('#feed li.mention').first().getAttribute('data-id')).toBe('rss:acme-40');
    await page.screenshot({ path: path.join(SHOTS, 'overview.png') });
    await page.getByTestId('more').click();
    await expect.poll(() => page.getByTestId('feed').getAttribute('data-count')).toBe('40');
    await page.getByTestId('more').click();
    await expect.poll(() => page.getByTestId('feed').getAttribute('data-count')).toBe('41');
    expect(await page.getByTestId('more').isHidden()).toBe(true);
    await page.close();
  });

  it('filters the feed, highlights the drivers, and narrows every number to a range', async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    const filters = page.getByTestId('feed-filters');
    await filters.locator('[name=lang]').fill('fr');
    await filters.locator('[name=sentiment]').selectOption('negative');
    await filters.locator('button[type=submit]').click();
    const expected = acme
      .filter((m) => m.detectedLang === 'fr' && m.sentiment.label === 'negative')
      .sort((a, b) => b.publishedAt - a.publishedAt);
    expect(expected.map((m) => m.id)).toEqual(['rss:acme-32', 'rss:acme-20', 'rss:acme-8']);
    await expect
      .poll(() => page.locator('#feed li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id'))))
      .toEqual(expected.map((m) => m.id));
    expect(await page.locator('#feed li.mention').first().locator('mark.driver.neg').allTextContents()).toEqual(['broken', 'terrible']);
    await page.locator('section.feed').screenshot({ path: path.join(SHOTS, 'feed-filtered.png') });
    // A spam card says why, and the thread link opens the thread.
    await filters.locator('button[type=reset]').click();
    await filters.locator('[name=kind]').selectOption('spam');
    await filters.locator('button[type=submit]').click();
    await expect
      .poll(() => page.getByTestId('feed').getAttribute('data-count'))
      .toBe(String(acme.filter((m) => kindOf(m) === 'spam').length));
    expect(await page.locator('#feed .badge.spam').first().textContent()).toBe('spam 0.95: links, repeated text');
    await filters.locator('[name=kind]').selectOption('');
    await filters.locator('[name=thread]').fill('rss:acme-1');
    await filters.locator('button[type=submit]').click();
    await expect
      .poll(() => page.locator('#feed li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id'))))
      .toEqual(['rss:acme-40', 'rss:acme-1']);
    // A range: 2024-05-01 12:00 to 18:00 UTC holds mentions 4 to 12, of which 7 counted.
    await page.getByTestId('range').selectOption('custom');
    await page.getByTestId('from').fill('2024-05-01T12:00');
    await page.getByTestId('to').fill('2024-05-01T18:00');
    await page.click('#apply-range');
    // A bound for a busy machine, not a speed check: expect.poll gives up after 1 s by default, and
    // a summary over minute rollups once took longer here (the range's own numbers never changed).
    await expect.poll(() => text(page, 'mentions'), { timeout: 15_000 }).toBe('7');
    const counted = acme.filter(
      (m) => kindOf(m) === 'counted' && m.publishedAt >= Date.UTC(2024, 4, 1, 12) && m.publishedAt < Date.UTC(2024, 4, 1, 18),
    );
    expect(counted.length).toBe(7);
    // Each widget draws when its own answer arrives: the chart may come after the summary.
    await expect.poll(() => page.getByTestId('volume-chart').getAttribute('data-total'), { timeout: 15_000 }).toBe('7');
    // A range that ended before the watermark: only late arrivals could still change it.
    expect(await page.locator('[data-testid=funnel] [data-key=complete]').textContent()).toBe('complete for this range');
    await page.close();
  });

  it("refuses another brand's data to a brand-scoped token, and shows all to an all-brands one", async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    const answers = await page.evaluate(async () => {
      const statuses: Record<string, number> = {};
      for (const route of ['summary', 'series', 'share-of-voice', 'authors', 'mentions', 'alerts', 'alerts/stream'])
        statuses[route] = (await fetch(`/api/v1/brands/globex/${route}`)).status;
      return statuses;
    });
    expect(answers).toEqual({
      summary: 403,
      series: 403,
      'share-of-voice': 403,
      authors: 403,
      mentions: 403,
      alerts: 403,
      'alerts/stream': 403,
    });
    // Asking for it in the address does not show it either.
    await page.goto(`${base}/#brand=globex`);
    await page.waitForSelector('body[data-loading="false"]');
    expect(await page.locator('#brand').inputValue()).toBe('acme');
    await page.close();
    const ops = await newPage();
    await signIn(ops, OPS_TOKEN);
    expect(await ops.locator('#brand option').allTextContents()).toEqual(['Acme Corporation', 'Globex', 'Initech']);
    await ops.locator('#brand').selectOption('globex');
    await expect
      .poll(() => text(ops, 'mentions'))
      .toBe(String(mentions.filter((m) => m.brandId === 'globex' && kindOf(m) === 'counted').length));
    // globex's brands entry names its zone: the page counts and shows times in it.
    expect(await ops.locator('#tz option').first().textContent()).toBe("Brand's (Europe/Paris)");
    expect(await text(ops, 'status')).toMatch(/; newest window \d{4}-\d\d-\d\d \d\d:\d\d Europe\/Paris\.$/);
    await ops.close();
  });

  it('shows the held alerts, then the archived history, and an alert raised on the topic appears live', async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    const ids = () => page.locator('[data-testid=alerts] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    await expect.poll(ids).toEqual(['acme:negative_surge:0', 'acme:volume_spike:3']);
    expect(await page.getByTestId('alerts').getAttribute('data-archived')).toBe('1');
    expect(await page.locator('[data-testid=alerts] li.archived .meta').textContent()).toBe(
      'info volume spike · 2024-05-01 10:45 UTC to 2024-05-01 11:00 UTC · observed 23 against expected 4.50 · from the archive',
    );
    await expect.poll(() => text(page, 'alerts-state')).toBe('(live)');
    await producer.send(acmeAlerts, [{ key: alert(1).id, value: alert(1) }]);
    await producer.send(globexAlerts, [{ key: alert(1, 'globex').id, value: alert(1, 'globex') }]);
    await expect.poll(ids, { timeout: 30_000 }).toEqual(['acme:negative_surge:1', 'acme:negative_surge:0', 'acme:volume_spike:3']);
    await expect.poll(() => page.getByTestId('volume-chart').getAttribute('data-alert-marks')).toBe('3');
    const newest = page.locator('[data-testid=alerts] li').first();
    expect(await newest.locator('.meta').textContent()).toBe(
      'critical negative surge · 2024-05-01 14:00 UTC to 2024-05-01 14:15 UTC · observed 0.63 against expected 0.18',
    );
    await page.locator('section.inbox').screenshot({ path: path.join(SHOTS, 'alerts.png') });
    // The evidence opens the mention in the feed.
    await newest.getByText('rss:acme-8').click();
    await expect
      .poll(() => page.locator('#feed li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id'))))
      .toEqual(['rss:acme-8']);
    await page.close();
  });

  it('pages the archived alert history with "Older alerts", each alert once', async () => {
    const page = await newPage();
    await signIn(page, OPS_TOKEN);
    await page.locator('#brand').selectOption('initech');
    const ids = () => page.locator('[data-testid=alerts] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    const newestFirst = Array.from({ length: 60 }, (_, n) => `initech:volume_spike:${59 - n}`);
    await expect.poll(ids).toEqual(newestFirst.slice(0, 50));
    expect(await page.getByTestId('alerts').getAttribute('data-archived')).toBe('50');
    await page.getByTestId('alerts-older').click();
    await expect.poll(ids).toEqual(newestFirst);
    expect(await page.getByTestId('alerts').getAttribute('data-archived')).toBe('60');
    expect(await page.getByTestId('alerts-older').isHidden()).toBe(true);
    // acme's history fits one page: no button.
    await page.locator('#brand').selectOption('acme');
    await expect.poll(ids).toEqual(['acme:negative_surge:1', 'acme:negative_surge:0', 'acme:volume_spike:3']);
    expect(await page.getByTestId('alerts-older').isHidden()).toBe(true);
    await page.close();
  });

  it('shows a burst of alerts raised at once (a backfill released), each once, newest first, each marked on the chart', async () => {
    const page = await newPage();
    await signIn(page, OPS_TOKEN);
    await page.locator('#brand').selectOption('globex');
    const ids = () => page.locator('[data-testid=alerts] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    const before = ['globex:negative_surge:1', 'globex:negative_surge:0', 'globex:volume_spike:0'];
    await expect.poll(ids).toEqual(before);
    await expect.poll(() => text(page, 'alerts-state')).toBe('(live)');
    await expect.poll(() => page.getByTestId('volume-chart').getAttribute('data-alert-marks')).toBe('3');
    const burst = Array.from({ length: 400 }, (_, i) => alert(100 + i, 'globex'));
    await producer.send(
      globexAlerts,
      burst.map((value) => ({ key: value.id, value })),
    );
    const newestFirst = burst.map((a) => a.id).reverse();
    await expect.poll(ids, { timeout: 30_000 }).toEqual([...newestFirst, ...before]);
    expect(await page.getByTestId('alerts').getAttribute('data-count')).toBe('403');
    await expect.poll(() => page.getByTestId('volume-chart').getAttribute('data-alert-marks')).toBe('403');
    await page.close();
  });

  it('counts days and shows every time in the zone picked in the header', async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    expect(await page.locator('#tz option').first().textContent()).toBe("Brand's (UTC)");
    await page.getByTestId('tz').selectOption('America/New_York');
    // April to June of New York's wall clock: long enough for one point per day, New York's days.
    await page.getByTestId('range').selectOption('custom');
    await page.getByTestId('from').fill('2024-04-01T00:00');
    await page.getByTestId('to').fill('2024-07-01T00:00');
    await page.click('#apply-range');
    await expect
      .poll(() => page.getByTestId('volume-chart').getAttribute('data-first-point'), { timeout: 15_000 })
      .toBe('2024-05-01T04:00:00.000Z');
    expect(await page.getByTestId('volume-chart').getAttribute('data-points')).toBe('2');
    expect(await page.getByTestId('volume-chart').getAttribute('data-total')).toBe('34');
    expect(await text(page, 'mentions')).toBe('34');
    expect(await page.locator('[data-testid=funnel] [data-key=complete]').textContent()).toBe('complete for this range');
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('from')).toBe('2024-04-01T04:00:00.000Z');
    await expect
      .poll(() => page.locator('[data-testid=alerts] li.archived .meta').textContent())
      .toBe(
        'info volume spike · 2024-05-01 06:45 America/New_York to 2024-05-01 07:00 America/New_York · observed 23 against expected 4.50 · from the archive',
      );
    expect(await text(page, 'status')).toMatch(/; newest window 2024-05-02 06:00 America\/New_York\.$/);
    await page.screenshot({ path: path.join(SHOTS, 'time-zone.png') });
    await page.close();
  });

  it('corrects a mention on its card: shown as sent, then counted by the summary, the chart and top authors once rolled up', async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    // mastodon:acme-36: counted and positive as scored, on the feed's first page.
    const card = page.locator('#feed li.mention[data-id="mastodon:acme-36"]');
    expect(await card.locator('.badge').allTextContents()).toEqual(['positive 0.60']);
    // Its author's counted mentions in top authors, as the page reads them: one fewer once rolled up.
    const authorMentions = () =>
      page.evaluate(async () => {
        const body = (await (await fetch('/api/v1/brands/acme/authors?limit=100')).json()) as {
          authors: Array<{ source: string; handle: string; mentions: number }>;
        };
        return body.authors.find((a) => a.source === 'mastodon' && a.handle === 'user1')?.mentions ?? 0;
      });
    const before = await authorMentions();
    expect(before).toBeGreaterThan(0);
    await card.locator('details.correct summary').click();
    const form = card.locator('form.correct-form');
    // Refused by the server with its reason: it already counts so.
    await form.locator('[name=kind]').selectOption('counted');
    await form.locator('[name=reason]').fill('checked by hand');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => form.locator('.correct-error').textContent())
      .toBe('nothing to correct: mastodon:acme-36 already counts as counted, positive');
    await card.screenshot({ path: path.join(SHOTS, 'correction-form.png') });
    await form.locator('[name=kind]').selectOption('spam');
    await form.locator('[name=reason]').fill('a follower seller');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => card.locator('.badge.sent').textContent()).toBe('correction sent: counted → spam');
    await card.screenshot({ path: path.join(SHOTS, 'correction-sent.png') });
    // The aggregation worker flushes every 500 ms; the page asks until the correction is archived, then reloads.
    // A bound for a busy machine, not a speed check.
    await expect.poll(() => text(page, 'mentions'), { timeout: 60_000 }).toBe('33');
    expect([await text(page, 'positive'), await text(page, 'neutral'), await text(page, 'negative')]).toEqual(['10', '12', '11']);
    expect(await page.getByTestId('funnel').textContent()).toMatch(
      /^Records received 41 = counted mentions 33 \+ duplicates 4 \+ spam 4 \+ thread replies 0 · \+1 late /,
    );
    await expect.poll(() => page.getByTestId('volume-chart').getAttribute('data-total')).toBe('33');
    expect(await authorMentions()).toBe(before - 1);
    // The original verdict stays; the correction sits beside it.
    const after = page.locator('#feed li.mention[data-id="mastodon:acme-36"]');
    await expect.poll(() => after.locator('.badge').allTextContents()).toEqual(['positive 0.60', 'corrected by the team: counted → spam']);
    expect(await after.locator('.badge.corrected').getAttribute('title')).toMatch(
      /^corrected by the team at \d{4}-\d\d-\d\dT[\d:.]+Z: a follower seller$/,
    );
    await page.locator('section.feed').screenshot({ path: path.join(SHOTS, 'correction-rolled-up.png') });
    // sl query tells the team's correction rows from the scored ones.
    const sums = await runQuery(
      path.join(work, 'objects'),
      "SELECT verdict, sum(mentions)::INT AS mentions, sum(positive)::INT AS positive, sum(spam)::INT AS spam FROM rollups WHERE brand = 'acme' AND grain = 'day' GROUP BY ALL ORDER BY verdict",
    );
    expect(sums.rows).toEqual([
      { verdict: 'scored', mentions: 34, positive: 11, spam: 3 },
      { verdict: 'team', mentions: -1, positive: -1, spam: 1 },
    ]);
    await page.close();
  });

  it('moves a mention corrected from negative to positive between the sentiment filters', async () => {
    const page = await newPage();
    await signIn(page, ACME_TOKEN);
    const filters = page.getByTestId('feed-filters');
    const listed = () => page.locator('#feed li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    const show = async (sentiment: string) => {
      await filters.locator('[name=sentiment]').selectOption(sentiment);
      await filters.locator('button[type=submit]').click();
    };
    const french = (label: string, moved: string[] = []) =>
      acme
        .filter((m) => m.detectedLang === 'fr' && (moved.includes(m.id) ? label === 'positive' : m.sentiment.label === label))
        .sort((a, b) => b.publishedAt - a.publishedAt)
        .map((m) => m.id);
    await filters.locator('[name=lang]').fill('fr');
    await show('positive');
    expect(french('positive')).toEqual(['mastodon:acme-36', 'mastodon:acme-24', 'mastodon:acme-12', 'mastodon:acme-0']);
    // Bounds for a busy machine, not speed checks (expect.poll gives up after 1 s by default).
    await expect.poll(listed, { timeout: 15_000 }).toEqual(french('positive'));
    await show('negative');
    await expect.poll(listed, { timeout: 15_000 }).toEqual(['rss:acme-32', 'rss:acme-20', 'rss:acme-8']);
    // rss:acme-8, scored negative: the team says it is praise.
    const card = page.locator('#feed li.mention[data-id="rss:acme-8"]');
    expect(await card.locator('.badge').allTextContents()).toEqual(['negative -0.50']);
    await card.locator('details.correct summary').click();
    const form = card.locator('form.correct-form');
    await form.locator('[name=sentiment]').selectOption('positive');
    await form.locator('[name=reason]').fill('praise, not a complaint');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => card.locator('.badge.sent').textContent(), { timeout: 15_000 }).toBe('correction sent: negative → positive');
    // Once archived the page reloads with the same filters: no longer negative.
    await expect.poll(listed, { timeout: 60_000 }).toEqual(['rss:acme-32', 'rss:acme-20']);
    await show('positive');
    expect(french('positive', ['rss:acme-8'])).toEqual([
      'mastodon:acme-36',
      'mastodon:acme-24',
      'mastodon:acme-12',
      'rss:acme-8',
      'mastodon:acme-0',
    ]);
    await expect.poll(listed, { timeout: 15_000 }).toEqual(french('positive', ['rss:acme-8']));
    // Listed as positive, its scored verdict still shown beside the correction.
    expect(await page.locator('#feed li.mention[data-id="rss:acme-8"] .badge').allTextContents()).toEqual([
      'negative -0.50',
      'corrected by the team: negative → positive',
    ]);
    // A card is dimmed when it does not count now: mastodon:acme-36, corrected to spam by the test
    // before, is; rss:acme-8, counted all along, is not.
    expect(await page.locator('#feed li.mention[data-id="mastodon:acme-36"]').getAttribute('class')).toBe('mention not-counted');
    expect(await page.locator('#feed li.mention[data-id="rss:acme-8"]').getAttribute('class')).toBe('mention');
    await page.locator('section.feed').screenshot({ path: path.join(SHOTS, 'feed-corrected-filter.png') });
    await page.close();
  });

  it("made no request that left the dashboard's own address", () => {
    expect(requested.length).toBeGreaterThan(20);
    expect(requested.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
  });
});
