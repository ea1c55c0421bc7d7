// Valence of a hashtag body: the whole tag as a word or phrase (#love, #fail, #neveragain), else
// split at camel-case humps (#SoAnnoyed) or, for run-together lower case (#epicfail), into the
// fewest known words, then scored with negation and intensifiers. Results are cached: tags repeat.
import type { Lexicon } from './lexicon/lexicon.ts';
import { BOOSTERS, NEGATORS } from './lexicon/modifiers.ts';

const MAX_SPLIT_LENGTH = 40;
const CACHE_LIMIT = 20_000;
const NEGATION_FACTOR = -0.74;

const cache = new Map<string, number>();
const FAIL = 'fail';

/** `body` is the lower-case tag without '#'; `raw` the tag as written (for camel-case humps). */
export function hashtagValence(lexicon: Lexicon, body: string, raw: string, camel: boolean): number {
  const key = camel ? raw : body;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const valence = computeValence(lexicon, body, raw, camel);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, valence);
  return valence;
}

function computeValence(lexicon: Lexicon, body: string, raw: string, camel: boolean): number {
  const whole = lexicon.words.get(body) ?? lexicon.joinedPhrases.get(body);
  if (whole !== undefined) return whole;
  const normalized = lexicon.normalizations.get(body);
  if (normalized !== undefined) {
    const v = lexicon.words.get(normalized);
    if (v !== undefined) return v;
  }
  const parts = camel ? splitCamel(raw) : splitRunTogether(lexicon, body);
  if (parts === undefined || parts.length < 2) {
    // "#launchfail", "#icloudfail": whatever comes before it, a tag ending in "fail" is one.
    if (!camel && body.length > FAIL.length + 2 && body.endsWith(FAIL)) return lexicon.words.get(FAIL) ?? 0;
    return 0;
  }
  return scoreParts(lexicon, parts);
}

function splitCamel(raw: string): string[] {
  const parts: string[] = [];
  for (const m of raw.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g)) parts.push(m[0].toLowerCase());
  return parts;
}

/** Fewest-words segmentation over the hashtag vocabulary; undefined when none covers the tag. */
function splitRunTogether(lexicon: Lexicon, body: string): string[] | undefined {
  const n = body.length;
  if (n < 5 || n > MAX_SPLIT_LENGTH) return undefined;
  const vocabulary = lexicon.hashtagVocabulary;
  // best[i]: fewest words covering body[0, i); from[i]: where the last of them starts.
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const before = best[start] ?? Number.POSITIVE_INFINITY;
      if (before + 1 >= (best[end] ?? Number.POSITIVE_INFINITY)) continue;
      if (vocabulary.has(body.slice(start, end))) {
        best[end] = before + 1;
        from[end] = start;
      }
    }
  }
  if (!Number.isFinite(best[n] ?? Number.POSITIVE_INFINITY)) return undefined;
  const parts: string[] = [];
  for (let end = n; end > 0; end = from[end] ?? 0) parts.unshift(body.slice(from[end] ?? 0, end));
  return parts;
}

function scoreParts(lexicon: Lexicon, parts: readonly string[]): number {
  let total = 0;
  let negated = false;
  let boost = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const pair = i + 1 < parts.length ? lexicon.phrases.get(`${part} ${parts[i + 1]}`) : undefined;
    if (pair !== undefined) {
      total += pair;
      i++;
      continue;
    }
    if (NEGATORS.has(part)) {
      negated = true;
      continue;
    }
    const booster = BOOSTERS.get(part);
    if (booster !== undefined) {
      boost += booster;
      continue;
    }
    let v = lexicon.words.get(part) ?? 0;
    if (v === 0) {
      if (negated && lexicon.negatedValence.has(part)) total += lexicon.negatedValence.get(part) ?? 0;
      continue;
    }
    v += Math.sign(v) * boost;
    if (negated) v *= NEGATION_FACTOR;
    total += v;
    negated = false;
    boost = 0;
  }
  return total;
}
