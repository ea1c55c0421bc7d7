// sl sentiment: JSON lines {"id", "text"} on stdin -> {"id", "label", "compound", "explain"} on
// stdout, in input order, streaming (constant memory for any number of lines). With --brands FILE,
// each line also gets "brands": for every brand of the file whose query matches the text, the
// sentiment toward that brand ({label, compound, drivers}), as the sentiment worker scores a
// mention for its brand; the top-level label stays the post's overall sentiment.
import { createInterface } from 'node:readline';
import { loadBrandsFile } from '@sl/brands';
import type { Sentiment } from '@sl/contracts';
import { brandTarget, scoreSentiment, scoreTowardTargets } from '@sl/sentiment';
import { type BrandMatcher, compileBrandMatchers, matchBrands } from '../brand-matchers.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';
import { createLineWriter } from '../line-writer.ts';

export interface SentimentLine {
  id: unknown;
  label: string;
  compound: number;
  explain: Array<{ term: string; weight: number }>;
  /** Only with --brands: brand id → sentiment toward it, for the brands the text names. */
  brands?: Record<string, Sentiment>;
}

/** Sentiment toward each brand whose query matches the text, keyed by brand id, in file order. */
export function brandSentiments(text: string, matchers: readonly BrandMatcher[]): Record<string, Sentiment> {
  const matches = matchBrands(matchers, text);
  if (matches.length === 0) return {};
  // All named brands are scored together, so a comparison between two of them splits.
  const results = scoreTowardTargets(
    text,
    matches.map(({ brand, terms }) => brandTarget(brand, brand.id, terms)),
  );
  const out: Record<string, Sentiment> = {};
  for (const { id, sentiment } of results) out[id] = { label: sentiment.label, compound: sentiment.compound, drivers: sentiment.drivers };
  return out;
}

/** One input line to one output line; a bad line gets an error line, never a crash. */
export function sentimentLine(line: string, lineNumber: number, matchers?: readonly BrandMatcher[]): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ line: lineNumber, error: 'not valid JSON' });
  }
  const { id, text } = (input ?? {}) as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return JSON.stringify({ id: id ?? null, line: lineNumber, error: 'expected "text" to be a string' });
  const s = scoreSentiment(text);
  const out: SentimentLine = { id: id ?? null, label: s.label, compound: s.compound, explain: s.drivers };
  if (matchers !== undefined) out.brands = brandSentiments(text, matchers);
  return JSON.stringify(out);
}

const usage = 'sl sentiment [--brands FILE] [--json] < posts.jsonl > scored.jsonl';

export const sentiment: Command = {
  name: 'sentiment',
  summary: 'score JSON lines {"id","text"} from stdin; one JSON line out per line in',
  usage,
  example: `echo '{"id":1,"text":"I love it!!"}' | sl sentiment`,
  options: { brands: { type: 'string' } },
  flagHelp: [
    ['stdin', 'JSON lines {"id","text"}; the output is JSON lines with or without --json'],
    ['--brands FILE', 'a brands file (YAML or JSON): each line also gets "brands", the sentiment toward every brand whose query matches'],
  ],
  async run(_ctx, args) {
    rejectExtraArguments(args, 0, usage);
    const file = args.values.brands;
    const matchers = typeof file === 'string' ? compileBrandMatchers(await loadBrandsFile(file)) : undefined;
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    const out = createLineWriter();
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      await out.write(sentimentLine(line, lineNumber, matchers));
    }
    await out.flush();
  },
};
