// Amplification engine throughput on one core, against a pass-through over the same mentions in
// the same run, plus the size and cost of a partition snapshot. Live traffic: a watermark tick
// follows every second of ingestion, as the worker's ticker writes them. Bounded: a fixed input.
import { alertScenario, brandFixture } from '@sl/testkit';
import { createAmplificationEngine, encodeState } from '../src/index.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const brandIds = ['acme', 'globex', 'initech', 'umbrella'];
const brands = new Map(brandIds.map((id) => [id, brandFixture(id, { name: id, handles: [id], categoryTerms: ['coffee'] })]));
say('bench:amplification: generating four simulated days for four brands ...');
const mentions = brandIds
  .flatMap((id, i) => alertScenario({ brandId: id, days: 4, seed: i + 1, peakPerMinute: 40 }).mentions)
  .sort((a, b) => a.ingestedAt - b.ingestedAt);

function time(run: () => number): { seconds: number; result: number } {
  const started = performance.now();
  const result = run();
  return { seconds: (performance.now() - started) / 1000, result };
}

const passThrough = time(() => {
  let sum = 0;
  for (const m of mentions) sum += m.text.length + (m.author.followers ?? 0) + m.sentiment.compound;
  return sum;
});
const engine = createAmplificationEngine();
const brandOf = (id: string) => brands.get(id);
const processed = time(() => {
  let alerts = 0;
  let nextTick = Number.NEGATIVE_INFINITY;
  for (const m of mentions) {
    alerts += engine.process(m, brands.get(m.brandId), 0).alerts.length;
    if (m.ingestedAt >= nextTick) {
      alerts += engine.advance(m.ingestedAt, brandOf, 0).alerts.length;
      nextTick = m.ingestedAt + 1_000;
    }
  }
  const last = mentions.at(-1);
  if (last) alerts += engine.advance(last.ingestedAt + 60_000, brandOf, 0).alerts.length;
  return alerts;
});
const snapshot = time(() => encodeState(engine.snapshot()).length);

const rate = (seconds: number) => Math.round(mentions.length / seconds);
say(`| case | mentions | seconds | mentions/s |`);
say(`|---|---|---|---|`);
say(`| baseline: pass-through | ${mentions.length} | ${passThrough.seconds.toFixed(3)} | ${rate(passThrough.seconds)} |`);
say(`| amplification engine (${processed.result} alerts) | ${mentions.length} | ${processed.seconds.toFixed(3)} | ${rate(processed.seconds)} |`);
say(`bench:amplification: engine at ${((rate(processed.seconds) / rate(passThrough.seconds)) * 100).toFixed(2)}% of pass-through; snapshot of ${brandIds.length} brands: ${(snapshot.result / 1024).toFixed(0)} KiB gzip in ${(snapshot.seconds * 1000).toFixed(0)} ms`);
