// scoreTowardTargets: the sentiment toward each brand a post names, not the post's overall score.
//
// The text is analysed once. What counts toward a target is what is said about it:
//   - A short post (a tweet: at most 280 characters, or any text of at most 2 sentences) naming
//     one target is about that target as a whole: in a tweet, what follows the name is about it.
//   - In a longer post, only the sentences that name the target count, plus a sentence right
//     after one of them that refers back to it ("It crashes daily.", "Their support..."): the rest
//     of a blog post is about other things.
//   - A sentence naming two targets around a comparison ("X is better than Y", "X > Y", "prefer
//     X over Y") or a switch ("switched from X to Y", "ditched X for Y", "X -> Y") goes to the
//     winner, and the loser gets the mirror image of the winner's score there.
//   - Otherwise each clause goes to the target it names; in a short post a clause naming none
//     goes to the target named last before it (or, at the start, to the first one named).
// The label toward a target needs |compound| ≥ targetThreshold (0.4 by default), above the
// overall label's 0.05: news, questions and links that name a brand in passing stay neutral.
import type { Sentiment } from '@sl/contracts';
import { aggregate, labelFor, NEUTRAL } from './aggregate.ts';
import { type Analysis, analyze, createAnalysis, ROLE_CONCESSIVE, ROLE_CONTRAST } from './analyze.ts';
import { COMPARISON_VALENCE, findComparison } from './find-comparison.ts';
import { findMentions, type SentimentTarget, type TargetMention } from './find-mentions.ts';
import { getLexicon } from './lexicon/lexicon.ts';
import { DEFAULT_SCORE_OPTIONS, type ResolvedScoreOptions, resolveScoreOptions, type ScoreOptions } from './options.ts';
import { CLAUSE_BREAK, SENTENCE_END, URL, WORD } from './tokenize.ts';

export type { SentimentTarget } from './find-mentions.ts';

export interface TargetSentiment {
  id: string;
  /** False when none of the target's terms occurs in the text; the sentiment is then the overall one. */
  mentioned: boolean;
  sentiment: Sentiment;
}

/** A post up to this long (a tweet) is about the one target it names, whole... */
const SHORT_TEXT_CHARS = 280;
/** ...and so is any text of at most this many sentences. */
const SHORT_TEXT_SENTENCES = 2;
/** Words that, among the first REFER_WINDOW words of a sentence, refer back to what the previous sentence named. */
const REFERRING = new Set(['it', 'its', "it's", 'they', 'their', "they're", 'them', 'this', 'these', 'he', 'she', 'his', 'her']);
const REFER_WINDOW = 3;
/**
 * A post with a link, or longer than a tweet, with no personal voice (no I, you, we) and no "!"
 * reads as news, an announcement or a report: what it says counts this much toward the brands it
 * names. On the Sanders dev split 88 % of such tweets are labelled neutral toward their brand.
 */
export const NEWS_SCALE = 0.5;
const PERSONAL = new Set([
  'i',
  "i'm",
  'im',
  "i've",
  'ive',
  "i'd",
  "i'll",
  'my',
  'me',
  'mine',
  'you',
  'your',
  "you're",
  'youre',
  'u',
  'ur',
  'we',
  "we're",
  'our',
  'us',
]);

/** Sentiment words in a comparison's sentence adding up to this much replace the comparison's own valence. */
const EXPLICIT_OVER_IMPLIED = 1;

const scratch = createAnalysis();

