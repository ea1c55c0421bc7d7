// Enricher throughput on one core with 100 brands and realistic queries, next to a plain
// pass-through (copying a RawMention's fields into an EnrichedMention) measured in the same run.
// Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import type { Brand, EnrichedMention, RawMention } from '@sl/contracts';
import { brandFixture } from '@sl/testkit';
import { benchBrands, benchTexts, seededRandom } from '../../matching/bench/bench-corpus.ts';
import { createEnricher } from '../src/index.ts';

const BRANDS = 100;
const MENTIONS = 20_000;

const brands: Brand[] = benchBrands(BRANDS).map(({ id, name, query }) => brandFixture(id, { name, query, updatedAt: 0 }));

const texts = benchTexts(MENTIONS, benchBrands(BRANDS));
const random = seededRandom(3);
const mentions: RawMention[] = texts.map((text, i) => ({
  id: `bench:${i}`,
  source: 'bench',
  sourceId: String(i),
  // One in ten is a re-post of an earlier text with a few words added.
  text: i > 100 && random() < 0.1 ? `so true ${texts[Math.floor(random() * i)]} +1` : text,
  title: null,
  url: null,
  lang: null,
  publishedAt: 1_714_000_000_000 + i,
  ingestedAt: 1_714_000_000_000 + i,
  author: { handle: `user${Math.floor(random() * 2000)}`, name: null, followers: null },
  engagement: { likes: 0, shares: 0, replies: 0 },
  parentId: null,
}));

function passThrough(raw: RawMention): EnrichedMention[] {
  return [
    {
      ...raw,
      brandId: 'brand-0',
      matchedTerms: [],
      isDuplicate: false,
      duplicateOf: null,
      spamScore: 0,
      spamReasons: [],
      detectedLang: null,
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
    },
  ];
}

function measure(name: string, handle: (raw: RawMention) => EnrichedMention[]): void {
  let out = 0;
  const start = performance.now();
  for (const raw of mentions) out += handle(raw).length;
  const ms = performance.now() - start;
  console.log(
    `  ${name.padEnd(34)} ${Math.round(MENTIONS / (ms / 1000))
      .toLocaleString('en')
      .padStart(10)} mentions/s  (${out} records out)`,
  );
}

console.log(`enrich: ${MENTIONS} mentions, ${BRANDS} brands, one core`);
// Warm-up on a throwaway enricher, then measure fresh ones so the state starts empty each time.
measure('warm-up (discarded)', createEnricher({ brands }).enrich);
measure('pass-through (copy fields)', passThrough);
measure('enrich (match+dedupe+spam+lang)', createEnricher({ brands }).enrich);
