// @sl/enrichment: the enricher's logic. createEnricher turns a RawMention into one EnrichedMention
// per matched brand (terms, exact and near duplicates, spam score with reasons, language).
export { type BrandsUpdate, type CreateEnricherInput, createEnricher, type Enricher, type EnricherStateStats, type MentionAssessment, type RejectedBrand } from './create-enricher.ts';
export { DEFAULT_ENRICHER_OPTIONS, type EnricherOptions, resolveEnricherOptions } from './enricher-options.ts';
export { detectLanguage, MIN_LETTERS_FOR_LANGUAGE } from './language/detect-language.ts';
export { describeSpamReason, SPAM_REASONS, SPAM_WEIGHTS, type SpamReasonCode } from './spam/spam-reasons.ts';
export { COPY_PASTE_MIN_AUTHORS, copyPasteWeight, type SpamResult } from './spam/spam-score.ts';
export { type CommentToScore, readCommentText, scoreComment, type TextSpamVerdict } from './spam/score-comment.ts';
export { shippedSpamModel, SpamModel, type SpamModelFile } from './spam/spam-model.ts';
export { plainCommentText } from './spam/comment-text.ts';
