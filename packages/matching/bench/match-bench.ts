// Throughput of brand matching on one core: 100 brands with realistic queries against short social
// texts, each mention tokenized once and read by every brand. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { compileQuery, parseQuery, QueryIndex, tokenizeDocument } from '../src/index.ts';
import { benchBrands, benchTexts } from './bench-corpus.ts';

const BRANDS = 100;
const MENTIONS = 20_000;

const brands = benchBrands(BRANDS);
const matchers = brands.map((brand) => compileQuery(parseQuery(brand.query)));
const index = new QueryIndex(brands.map((brand) => parseQuery(brand.query)));
const texts = benchTexts(MENTIONS, brands);

function run(): { tokenizeMs: number; matchMs: number; matches: number } {
  let tokenizeMs = 0;
  let matchMs = 0;
  let matches = 0;
  for (const text of texts) {
    const t0 = performance.now();
    const doc = tokenizeDocument({ text, url: null });
    const t1 = performance.now();
    for (const matcher of matchers) if (matcher(doc).matched) matches++;
    matchMs += performance.now() - t1;
    tokenizeMs += t1 - t0;
  }
  return { tokenizeMs, matchMs, matches };
}

/** Only the matchers of the queries the index names as candidates. */
function runIndexed(): { ms: number; matches: number } {
  const docs = texts.map((text) => tokenizeDocument({ text, url: null }));
  let matches = 0;
  const start = performance.now();
  for (const doc of docs) for (const i of index.candidates(doc)) if ((matchers[i] as (typeof matchers)[number])(doc).matched) matches++;
  return { ms: performance.now() - start, matches };
}

run(); // warm-up: lets the JIT settle before measuring
const { tokenizeMs, matchMs, matches } = run();
const total = tokenizeMs + matchMs;
console.log(`matching: ${MENTIONS} mentions x ${BRANDS} brands, ${matches} brand matches`);
console.log(`  tokenize once:        ${Math.round(MENTIONS / (tokenizeMs / 1000)).toLocaleString('en')} mentions/s`);
console.log(`  ${BRANDS} matchers:          ${Math.round(MENTIONS / (matchMs / 1000)).toLocaleString('en')} mentions/s`);
console.log(
  `  tokenize + match all: ${Math.round(MENTIONS / (total / 1000)).toLocaleString('en')} mentions/s (${((total * 1000) / MENTIONS).toFixed(1)} µs each)`,
);
runIndexed(); // warm-up
const indexed = runIndexed();
console.log(
  `  QueryIndex candidates: ${Math.round(MENTIONS / (indexed.ms / 1000)).toLocaleString('en')} mentions/s (${indexed.matches} brand matches, ${indexed.matches === matches ? 'the same as' : 'NOT the same as'} all matchers)`,
);
