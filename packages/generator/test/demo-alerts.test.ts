// The demo as the amplification worker sees it: a day and a bit of history sent as the backfill
// plan says, then the live stream with the demo's events, through the real enricher, sentiment
// scorer and amplification engine. Each wave is read newest first, worse than the real pipeline
// (which reads a request's partitions one after another). The history must raise nothing, the
// live stream exactly the alert each event is meant to raise, when the event is under way.
import type { Alert } from '@sl/contracts';
import { expect, it } from 'vitest';
import { backfillStart, backfillWaves, createGenerator, DEMO_EVENTS, DEMO_HISTORY_MS } from '../src/index.ts';
import { exampleBrands, pipelineModel } from './pipeline-model.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

it('raises nothing from the history, then one alert per live event, each while its event is on', async () => {
  const model = pipelineModel(await exampleBrands());
  const generator = createGenerator({ seed: 12, ratePerSecond: 0.25, events: DEMO_EVENTS });
  const live = Date.UTC(2026, 10, 24, 16, 7, 31);

  const fromHistory: Alert[] = [];
  for (const wave of backfillWaves(generator, backfillStart(live, DEMO_HISTORY_MS), live)) fromHistory.push(...model.ingest(wave.mentions, live, 'reversed'));
  expect(fromHistory.map((a) => a.id)).toEqual([]);

  const raised: Array<{ kind: string; brand: string; second: number }> = [];
  for (let now = live + SECOND; now <= live + 35 * MINUTE; now += SECOND) {
    const mentions = generator.tick(now);
    // Events count from the first tick: the live start.
    const start = generator.start ?? live;
    for (const alert of model.ingest(mentions, now, 'reversed')) raised.push({ kind: alert.kind, brand: alert.brandId, second: (now - start) / SECOND });
  }
  expect(raised.map((a) => `${a.kind}:${a.brand}`).sort()).toEqual(
    ['amplification_opportunity:umbrella', 'influential_voice:acme', 'negative_surge:globex', 'unanswered_question:acme', 'viral_post:initech', 'volume_spike:acme'].sort(),
  );
  const at = (kind: string) => raised.find((a) => a.kind === kind)?.second ?? Number.NaN;
  // Window kinds are judged when their 15-minute window closes (its end plus the watermark's few
  // seconds): no later than the first window end after the event, plus half a minute.
  const start = generator.start ?? live;
  const closeAfter = (second: number) => (Math.ceil((start + second * SECOND) / (15 * MINUTE)) * 15 * MINUTE - start) / SECOND + 30;
  // The spike runs from +90 s for 12 minutes, the surge from +150 s for 15.
  expect(at('volume_spike')).toBeGreaterThan(90);
  expect(at('volume_spike')).toBeLessThan(closeAfter(90 + 12 * 60));
  expect(at('negative_surge')).toBeGreaterThan(150);
  expect(at('negative_surge')).toBeLessThan(closeAfter(150 + 15 * 60));
  // Posted at +46 s; acme's history was ingested at the live start and holds the brand's
  // watermark for a minute of ingestion (the backfill hold), so the alert comes at +60 s at most.
  expect(at('influential_voice')).toBeGreaterThanOrEqual(46);
  expect(at('influential_voice')).toBeLessThanOrEqual(62);
  // The question falls due 15 minutes after +60 s and is raised when its window closes.
  expect(at('unanswered_question')).toBeGreaterThan(60 + 15 * 60);
}, 300_000);
