// @sl/sentiment: sentiment of short social text, overall and toward each named brand.
export { scoreSentiment } from './score-sentiment.ts';
export { type SentimentTarget, scoreTowardTargets, type TargetSentiment } from './score-toward-targets.ts';
export { DEFAULT_SCORE_OPTIONS, type ScoreOptions } from './options.ts';
export { brandTarget, brandTerms, scoreMention } from './score-mention.ts';
