// scoreSentiment: the whole text's sentiment, shaped as @sl/contracts' Sentiment so the worker
// can put it straight into a ScoredMention.
import type { Sentiment } from '@sl/contracts';
import { aggregate, NEUTRAL } from './aggregate.ts';
import { analyze, createAnalysis } from './analyze.ts';
import { getLexicon } from './lexicon/lexicon.ts';
import { resolveScoreOptions, type ScoreOptions } from './options.ts';

// One analysis buffer per process: scoring is synchronous, so calls never overlap.
const scratch = createAnalysis();

/**
 * Scores one short text. Deterministic; no I/O after the lexicon's first load. A text that is
 * only links, @handles and punctuation is neutral with no drivers.
 */
export function scoreSentiment(text: string, options?: ScoreOptions): Sentiment {
  const settings = resolveScoreOptions(options);
  const lexicon = getLexicon();
  analyze(text, lexicon, scratch);
  if (!scratch.tokens.hasContent) return { ...NEUTRAL, drivers: [] };
  return aggregate(scratch, settings);
}
