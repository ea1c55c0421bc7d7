// Do the alerts and the rollups depend on the order the enricher reads a history in? Runs a
// brands file and a JSONL history (the gateway's format, as `sl ingest` takes it) through the real
// enricher, the sentiment scorer and the amplification engine in one process, once per read order:
// the file's order, sorted by publication, reversed, and two shuffles (test/reconcile/through-stages.ts).
// For each order it prints the alerts that differ from the sorted run, the corrections the engine
// wrote, and for volume spikes and negative surges what the rollups count for the window — scored
// rows alone and with the corrections — next to the alert's observed figure.
//
// Run: node test/bench/order-through-stages.ts --brands brands.yaml history.jsonl
// (the history is not in the repository: evaluation data stays outside it).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseBrandsFile } from '@sl/brands';
import { type Alert, parseMentionInput, type RawMention, type ScoredMention, toRawMention } from '@sl/contracts';
import { backfillIntoEngine, byPublished, readOrders, shuffled, throughStages, windowSums } from '../reconcile/through-stages.ts';

const { values, positionals } = parseArgs({ options: { brands: { type: 'string' } }, allowPositionals: true });
const [historyPath] = positionals;
if (values.brands === undefined || historyPath === undefined) {
  console.error('usage: node test/bench/order-through-stages.ts --brands FILE history.jsonl');
  process.exit(2);
}
const brands = parseBrandsFile(fs.readFileSync(values.brands, 'utf8'), values.brands);

// Every line read as the gateway would, stamped with one ingestion time (a load all at once).
const LOADED_AT = Date.UTC(2030, 0, 1);
const history: RawMention[] = [];
let rejected = 0;
for (const line of fs.readFileSync(historyPath, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const parsed = parseMentionInput(JSON.parse(line));
  if (parsed.ok) history.push(toRawMention(parsed.value, LOADED_AT));
  else rejected++;
}
console.log(
  `${history.length} mentions from ${historyPath}${rejected > 0 ? ` (${rejected} lines rejected as the gateway would)` : ''}, ${brands.length} brands`,
);

const figures = (a: Alert) =>
  `observed ${JSON.stringify(a.observed)}, expected ${JSON.stringify(a.expected)}, ${a.mentionIds.length} evidence ids`;
let reference: Map<string, Alert> | undefined;
let referenceSums: string | undefined;
let scoredOnce: ScoredMention[] = [];
for (const [name, mentions] of readOrders(history)) {
  const started = process.hrtime.bigint();
  const run = throughStages(brands, mentions);
  if (scoredOnce.length === 0) scoredOnce = run.scored;
  const alerts = new Map(run.alerts.map((a) => [a.id, a]));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\n${name}: ${run.enriched.length} enriched records, ${alerts.size} alerts, ${run.corrections.length} corrections (${seconds.toFixed(1)} s)`,
  );
  const windowMsOf = (brandId: string) => (brands.find((b) => b.id === brandId)?.alertThresholds.windowMinutes ?? 15) * 60_000;
  for (const alert of alerts.values()) {
    if (alert.kind !== 'volume_spike' && alert.kind !== 'negative_surge') continue;
    const key = `${alert.brandId} ${alert.windowStart}`;
    const pick = (sums: Map<string, { mentions: number; negative: number }>) =>
      alert.kind === 'volume_spike' ? sums.get(key)?.mentions : sums.get(key)?.negative;
    const scoredOnly = pick(windowSums(run, brands, windowMsOf(alert.brandId), { corrected: false }));
    const corrected = pick(windowSums(run, brands, windowMsOf(alert.brandId)));
    console.log(`  ${alert.id}: alert observed ${alert.observed}, rollups ${corrected} (scored rows alone ${scoredOnly})`);
  }
  const sums = JSON.stringify([...windowSums(run, brands, 15 * 60_000)].sort(([a], [b]) => (a < b ? -1 : 1)));
  if (referenceSums === undefined) referenceSums = sums;
  else
    console.log(
      `  rollups per brand and 15-minute window, with corrections: ${sums === referenceSums ? 'identical to sorted' : 'DIFFER from sorted'}`,
    );
  if (reference === undefined) {
    reference = alerts;
    for (const alert of alerts.values()) console.log(`  ${alert.id}: ${figures(alert)}`);
    continue;
  }
  let same = 0;
  for (const [id, alert] of reference) {
    const other = alerts.get(id);
    if (other === undefined) console.log(`  missing here: ${id}`);
    else if (
      JSON.stringify([alert.observed, alert.expected, alert.mentionIds]) !==
      JSON.stringify([other.observed, other.expected, other.mentionIds])
    ) {
      console.log(`  differs: ${id}: ${figures(alert)} in sorted, ${figures(other)} here`);
    } else same++;
  }
  for (const id of alerts.keys()) if (!reference.has(id)) console.log(`  only here: ${id}`);
  console.log(`  identical to sorted: ${same} of ${reference.size}`);
}

// The engine's side: the same scored mentions as one backfill, in four orders. The waiting list
// holds a backfill until the load is over; SL_BENCH_MAX_PENDING (default: the engine's default)
// shows what a smaller limit does to it.
const maxPending = process.env.SL_BENCH_MAX_PENDING ? { maxPendingPerBrand: Number(process.env.SL_BENCH_MAX_PENDING) } : {};
const perBrand = new Map<string, number>();
for (const m of scoredOnce) perBrand.set(m.brandId, (perBrand.get(m.brandId) ?? 0) + 1);
console.log(
  `\nthe scored mentions as one backfill into the engine (per brand: ${[...perBrand].map(([b, n]) => `${b} ${n}`).join(', ')}; waiting limit ${maxPending.maxPendingPerBrand ?? 'default'}):`,
);
const key = (a: Alert) => JSON.stringify([a.id, a.observed, a.expected, a.mentionIds]);
const inOrder = [...scoredOnce].sort(byPublished);
const backfillReference = new Set(backfillIntoEngine(inOrder, brands, maxPending).map(key));
for (const [name, order] of [
  ['reversed', [...inOrder].reverse()],
  ['shuffled-1', shuffled(inOrder, 1)],
  ['shuffled-2', shuffled(inOrder, 2)],
] as const) {
  const alerts = backfillIntoEngine(order, brands, maxPending).map(key);
  const same = alerts.filter((k) => backfillReference.has(k)).length;
  console.log(`  ${name}: ${alerts.length} alerts, ${same} identical to sorted's ${backfillReference.size}`);
}
