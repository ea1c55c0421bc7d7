// Sums an Analysis's contributions into a Sentiment: contrast across clauses ("X but Y" counts
// X half and Y one and a half), exclamation and question-mark emphasis, the squash into [-1, 1],
// and the drivers. Works on the whole text or on the tokens one brand owns.
import type { Sentiment, SentimentDriver, SentimentLabel } from '@sl/contracts';
import { type Analysis, ROLE_CONTRAST } from './analyze.ts';
import { HASHTAG, SENTENCE_END } from './tokenize.ts';

const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** Per '!' (at most four), added in the direction of the score; VADER's figure. */
const EXCLAMATION_EMPHASIS = 0.292;
const MAX_EXCLAMATIONS = 4;
/** Per '?' when there are two or more (at most three), added in the direction of the score. */
const QUESTION_EMPHASIS = 0.18;
const MAX_QUESTIONS = 3;
/** The squash x / sqrt(x² + α): α = 15 as in VADER, so a lone "good" is about 0.44. */
const ALPHA = 15;
/**
 * Past this many sentences carrying sentiment, the sum is scaled by LONG_TEXT_SENTENCES / n: a
 * long post scores like an average stretch of three of its sentences, so its many mild words do
 * not add up to an extreme score (a blog post saying "good" and "thanks" in passing twenty times
 * is not a rave). Tweets and reviews of one to three sentences are unchanged.
 */
const LONG_TEXT_SENTENCES = 3;

export interface AggregateSettings {
  neutralThreshold: number;
  maxDrivers: number;
}

// Scratch space for the contributing tokens, reused across calls.
let contributors = new Int32Array(64);
let values = new Float64Array(64);

export const NEUTRAL: Readonly<Sentiment> = Object.freeze({ compound: 0, label: 'neutral', drivers: [] });

/**
 * `owned`, when given, selects the tokens to sum (1 = included); contrast markers count only when
 * included. `extra` is added to the sum as a driver of its own (comparisons in per-brand scoring).
 * `weight` multiplies every token's contribution (a post read as news counts less toward a brand).
 */
export function aggregate(
  a: Analysis,
  settings: AggregateSettings,
  owned?: Uint8Array,
  extra?: { term: string; value: number },
  weight = 1,
): Sentiment {
  const t = a.tokens;
  const n = t.count;
  if (contributors.length < n) {
    contributors = new Int32Array(n * 2);
    values = new Float64Array(n * 2);
  }
  let count = 0;
  let factor = 1;
  let bangs = 0;
  let questions = 0;
  let sentence = 0;
  let lastScoredSentence = -1;
  let scoredSentences = 0;
  for (let i = 0; i < n; i++) {
    if (t.kind[i] === SENTENCE_END) sentence++;
    if (owned !== undefined && owned[i] !== 1) continue;
    if (a.role[i] === ROLE_CONTRAST) {
      for (let k = 0; k < count; k++) values[k] = (values[k] ?? 0) * BEFORE_CONTRAST;
      factor = AFTER_CONTRAST;
      continue;
    }
    if (t.kind[i] === SENTENCE_END) {
      bangs += t.bangs[i] ?? 0;
      questions += t.questions[i] ?? 0;
      continue;
    }
    const v = a.raw[i] ?? 0;
    if (v === 0) continue;
    if (sentence !== lastScoredSentence) {
      lastScoredSentence = sentence;
      scoredSentences++;
    }
    contributors[count] = i;
    values[count] = v * factor;
    count++;
  }
  if (scoredSentences > LONG_TEXT_SENTENCES || weight !== 1) {
    const damp = weight * (scoredSentences > LONG_TEXT_SENTENCES ? LONG_TEXT_SENTENCES / scoredSentences : 1);
    for (let k = 0; k < count; k++) values[k] = (values[k] ?? 0) * damp;
  }
  let sum = extra?.value ?? 0;
  for (let k = 0; k < count; k++) sum += values[k] ?? 0;
  if (sum === 0) return count === 0 && extra === undefined ? NEUTRAL : { compound: 0, label: 'neutral', drivers: [] };
  const sign = sum > 0 ? 1 : -1;
  const bangCount = Math.min(bangs, MAX_EXCLAMATIONS);
  let emphasis = bangCount * EXCLAMATION_EMPHASIS;
  if (questions > 1) emphasis += Math.min(questions, MAX_QUESTIONS) * QUESTION_EMPHASIS;
  const total = sum + sign * emphasis;
  const scale = 1 / Math.sqrt(total * total + ALPHA);
  const compound = round(total * scale);
  const drivers: SentimentDriver[] = [];
  for (let k = 0; k < count; k++) {
    const i = contributors[k] ?? 0;
    addDriver(drivers, driverTerm(a, i), (values[k] ?? 0) * scale);
  }
  if (extra !== undefined && extra.value !== 0) addDriver(drivers, extra.term, extra.value * scale);
  if (emphasis > 0) {
    const marks = '!'.repeat(bangCount) + (questions > 1 ? '?'.repeat(Math.min(questions, MAX_QUESTIONS)) : '');
    addDriver(drivers, marks, sign * emphasis * scale);
  }
  sortDrivers(drivers);
  if (drivers.length > settings.maxDrivers) drivers.length = settings.maxDrivers;
  for (const d of drivers) d.weight = round(d.weight);
  return { compound, label: labelFor(compound, settings.neutralThreshold), drivers };
}

export function labelFor(compound: number, threshold: number): SentimentLabel {
  if (compound >= threshold) return 'positive';
  if (compound <= -threshold) return 'negative';
  return 'neutral';
}

function driverTerm(a: Analysis, i: number): string {
  const t = a.tokens;
  const from = a.from[i] ?? i;
  const to = a.to[i] ?? i;
  const term = a.text.slice(t.start[from] ?? 0, t.end[to] ?? 0);
  // A hashtag keeps its '#'; everything else is quoted as written.
  return t.kind[from] === HASHTAG || term.length < 200 ? term : term.slice(0, 200);
}

/** Same term twice ("love love love") is one driver with the summed weight. */
function addDriver(drivers: SentimentDriver[], term: string, weight: number): void {
  for (const d of drivers) {
    if (d.term === term) {
      d.weight += weight;
      return;
    }
  }
  drivers.push({ term, weight });
}

/**
 * Insertion sort by byStrength: drivers are few, and this beats Array#sort's comparator calls.
 * Terms are unique (addDriver merges them), so the order is total and the result is Array#sort's.
 */
function sortDrivers(drivers: SentimentDriver[]): void {
  for (let i = 1; i < drivers.length; i++) {
    const d = drivers[i] as SentimentDriver;
    let j = i - 1;
    while (j >= 0 && byStrength(drivers[j] as SentimentDriver, d) > 0) {
      drivers[j + 1] = drivers[j] as SentimentDriver;
      j--;
    }
    drivers[j + 1] = d;
  }
}

function byStrength(x: SentimentDriver, y: SentimentDriver): number {
  return Math.abs(y.weight) - Math.abs(x.weight) || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
