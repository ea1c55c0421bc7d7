// scoreTowardTargets: the sentiment toward each brand a post names, not the post's overall score.
//
// The text is analysed once. Then, sentence by sentence:
//   - a sentence naming two targets around a comparison ("X is better than Y", "X > Y", "prefer
//     X over Y") or a switch ("switched from X to Y", "ditched X for Y", "X -> Y") goes to the
//     winner, and the loser gets the mirror image of the winner's score there;
//   - otherwise each clause goes to the target it names; a clause that names none goes to the
//     target named last before it (or, at the start, to the first one named); a clause naming
//     several targets counts for each of them.
// One target named (or none) means the whole post is about it: it gets the overall score.
import type { Sentiment } from '@sl/contracts';
import { aggregate } from './aggregate.ts';
import { type Analysis, analyze, createAnalysis, ROLE_CONCESSIVE, ROLE_CONTRAST, ROLE_NEGATOR } from './analyze.ts';
import { getLexicon } from './lexicon/lexicon.ts';
import { resolveScoreOptions, type ScoreOptions } from './options.ts';
import { CLAUSE_BREAK, HASHTAG, MENTION, SENTENCE_END, WORD } from './tokenize.ts';

export interface SentimentTarget {
  /** The caller's id for the target (a brand id). */
  id: string;
  /** Names and aliases, matched case-insensitively as whole words, #hashtags and @handles. */
  terms: readonly string[];
}

export interface TargetSentiment {
  id: string;
  /** False when none of the target's terms occurs in the text; the sentiment is then the overall one. */
  mentioned: boolean;
  sentiment: Sentiment;
}

/** Extra valence a comparison gives its winner (and takes from its loser). */
const COMPARISON_VALENCE = 1.5;

const BETTER = new Set([
  'better',
  'superior',
  'nicer',
  'faster',
  'smoother',
  'easier',
  'cheaper',
  'beats',
  'beat',
  'outperforms',
  'outclasses',
  'crushes',
  'wins',
  'over',
  'best',
  'prefer',
  'prefers',
  'preferred',
  'stronger',
  'friendlier',
  'cleaner',
]);
const WORSE = new Set(['worse', 'inferior', 'slower', 'harder', 'pricier', 'weaker', 'behind', 'worst', 'loses', 'uglier']);
const SWITCH_VERBS = new Set([
  'switched',
  'switch',
  'switching',
  'moved',
  'moving',
  'migrated',
  'migrating',
  'went',
  'changed',
  'upgraded',
  'ditched',
  'ditching',
  'dropped',
  'left',
  'leaving',
  'replaced',
  'replacing',
  'swapped',
  'traded',
  'quit',
  'dumped',
  'jumped',
]);
/** After a switch verb, the target right after one of these is the one left behind. */
const LEFT_BEHIND_MARKERS = new Set([
  'from',
  'ditched',
  'ditching',
  'dropped',
  'left',
  'leaving',
  'replaced',
  'replacing',
  'quit',
  'dumped',
]);

const scratch = createAnalysis();

interface Mention {
  target: number;
  token: number;
}

export function scoreTowardTargets(text: string, targets: readonly SentimentTarget[], options?: ScoreOptions): TargetSentiment[] {
  const settings = resolveScoreOptions(options);
  const a = scratch;
  analyze(text, getLexicon(), a);
  const overall = a.tokens.hasContent ? aggregate(a, settings) : { compound: 0, label: 'neutral' as const, drivers: [] };
  const mentions = findMentions(a, targets);
  const named = new Set(mentions.map((m) => m.target));
  if (named.size <= 1) {
    return targets.map((t, i) => ({ id: t.id, mentioned: named.has(i), sentiment: copy(overall) }));
  }
  const n = a.tokens.count;
  const owned = targets.map(() => new Uint8Array(n));
  const extras = targets.map(() => ({ term: '', value: 0 }));
  let lastOwner = mentions[0]?.target ?? 0;
  for (const [from, to] of sentences(a)) {
    const inside = mentions.filter((m) => m.token >= from && m.token < to);
    const comparison = inside.length >= 2 ? findComparison(a, inside, from) : undefined;
    if (comparison !== undefined) {
      const { winner, loser, cue, polarity, cueToken } = comparison;
      let sum = polarity * COMPARISON_VALENCE;
      for (let i = from; i < to; i++) {
        // The comparative word's own valence ("better", "not better") is the comparison itself.
        if (i === cueToken) continue;
        (owned[winner] as Uint8Array)[i] = 1;
        sum += a.raw[i] ?? 0;
      }
      addExtra(extras[winner], cue, polarity * COMPARISON_VALENCE);
      addExtra(extras[loser], cue, -sum);
      lastOwner = winner;
      continue;
    }
    lastOwner = assignClauses(a, from, to, inside, owned, lastOwner);
  }
  return targets.map((t, i) => {
    if (!named.has(i)) return { id: t.id, mentioned: false, sentiment: copy(overall) };
    const extra = extras[i];
    const sentiment = aggregate(a, settings, owned[i], extra !== undefined && extra.value !== 0 ? extra : undefined);
    return { id: t.id, mentioned: true, sentiment };
  });
}

function copy(s: Sentiment): Sentiment {
  return { compound: s.compound, label: s.label, drivers: s.drivers.map((d) => ({ term: d.term, weight: d.weight })) };
}

function addExtra(extra: { term: string; value: number } | undefined, term: string, value: number): void {
  if (extra === undefined) return;
  extra.term = extra.term === '' ? term : extra.term;
  extra.value += value;
}

function termWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

interface TermWords {
  words: string[];
  joined: string;
}

// Brand terms repeat on every call: their words are split once.
const TERM_CACHE_LIMIT = 10_000;
const termCache = new Map<string, TermWords>();