export function scoreTowardTargets(text: string, targets: readonly SentimentTarget[], options?: ScoreOptions): TargetSentiment[] {
  const settings = resolveScoreOptions(options);
  const toward =
    settings === DEFAULT_SCORE_OPTIONS ? DEFAULT_TOWARD : { neutralThreshold: settings.targetThreshold, maxDrivers: settings.maxDrivers };
  const a = scratch;
  analyze(text, getLexicon(), a);
  const scale = readsAsNews(a) ? NEWS_SCALE : 1;
  const overall = a.tokens.hasContent
    ? aggregate(a, toward, undefined, undefined, scale)
    : { compound: 0, label: 'neutral' as const, drivers: [] };
  const mentions = findMentions(a, targets);
  const named = targets.length === 1 ? (mentions.length > 0 ? ONLY_FIRST : NONE_NAMED) : namedTargets(mentions);
  // Sentences are split only when the text is long enough for them to matter.
  const ranges = text.length <= SHORT_TEXT_CHARS && named.size <= 1 ? undefined : sentences(a);
  const short = ranges === undefined || text.length <= SHORT_TEXT_CHARS || ranges.length <= SHORT_TEXT_SENTENCES;
  if (named.size === 0 || (named.size === 1 && short) || ranges === undefined) {
    // One target: the fresh overall result is its own; more targets each get a copy.
    if (targets.length === 1) {
      // aggregate's neutral result is a shared frozen object: never hand it out.
      return [
        { id: (targets[0] as SentimentTarget).id, mentioned: named.has(0), sentiment: overall === NEUTRAL ? copy(overall) : overall },
      ];
    }
    return targets.map((t, i) => ({ id: t.id, mentioned: named.has(i), sentiment: copy(overall) }));
  }
  const n = a.tokens.count;
  const owned = targets.map(() => new Uint8Array(n));
  const extras = targets.map(() => ({ term: '', value: 0 }));
  let lastOwner = mentions[0]?.target ?? 0;
  // The sentence that last named a target (or referred to one), for "It ..." in the next one.
  let lastOwnedSentence = -2;
  for (let s = 0; s < ranges.length; s++) {
    const [from, to] = ranges[s] as [number, number];
    const inside = mentions.filter((m) => m.token >= from && m.token < to);
    if (inside.length === 0 && !short) {
      if (lastOwnedSentence === s - 1 && refersBack(a, from, to)) {
        (owned[lastOwner] as Uint8Array).fill(1, from, to);
        lastOwnedSentence = s;
      }
      continue;
    }
    if (inside.length > 0) lastOwnedSentence = s;
    const comparison = inside.length >= 2 ? findComparison(a, inside, from) : undefined;
    if (comparison !== undefined) {
      const { winner, loser, cue, polarity, cueToken } = comparison;
      let said = 0;
      for (let i = from; i < to; i++) {
        // The comparative word's own valence ("better", "not better") is the comparison itself.
        if (i === cueToken) continue;
        (owned[winner] as Uint8Array)[i] = 1;
        said += a.raw[i] ?? 0;
      }
      // What the sentence says outright ("X -> Y, big mistake") outweighs what the switch implies.
      const implied = Math.abs(said) >= EXPLICIT_OVER_IMPLIED ? 0 : polarity * COMPARISON_VALENCE;
      addExtra(extras[winner], cue, implied);
      addExtra(extras[loser], cue, -(said + implied));
      lastOwner = winner;
      continue;
    }
    lastOwner = assignClauses(a, from, to, inside, owned, lastOwner);
  }
  return targets.map((t, i) => {
    if (!named.has(i)) return { id: t.id, mentioned: false, sentiment: copy(overall) };
    return { id: t.id, mentioned: true, sentiment: scoreOwned(a, toward, owned[i], extras[i], scale) };
  });
}

function scoreOwned(
  a: Analysis,
  settings: Pick<ResolvedScoreOptions, 'neutralThreshold' | 'maxDrivers'>,
  owned: Uint8Array | undefined,
  extra: { term: string; value: number } | undefined,
  scale: number,
): Sentiment {
  const s = aggregate(a, settings, owned, extra !== undefined && extra.value !== 0 ? extra : undefined, scale);
  return { compound: s.compound, label: labelFor(s.compound, settings.neutralThreshold), drivers: s.drivers };
}

/** A link (or a text longer than a tweet), no I/you/we and no "!": news or an announcement rather than someone's opinion. */
function readsAsNews(a: Analysis): boolean {
  const t = a.tokens;
  let link = false;
  for (let i = 0; i < t.count && !link; i++) link = t.kind[i] === URL;
  // Most posts carry no link: they are done before any word is looked up.
  if (!link && a.text.length <= SHORT_TEXT_CHARS) return false;
  for (let i = 0; i < t.count; i++) {
    const kind = t.kind[i];
    if (kind === WORD && PERSONAL.has(t.text[i] ?? '')) return false;
    if (kind === SENTENCE_END && (t.bangs[i] ?? 0) > 0) return false;
  }
  return true;
}

const DEFAULT_TOWARD = Object.freeze({
  neutralThreshold: DEFAULT_SCORE_OPTIONS.targetThreshold,
  maxDrivers: DEFAULT_SCORE_OPTIONS.maxDrivers,
});
const NONE_NAMED: ReadonlySet<number> = new Set();
const ONLY_FIRST: ReadonlySet<number> = new Set([0]);

function namedTargets(mentions: readonly TargetMention[]): ReadonlySet<number> {
  if (mentions.length === 0) return NONE_NAMED;
  const named = new Set<number>();
  for (const m of mentions) named.add(m.target);
  return named;
}

function copy(s: Sentiment): Sentiment {
  return { compound: s.compound, label: s.label, drivers: s.drivers.map((d) => ({ term: d.term, weight: d.weight })) };
}

function addExtra(extra: { term: string; value: number } | undefined, term: string, value: number): void {
  if (extra === undefined) return;
  extra.term = extra.term === '' ? term : extra.term;
  extra.value += value;
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

/** The sentence [from, to) opens with a word that points back ("It", "Their support", "This is"). */
function refersBack(a: Analysis, from: number, to: number): boolean {
  const t = a.tokens;
  let words = 0;
  for (let i = from; i < to && words < REFER_WINDOW; i++) {
    if (t.kind[i] !== WORD) continue;
    if (REFERRING.has(t.text[i] ?? '')) return true;
    words++;
  }
  return false;
}

/** Gives each clause of [from, to) to the targets it names, or to the last target named. */
function assignClauses(
  a: Analysis,
  from: number,
  to: number,
  inside: readonly TargetMention[],
  owned: Uint8Array[],
  lastOwner: number,
): number {
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
