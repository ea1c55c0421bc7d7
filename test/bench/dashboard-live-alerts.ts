// `npm run bench:dashboard-live`: does the dashboard's page stay responsive while alerts stream in?
// The dashboard service (its own process, on a broker this bench starts) serves a store seeded with
// a year of one brand's rollups; a real Chromium (Debian's) opens the page, and the bench produces
// alerts onto the brand's topic in three phases of the same length, measured in the page:
//   - idle: no alerts (the baseline, in the same run, on the same page);
//   - stream: a steady SL_BENCH_ALERT_RATE alerts/s (default 100);
//   - burst: SL_BENCH_BURST alerts (default 2,000) in one send, as a backfill's release does.
// In every phase the page records each animation frame (the longest gaps are the time the main
// thread could not paint), every long task (PerformanceObserver), and a click every 200 ms: how long
// the click waited before its handler ran, and until the next frame after it (what a person feels).
// It also checks what the inbox must show: every alert produced, once (an exact count).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Alert } from '@sl/contracts';
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH } from '@sl/infra/chromium';
import { startKafkaBroker } from '@sl/infra/kafka';
import { alertsTopic, createIdempotentProducer, createKafkaClient, ensureTopics, renamed } from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { chromium } from 'playwright-core';
import { MINUTE, mention, seedAlert, seedStore, T0 } from '../../packages/dashboard/test/seed-store.ts';
import { spawnService, waitFor } from '../support/service-process.ts';