function cachedTermWords(term: string): TermWords {
  let entry = termCache.get(term);
  if (entry === undefined) {
    const words = termWords(term);
    entry = { words, joined: words.join('') };
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(term, entry);
  }
  return entry;
}

function findMentions(a: Analysis, targets: readonly SentimentTarget[]): Mention[] {
  const t = a.tokens;
  const mentions: Mention[] = [];
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index] as SentimentTarget;
    for (const term of target.terms) {
      const { words, joined } = cachedTermWords(term);
      if (words.length === 0) continue;
      for (let i = 0; i < t.count; i++) {
        const kind = t.kind[i];
        const text = t.text[i] ?? '';
        if ((kind === HASHTAG || kind === MENTION) && text === joined) {
          mentions.push({ target: index, token: i });
          continue;
        }
        if (kind !== WORD) continue;
        let k = 0;
        while (k < words.length && i + k < t.count && t.kind[i + k] === WORD && isWordOrPossessive(t.text[i + k] ?? '', words[k] ?? ''))
          k++;
        if (k === words.length) mentions.push({ target: index, token: i });
      }
    }
  }
  return mentions.sort((x, y) => x.token - y.token);
}

/** stripPossessive(word) === expected, without the slice. */
function isWordOrPossessive(word: string, expected: string): boolean {
  const possessive = word.endsWith("'s");
  if (!possessive) return word === expected;
  return word.length === expected.length + 2 && word.startsWith(expected);
}

/** [from, to) token ranges of sentences (the sentence end belongs to its sentence). */
function sentences(a: Analysis): Array<[number, number]> {
  const t = a.tokens;
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] === SENTENCE_END) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < t.count) out.push([from, t.count]);
  return out;
}

interface Comparison {
  winner: number;
  loser: number;
  cue: string;
  polarity: 1 | -1;
  /** The comparative word, or -1 for a symbol or a switch. */
  cueToken: number;
}

function findComparison(a: Analysis, inside: readonly Mention[], from: number): Comparison | undefined {
  const t = a.tokens;
  // The first two different targets in the sentence.
  const first = inside[0];
  const second = inside.find((m) => m.target !== first?.target);
  if (first === undefined || second === undefined) return undefined;
  const between = a.text.slice(t.end[first.token] ?? 0, t.start[second.token] ?? 0);
  // Switches: "from X to Y", "ditched X for Y", "X -> Y".
  let switchVerb = -1;
  for (let i = from; i < second.token; i++) if (t.kind[i] === WORD && SWITCH_VERBS.has(t.text[i] ?? '')) switchVerb = i;
  if (/->|→|=>/.test(between) || switchVerb >= 0) {
    const before = (m: Mention) => (m.token > 0 ? (t.text[m.token - 1] ?? '') : '');
    const firstLeft = /->|→|=>/.test(between) || LEFT_BEHIND_MARKERS.has(before(first)) || !LEFT_BEHIND_MARKERS.has(before(second));
    const cue = switchVerb >= 0 ? a.text.slice(t.start[switchVerb] ?? 0, t.end[switchVerb] ?? 0) : '->';
    return firstLeft
      ? { winner: second.target, loser: first.target, cue, polarity: 1, cueToken: -1 }
      : { winner: first.target, loser: second.target, cue, polarity: 1, cueToken: -1 };
  }
  if (between.includes('>')) return { winner: first.target, loser: second.target, cue: '>', polarity: 1, cueToken: -1 };
  if (between.includes('<')) return { winner: second.target, loser: first.target, cue: '<', polarity: 1, cueToken: -1 };
  // "prefer X over Y": the cue comes before X.
  for (let i = from; i < second.token; i++) {
    if (t.kind[i] !== WORD) continue;
    const word = t.text[i] ?? '';
    const better = BETTER.has(word);
    if (!better && !WORSE.has(word)) continue;
    if (i > first.token || word.startsWith('prefer')) {
      const negated = (i > 0 && a.role[i - 1] === ROLE_NEGATOR) || (i > 1 && a.role[i - 2] === ROLE_NEGATOR);
      const firstWins = better !== negated;
      const cue = a.text.slice(t.start[i] ?? 0, t.end[i] ?? 0);
      return firstWins
        ? { winner: first.target, loser: second.target, cue, polarity: 1, cueToken: i }
        : { winner: second.target, loser: first.target, cue, polarity: 1, cueToken: i };
    }
  }
  return undefined;
}

/** Gives each clause of [from, to) to the targets it names, or to the last target named. */
function assignClauses(a: Analysis, from: number, to: number, inside: readonly Mention[], owned: Uint8Array[], lastOwner: number): number {
  const t = a.tokens;
  let owner = lastOwner;
  let clauseStart = from;
  for (let i = from; i <= to; i++) {
    const atEnd = i === to;
    const boundary =
      !atEnd &&
      (t.kind[i] === CLAUSE_BREAK ||
        a.role[i] === ROLE_CONTRAST ||
        a.role[i] === ROLE_CONCESSIVE ||
        (t.kind[i] === WORD && t.text[i] === 'and' && i > clauseStart + 2));
    if (!atEnd && !boundary) continue;
    const end = atEnd ? to : i;
    // Each target named in the clause gets it (the last one named owns what follows); none named:
    // the current owner. The boundary word itself ("but", "although") stays with the clause it
    // opens, so contrast applies.
    let named = false;
    for (const m of inside) {
      if (m.token < clauseStart || m.token >= end) continue;
      named = true;
      owner = m.target;
      (owned[m.target] as Uint8Array).fill(1, clauseStart, end);
    }
    if (!named) (owned[owner] as Uint8Array).fill(1, clauseStart, end);
    clauseStart = end;
  }
  return owner;
}
