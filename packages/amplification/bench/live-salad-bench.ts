// The amplification engine on bench:alerts's live traffic, in process: one brand at 1,000
// mentions/s, texts drawn from a 66-word vocabulary (so every lookup finds full LSH buckets and
// compares its 64 candidates), 5,000 authors, an influential probe every 500 mentions, a watermark
// tick every 100 ms. CPU time per mention (user + system: the machine is shared), next to a
// pass-through over the same mentions in the same run. `node packages/amplification/bench/live-salad-bench.ts [mentions]`
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import type { ScoredMention } from '@sl/contracts';
import { createAmplificationEngine } from '../src/index.ts';
const WORDS = 'coffee roast beans grinder espresso latte order delivery parcel box barista morning cafe shop app login refund price taste aroma crema milk foam cup mug kettle filter brew pour over cold decaf blend single origin subscription courier late early fresh stale bitter sweet smooth strong weak friendly rude helpful slow quick broken shiny new old favourite weekly daily'.split(' ');
const salad = (seed: number, count: number) => Array.from({ length: count }, (_, i) => WORDS[(seed * 7919 + i * 104_729 + ((seed * i) % 97)) % WORDS.length]).join(' ');
const brand = brandFixture('acme', { name: 'acme', handles: ['acme'] });
const start = Date.UTC(2026, 11, 1);
const N = Number(process.argv[2] ?? 60000);
const mentions: ScoredMention[] = [];
for (let n = 1; n <= N; n++) {
  const t = start + n; // 1000/s
  const probe = n % 500 === 0;
  const base = enrichedMentionFixture(n, 'acme', { text: probe ? `Tried Acme this morning, visit ${n}: ${salad(n * 31, 14)}, honestly impressed` : `Acme ${salad(n, 12)} ${n % 3 ? 'really nice' : 'quite bad'} #acme` });
  mentions.push({ ...base, id: `m${n}`, publishedAt: t, ingestedAt: t + 300, author: { handle: probe ? `probe-${n}` : `user${n % 5000}`, name: null, followers: probe ? 2_000_000 : 50 + (n % 4000) }, engagement: probe ? { likes: 30000, shares: 2000, replies: 900 } : { likes: n % 9, shares: n % 2, replies: n % 3 }, sentiment: { compound: n % 3 ? 0.5 : -0.5, label: n % 3 ? 'positive' : 'negative', drivers: [] }, similarTo: [] } as ScoredMention);
}
const perMention = (used: NodeJS.CpuUsage) => ((used.user + used.system) / N).toFixed(1);
const floor = process.cpuUsage();
let sum = 0;
for (const m of mentions) sum += m.text.length + (m.author.followers ?? 0) + m.sentiment.compound;
const passThrough = perMention(process.cpuUsage(floor));
const engine = createAmplificationEngine();
const cpu = process.cpuUsage();
let alerts = 0;
let nextTick = 0;
for (const m of mentions) {
  alerts += engine.process(m, brand, 0).alerts.length;
  if (m.ingestedAt >= nextTick) { alerts += engine.advance(m.ingestedAt - 1200, () => brand, 0).alerts.length; nextTick = m.ingestedAt + 100; }
}
const used = process.cpuUsage(cpu);
console.log(`bench:amplification (live salad): ${N} mentions, ${alerts} alerts; engine ${perMention(used)} µs CPU per mention; pass-through ${passThrough} µs (checksum ${sum.toFixed(0)})`);
