// Throughput of brand matching on one core: 100 brands with realistic queries against short social
// texts, each mention tokenized once and read by every brand. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { compileQuery, parseQuery, tokenizeDocument } from '../src/index.ts';
import { benchBrands, benchTexts } from './bench-corpus.ts';

const BRANDS = 100;
const MENTIONS = 20_000;

const brands = benchBrands(BRANDS);
const matchers = brands.map((brand) => compileQuery(parseQuery(brand.query)));
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

run(); // warm-up: lets the JIT settle before measuring
const { tokenizeMs, matchMs, matches } = run();
const total = tokenizeMs + matchMs;
console.log(`matching: ${MENTIONS} mentions x ${BRANDS} brands, ${matches} brand matches`);
console.log(`  tokenize once:        ${Math.round(MENTIONS / (tokenizeMs / 1000)).toLocaleString('en')} mentions/s`);
console.log(`  ${BRANDS} matchers:          ${Math.round(MENTIONS / (matchMs / 1000)).toLocaleString('en')} mentions/s`);
console.log(
  `  tokenize + match all: ${Math.round(MENTIONS / (total / 1000)).toLocaleString('en')} mentions/s (${((total * 1000) / MENTIONS).toFixed(1)} µs each)`,
);
