// The evaluation sets: our own labelled examples (eval/own-dev.jsonl, eval/own-test.jsonl,
// split once by a hash of the text before any tuning) and the UCI "Sentiment Labelled
// Sentences" (Kotzias et al., KDD 2015; CC BY 4.0), 1,000 binary-labelled sentences each from
// Amazon, IMDb and Yelp, read from the copies shipped in the `sentiment` package's test fixtures.
// The UCI sets are split into dev and test halves by the same hash.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SentimentLabel } from '@sl/contracts';

export type Split = 'dev' | 'test';

export interface Example {
  text: string;
  label: SentimentLabel;
  domain: string;
  /** Where the example comes from: "own" or "uci". */
  source: string;
}

const require = createRequire(import.meta.url);
const evalDir = new URL('../eval/', import.meta.url);

/** FNV-1a over UTF-8; even → dev, odd → test. The same function split our own set. */
export function splitOf(text: string): Split {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'dev' : 'test';
}

function readOwn(split: Split): Example[] {
  const lines = readFileSync(new URL(`own-${split}.jsonl`, evalDir), 'utf8').split('\n');
  const out: Example[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text: string; label: SentimentLabel; domain: string };
    out.push({ text: record.text, label: record.label, domain: record.domain, source: 'own' });
  }
  return out;
}

const UCI_SETS: ReadonlyArray<{ file: string; domain: string }> = [
  { file: 'amazon', domain: 'product' },
  { file: 'imdb', domain: 'movie' },
  { file: 'yelp', domain: 'restaurant' },
];

function readUci(split: Split): Example[] {
  const out: Example[] = [];
  const seen = new Set<string>();
  for (const { file, domain } of UCI_SETS) {
    const rows = JSON.parse(readFileSync(require.resolve(`sentiment/test/fixtures/${file}.json`), 'utf8')) as Array<{
      text: string;
      class: number;
    }>;
    for (const row of rows) {
      const text = row.text.trim();
      if (text === '' || seen.has(text) || splitOf(text) !== split) continue;
      seen.add(text);
      out.push({ text, label: row.class === 1 ? 'positive' : 'negative', domain, source: 'uci' });
    }
  }
  return out;
}

export function loadExamples(split: Split): Example[] {
  return [...readOwn(split), ...readUci(split)];
}
