// @sl/rollups: the aggregation worker's logic — additive rollup rows, the conversation archive,
// their Parquet encodings and object names, and the sink layout that writes them per flush.
export {
  AUTHORS_SKETCH_DESCRIPTION,
  AUTHORS_SKETCH_K,
  AUTHORS_SKETCH_SQL_PATH,
  authorHash,
  authorsSketch,
  estimateAuthors,
  mergeAuthorsSketches,
} from './authors-sketch.ts';
export { type ClassifyOptions, DEFAULT_LATE_AFTER_MS, isCorrection, type MentionKind, mentionKind, rollupLang } from './classify.ts';
export { authorDayColumns, encodeAuthorDays } from './author-day-parquet.ts';
export {
  type AuthorDayOptions,
  type AuthorDayRow,
  authorDayRows,
  compareAuthorRows,
  DEFAULT_MAX_AUTHORS_PER_DAY,
  type FoldedAuthors,
} from './author-day-rows.ts';
export { brandReplyColumns, encodeBrandReplies } from './brand-reply-parquet.ts';
export { type BrandReplyRow, brandReplyRows, isBrandAccount, normalHandle } from './brand-reply-rows.ts';
export { conversationColumns, encodeConversations } from './conversation-parquet.ts';
export { driverDayColumns, encodeDriverDays } from './driver-day-parquet.ts';
export { type DriverDayRow, driverDayRows } from './driver-day-rows.ts';
export {
  ANALYST_VIEWS,
  type AnalystView,
  type AnalystViewsSql,
  analystView,
  analystViewsSql,
  emptyViewRelation,
  listedViewRelation,
  type PartitionScope,
  partitionFiles,
  partitionValues,
  viewFolder,
  viewGlob,
  viewHasFiles,
  viewRelation,
} from './analyst-views.ts';
export {
  AUTHOR_DAYS_PREFIX,
  BRAND_REPLIES_PREFIX,
  CONVERSATIONS_PREFIX,
  CORRECTIONS_PREFIX,
  conversationKey,
  correctionKey,
  DRIVER_DAYS_PREFIX,
  dayAggregateKey,
  ROLLUPS_PREFIX,
  rollupKey,
} from './object-names.ts';
export { correctionColumns, encodeCorrections } from './correction-parquet.ts';
export { CORRECTION_ROWS_STEM, type CorrectionsLayoutOptions, correctionsLayout } from './corrections-layout.ts';
export { type ChainedCorrection, type CorrectionChain, createCorrectionChain } from './correction-chain.ts';
export { encodeRollupRows, type FlushRange, rollupColumns } from './rollup-parquet.ts';
export {
  compareRollupRows,
  correctionRows,
  GRAIN_MS,
  GRAINS,
  type Grain,
  type RollupOptions,
  type RollupRow,
  type RollupVerdict,
  rollupRows,
  windowStart,
} from './rollup-rows.ts';
export { type RollupsLayoutOptions, rollupsLayout } from './rollups-layout.ts';
export { hashtagsOf, TOP_TERMS_LIMIT, type TermCount, termsOf, topCounts } from './top-terms.ts';
export {
  type CurrentVerdict,
  correctionMessage,
  currentVerdictOf,
  currentVerdictSql,
  type PrepareTeamCorrectionOptions,
  prepareTeamCorrection,
  TEAM_KINDS,
  type TeamChange,
  type TeamCorrectionRefusal,
  teamCorrection,
  type VerdictRelations,
} from './team-correction.ts';
export { addCompensated, type CompensatedSum, compensatedSum, compensatedTotal } from './compensated-sum.ts';
