// Do the alerts depend on the order the enricher reads a history in? Runs a brands file and a
// JSONL history (the gateway's format, as `sl ingest` takes it) through the real enricher, the
// sentiment scorer and the amplification engine in one process, once per read order: the file's
// order, sorted by publication, reversed, and two shuffles. The engine always gets the scored
// mentions in publication order, live (each a second after publication, a watermark tick every
// second), so any difference between orders comes from the enricher's verdicts. For each order
// it prints the alerts that differ from the sorted run, and for volume spikes and negative surges
// what the rollups would count for the window next to the alert's observed figure.
//
// Run: node test/bench/order-through-stages.ts --brands brands.yaml history.jsonl
// (the history is not in the repository: evaluation data stays outside it).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type AmplificationEngine, createAmplificationEngine } from '@sl/amplification';
import { parseBrandsFile } from '@sl/brands';
import { type Alert, type Brand, type EnrichedMention, parseMentionInput, type RawMention, type ScoredMention, toRawMention } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import { mentionKind } from '@sl/rollups';
import { scoreMention } from '@sl/sentiment';

const { values, positionals } = parseArgs({ options: { brands: { type: 'string' } }, allowPositionals: true });
const [historyPath] = positionals;
if (values.brands === undefined || historyPath === undefined) {
  console.error('usage: node test/bench/order-through-stages.ts --brands FILE history.jsonl');
  process.exit(2);
}
const brands = parseBrandsFile(fs.readFileSync(values.brands, 'utf8'), values.brands);
const brandById = new Map(brands.map((b) => [b.id, b]));

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
console.log(`${history.length} mentions from ${historyPath}${rejected > 0 ? ` (${rejected} lines rejected as the gateway would)` : ''}, ${brands.length} brands`);

/** A deterministic shuffle: sorted by a hash of the seed and the id. */
function shuffled(mentions: readonly RawMention[], seed: number): RawMention[] {
  const rank = (id: string) => {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  return [...mentions].sort((a, b) => rank(a.id) - rank(b.id));
}

const byPublished = (a: { publishedAt: number; id: string }, b: { publishedAt: number; id: string }) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const orders: Array<[string, RawMention[]]> = [
  ['sorted', [...history].sort(byPublished)],
  ['file', history],
  ['reversed', [...history].sort(byPublished).reverse()],
  ['shuffled-1', shuffled(history, 1)],
  ['shuffled-2', shuffled(history, 2)],
];

function enrichInOrder(mentions: readonly RawMention[]): EnrichedMention[] {
  const enricher = createEnricher({ brands });
  return mentions.flatMap((raw, i) => enricher.enrich(raw, `0:${i}`));
}

function alertsOf(enriched: readonly EnrichedMention[]): Map<string, Alert> {
  const scored: ScoredMention[] = enriched.map((m) => ({ ...scoreMention(m, brandById), ingestedAt: m.publishedAt + 1_000 }));
  scored.sort((a, b) => byPublished(a, b) || (a.brandId < b.brandId ? -1 : 1));
  const engine: AmplificationEngine = createAmplificationEngine();
  const brandOf = (id: string): Brand | undefined => brandById.get(id);
  const alerts: Alert[] = [];
  let nextTick = Number.NEGATIVE_INFINITY;
  for (const mention of scored) {
    if (mention.ingestedAt >= nextTick) {
      if (Number.isFinite(nextTick)) alerts.push(...engine.advance(nextTick, brandOf, 0).alerts);
      nextTick = Math.floor(mention.ingestedAt / 1_000) * 1_000 + 1_000;
    }
    alerts.push(...engine.process(mention, brandOf(mention.brandId), 0).alerts);
  }
  alerts.push(...engine.advance(Number.MAX_SAFE_INTEGER / 2, brandOf, 0).alerts);
  return new Map(alerts.map((a) => [a.id, a]));
}

/** What `sl query` would sum from the rollups for an alert's window: counted mentions, or negative ones. */
function rollupFigure(enriched: readonly EnrichedMention[], alert: Alert): number {
  const spamThreshold = brandById.get(alert.brandId)?.spamThreshold ?? 0.7;
  let figure = 0;
  for (const m of enriched) {
    if (m.brandId !== alert.brandId || m.publishedAt < alert.windowStart || m.publishedAt >= alert.windowEnd) continue;
    const scored = scoreMention(m, brandById);
    if (mentionKind(scored, spamThreshold) !== 'counted') continue;
    if (alert.kind === 'negative_surge' && scored.sentiment.label !== 'negative') continue;
    figure++;
  }
  return figure;
}

const figures = (a: Alert) => `observed ${JSON.stringify(a.observed)}, expected ${JSON.stringify(a.expected)}, ${a.mentionIds.length} evidence ids`;
let reference: Map<string, Alert> | undefined;
for (const [name, mentions] of orders) {
  const started = process.hrtime.bigint();
  const enriched = enrichInOrder(mentions);
  const alerts = alertsOf(enriched);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`\n${name}: ${enriched.length} enriched records, ${alerts.size} alerts (${seconds.toFixed(1)} s)`);
  for (const alert of alerts.values()) {
    if (alert.kind !== 'volume_spike' && alert.kind !== 'negative_surge') continue;
    console.log(`  ${alert.id}: alert observed ${alert.observed}, rollups ${rollupFigure(enriched, alert)}`);
  }
  if (reference === undefined) {
    reference = alerts;
    for (const alert of alerts.values()) console.log(`  ${alert.id}: ${figures(alert)}`);
    continue;
  }
  let same = 0;
  for (const [id, alert] of reference) {
    const other = alerts.get(id);
    if (other === undefined) console.log(`  missing here: ${id}`);
    else if (JSON.stringify([alert.observed, alert.expected, alert.mentionIds]) !== JSON.stringify([other.observed, other.expected, other.mentionIds])) {
      console.log(`  differs: ${id}: ${figures(alert)} in sorted, ${figures(other)} here`);
    } else same++;
  }
  for (const id of alerts.keys()) if (!reference.has(id)) console.log(`  only here: ${id}`);
  console.log(`  identical to sorted: ${same} of ${reference.size}`);
}
