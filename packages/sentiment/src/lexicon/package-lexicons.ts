// Loads the lexicons that ship inside npm packages, at run time, from the installed package
// files (nothing is copied into this repository and nothing is downloaded):
//   - VADER's lexicon (vader-sentiment, Apache-2.0 port of C.J. Hutto's MIT-licensed VADER):
//     word and emoticon valences in [-4, 4], the base of our scale.
//   - AFINN-165 (inside `sentiment`, MIT; AFINN itself by Finn Årup Nielsen): words VADER lacks.
//   - Emoji valences (inside `sentiment`, MIT; derived from the Emoji Sentiment Ranking of
//     Kralj Novak et al., CC BY-SA 4.0).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PackageLexicons {
  /** Lower-case single words (letters, digits, apostrophes) → valence on VADER's [-4, 4] scale. */
  words: Map<string, number>;
  /** Lower-case multi-word entries → valence. */
  phrases: Map<string, number>;
  /** Emoticons and other symbol entries, case as written (":D" is not ":d"). */
  symbols: Map<string, number>;
  /** Single emoji code points (no variation selector) → valence. */
  emoji: Map<string, number>;
}

const WORD_ENTRY = /^[a-z0-9']+$/i;
/** AFINN is on [-5, 5]; VADER's means sit on [-4, 4]. */
const AFINN_TO_VADER = 0.8;
const EMOJI_TO_VADER = 0.8;

function readPackageFile(specifier: string): string {
  return readFileSync(require.resolve(specifier), 'utf8');
}

function loadVader(out: PackageLexicons): void {
  const text = readPackageFile('vader-sentiment/vader_lexicon.txt');
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const entry = line.slice(0, tab);
    const valence = Number.parseFloat(line.slice(tab + 1, line.indexOf('\t', tab + 1)));
    if (!Number.isFinite(valence)) continue;
    if (entry.includes(' ')) {
      out.phrases.set(entry.toLowerCase(), valence);
    } else if (WORD_ENTRY.test(entry)) {
      const lower = entry.toLowerCase();
      // VADER lists some words twice by case ("lol", "LOL"); the lower-case entry is the plain use.
      if (entry === lower || !out.words.has(lower)) out.words.set(lower, valence);
    } else {
      out.symbols.set(entry, valence);
    }
  }
}

function loadAfinn(out: PackageLexicons): void {
  const afinn = JSON.parse(readPackageFile('sentiment/languages/en/labels.json')) as Record<string, number>;
  for (const [entry, score] of Object.entries(afinn)) {
    const lower = entry.toLowerCase();
    if (lower.includes(' ')) {
      if (!out.phrases.has(lower)) out.phrases.set(lower, score * AFINN_TO_VADER);
    } else if (WORD_ENTRY.test(lower) && !out.words.has(lower)) {
      out.words.set(lower, score * AFINN_TO_VADER);
    }
  }
}

function loadEmoji(out: PackageLexicons): void {
  const emoji = JSON.parse(readPackageFile('sentiment/build/emoji.json')) as Record<string, number>;
  for (const [symbol, score] of Object.entries(emoji)) {
    const cp = symbol.codePointAt(0);
    if (cp === undefined) continue;
    out.emoji.set(String.fromCodePoint(cp), score * EMOJI_TO_VADER);
  }
}

export function loadPackageLexicons(): PackageLexicons {
  const out: PackageLexicons = { words: new Map(), phrases: new Map(), symbols: new Map(), emoji: new Map() };
  loadVader(out);
  loadAfinn(out);
  loadEmoji(out);
  return out;
}