const RATE = Number(process.env.SL_BENCH_ALERT_RATE ?? 100);
const BURST = Number(process.env.SL_BENCH_BURST ?? 2_000);
const PHASE_MS = Number(process.env.SL_BENCH_PHASE_SECONDS ?? 10) * 1000;
const CLICK_EVERY_MS = 200;
/** Where to write a Chromium trace of the burst phase (chrome://tracing, Perfetto), when set. */
const TRACE = process.env.SL_BENCH_TRACE;
const HOUR = 60 * MINUTE;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createRootLogger({ service: 'bench', level: 'warn' });
if (!fs.existsSync(CHROMIUM_PATH))
  throw new Error(`no Chromium at ${CHROMIUM_PATH}: npm run setup installs it (as root: ${CHROMIUM_INSTALL_HINT})`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-dashboard-live-'));
let brokers = process.env.KAFKA_BROKERS?.split(',');
let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
if (!brokers) {
  say('bench:dashboard-live: starting a local broker ...');
  broker = await startKafkaBroker({ dataDir: path.join(work, 'kafka') });
  brokers = broker.brokers;
}

// A year of acme, one mention an hour, so the volume chart the marks are drawn on has a year of days.
const YEAR_HOURS = 365 * 24;
await seedStore(
  path.join(work, 'objects'),
  Array.from({ length: YEAR_HOURS }, (_, h) => mention(h, 'acme', { compound: [0.6, 0, -0.5][h % 3] ?? 0, publishedAt: T0 + h * HOUR })),
);
fs.writeFileSync(path.join(work, 'brands.yaml'), '- { id: acme, name: Acme Corporation, query: acme }\n');

const namespace = `bench-dashboard-live-${Date.now().toString(36)}.`;
const topic = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
const kafka = createKafkaClient({ brokers, clientId: 'bench-dashboard-live', logger });
await ensureTopics(kafka, [topic], { withDeadLetters: false });
const producer = await createIdempotentProducer(kafka, { logger });
let produced = 0;
/** The next `count` alerts, their windows spread over the seeded year so each is a mark on the chart. */
const nextAlerts = (count: number): Alert[] =>
  Array.from({ length: count }, () => {
    const n = produced++;
    return seedAlert('acme', n, { windowStart: T0 + ((n * 7) % YEAR_HOURS) * HOUR, windowEnd: T0 + (((n * 7) % YEAR_HOURS) + 1) * HOUR });
  });
const send = (alerts: Alert[]) =>
  producer.send(
    topic,
    alerts.map((value) => ({ key: value.id, value })),
  );

const service = spawnService('dashboard', {
  KAFKA_BROKERS: brokers.join(','),
  SL_TOPIC_NAMESPACE: namespace,
  SL_DASHBOARD_ALERTS_RECHECK_MS: '500',
  SL_DASHBOARD_WATERMARK_UPSTREAM: 'none',
  S3_BUCKET: '',
  SL_DATA_DIR: work,
  SL_DASHBOARD_PORT: '0',
  SL_DASHBOARD_BRANDS_FILE: path.join(work, 'brands.yaml'),
  SL_DASHBOARD_PAGE_DIR: path.join(work, 'page'),
  SL_DASHBOARD_WARM_AUTHORS: 'false',
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });

// Runs in the page (a string: this file is compiled without the DOM's types).
const PAGE_PROBE = `
  window.probe = { frames: [], longTasks: [], clickWaits: [], clickToFrame: [] };
  const frame = (t) => { window.probe.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  document.addEventListener('pointerdown', (event) => {
    window.probe.clickWaits.push(performance.now() - event.timeStamp);
    requestAnimationFrame(() => window.probe.clickToFrame.push(performance.now() - event.timeStamp));
  });
`;

interface PhaseFigures {
  phase: string;
  alertsShown: number;
  frames: number;
  frameGapP99Ms: number;
  frameGapMaxMs: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskTotalMs: number;
  clicks: number;
  clickWaitP99Ms: number;
  clickToFrameP99Ms: number;
  clickToFrameMaxMs: number;
}

try {
  const base = await waitFor(
    'the dashboard to listen',
    async () => /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"[^\n]*"dashboard listening"/.exec(service.output())?.[1],
    120_000,
    () => service.output(),
  );
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-loading="false"]', { timeout: 120_000 });
  await waitFor('the inbox to follow the topic', async () =>
    (await page.textContent('#alerts-state'))?.includes('live') ? true : undefined,
  );
  say(
    `bench:dashboard-live: page open on ${base} over ${YEAR_HOURS.toLocaleString('en-US')} hourly mentions; phases of ${PHASE_MS / 1000} s`,
  );

  // The page's own probe: frames, long tasks, and what each click waited for.
  await page.evaluate(PAGE_PROBE);
  const shown = async () => Number((await page.getAttribute('#alerts', 'data-count')) ?? 0);
  const heldAtStart = await shown();

  const measure = async (phase: string, load: (until: number) => Promise<void>): Promise<PhaseFigures> => {
    await page.evaluate('for (const list of Object.values(window.probe)) list.length = 0');
    const shownBefore = await shown();
    const until = performance.now() + PHASE_MS;
    let clicking = true;
    const clicks = (async () => {
      // A click on the header's empty space: it does nothing but must be answered.
      while (clicking) {
        await page.mouse.click(1300, 8);
        await sleep(CLICK_EVERY_MS);
      }
    })();
    await load(until);
    const rest = until - performance.now();
    if (rest > 0) await sleep(rest);
    clicking = false;
    await clicks;
    const p = (await page.evaluate('window.probe')) as Partial<Record<'frames' | 'longTasks' | 'clickWaits' | 'clickToFrame', number[]>>;
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const p99 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.99) - 1)] ?? 0;
    const max = (xs: number[]) => Math.max(0, ...xs);
    const gaps = (p.frames ?? []).slice(1).map((t, i) => t - (p.frames?.[i] ?? t));
    return {
      phase,
      alertsShown: (await shown()) - shownBefore,
      frames: p.frames?.length ?? 0,
      frameGapP99Ms: p99(gaps),
      frameGapMaxMs: max(gaps),
      longTasks: p.longTasks?.length ?? 0,
      longTaskMaxMs: max(p.longTasks ?? []),
      longTaskTotalMs: (p.longTasks ?? []).reduce((a, b) => a + b, 0),
      clicks: p.clickWaits?.length ?? 0,
      clickWaitP99Ms: p99(p.clickWaits ?? []),
      clickToFrameP99Ms: p99(p.clickToFrame ?? []),
      clickToFrameMaxMs: max(p.clickToFrame ?? []),
    };
  };

  const figures: PhaseFigures[] = [];
  figures.push(await measure('idle (no alerts)', async () => {}));
  figures.push(
    await measure(`stream: ${RATE} alerts/s`, async (until) => {
      const tick = 100;
      while (performance.now() + tick <= until) {
        const started = performance.now();
        await send(nextAlerts(Math.round((RATE * tick) / 1000)));
        await sleep(Math.max(0, tick - (performance.now() - started)));
      }
    }),
  );
  const streamed = produced;
  say(
    `bench:dashboard-live: the stream phase produced ${streamed} alerts in ${PHASE_MS / 1000} s (${(streamed / (PHASE_MS / 1000)).toFixed(1)}/s of ${RATE}/s asked)`,
  );
  // The stream's alerts are all in before the burst is measured.
  await waitFor('every streamed alert in the inbox', async () => ((await shown()) - heldAtStart >= streamed ? true : undefined), 120_000);
  let burstShownMs = Number.NaN;
  figures.push(
    await measure(`burst: ${BURST.toLocaleString('en-US')} alerts at once`, async () => {
      const sent = performance.now();
      if (TRACE) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'blink.user_timing'] });
      await send(nextAlerts(BURST));
      await waitFor('every burst alert in the inbox', async () => ((await shown()) - heldAtStart >= produced ? true : undefined), 120_000);
      burstShownMs = performance.now() - sent;
      if (TRACE) await browser.stopTracing();
    }),
  );
  const finalShown = (await shown()) - heldAtStart;
  // Each alert once, by id: a count alone would pass a lost alert and a repeated one.
  const shownIds = (await page.evaluate("[...document.querySelectorAll('#alerts li')].map((li) => li.dataset.id)")) as string[];
  const producedIds = Array.from({ length: produced }, (_, n) => `acme:volume_spike:${n}`);
  const unique = new Set(shownIds);
  const missing = producedIds.filter((id) => !unique.has(id)).length;
  const repeated = shownIds.length - unique.size;
  const marks = Number((await page.getAttribute('#volume-chart', 'data-alert-marks')) ?? 0);

  const ms = (n: number) => n.toFixed(1);
  say('');
  say(
    '| phase | alerts shown in it | frames | frame gap p99 / max, ms | long tasks (count, max, total ms) | clicks | click wait p99, ms | click to next frame p99 / max, ms |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of figures)
    say(
      `| ${f.phase} | ${f.alertsShown} | ${f.frames} | ${ms(f.frameGapP99Ms)} / ${ms(f.frameGapMaxMs)} | ${f.longTasks}, ${ms(f.longTaskMaxMs)}, ${ms(f.longTaskTotalMs)} | ${f.clicks} | ${ms(f.clickWaitP99Ms)} | ${ms(f.clickToFrameP99Ms)} / ${ms(f.clickToFrameMaxMs)} |`,
    );
  say('');
  say(`burst: every alert in the inbox ${ms(burstShownMs)} ms after the send returned`);
  const exact = finalShown === produced && missing === 0 && repeated === 0;
  say(
    `inbox: ${finalShown.toLocaleString('en-US')} alerts shown of ${produced.toLocaleString('en-US')} produced (${exact ? 'each once, by id' : `MISMATCH: ${missing} missing, ${repeated} repeated`}); ${marks.toLocaleString('en-US')} marks on the volume chart`,
  );
  say(
    JSON.stringify({
      bench: 'dashboard-live-alerts',
      rate: RATE,
      burst: BURST,
      phaseMs: PHASE_MS,
      produced,
      shown: finalShown,
      burstShownMs,
      figures,
    }),
  );
  if (!exact) process.exitCode = 1;
} finally {
  await browser.close();
  await service.stop();
  await producer.disconnect();
  await broker?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
