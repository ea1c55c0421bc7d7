// Comparisons and switches between two named targets inside one sentence: "X is better than Y",
// "X > Y", "prefer X over Y", "switched from X to Y", "ditched X for Y", "X -> Y". The winner gets
// the sentence and the loser its mirror image (see score-toward-targets.ts).
import { type Analysis, ROLE_NEGATOR } from './analyze.ts';
import type { TargetMention } from './find-mentions.ts';
import { WORD } from './tokenize.ts';

/**
 * Extra valence a comparison gives its winner (and takes from its loser): 2.0 makes a bare
 * "X is better than Y" clear the per-brand label threshold (0.4) for both.
 */
export const COMPARISON_VALENCE = 2;

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

export interface Comparison {
  winner: number;
  loser: number;
  cue: string;
  polarity: 1 | -1;
  /** The comparative word, or -1 for a symbol or a switch. */
  cueToken: number;
}

export function findComparison(a: Analysis, inside: readonly TargetMention[], from: number): Comparison | undefined {
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
    const before = (m: TargetMention) => (m.token > 0 ? (t.text[m.token - 1] ?? '') : '');
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
