// @sl/amplification: earned author influence and the alert detectors, as a deterministic engine
// over scored mentions (one engine per input partition), plus the state codec for snapshots.
export {
  type AmplificationEngine,
  type BrandLateness,
  createAmplificationEngine,
  DEFAULT_ENGINE_LIMITS,
  type EngineLimits,
  type EngineOutput,
  type StateSizes,
} from './amplification-engine.ts';
export { newStateEvictions, type StateEvictions, type StateMemory } from './state-evictions.ts';
export { type BrandState, type PartitionState, STATE_FORMAT } from './brand-state.ts';
export { decodeState, encodeState, encodeStatePieces, MEMBER_BYTES } from './snapshot-codec.ts';
export { advanceInSlices, JUDGE_SLICE, type SlicedAdvance, yieldToEventLoop } from './advance-in-slices.ts';
export { type BatchItem, type JudgeBatchOptions, type JudgedBatch, judgeBatch, type ReleaseTick } from './judge-batch.ts';
export { eventTime, MAX_CLOCK_SKEW_MS, observedAt } from './event-time.ts';
export { INFLUENCE_WEIGHTS, influenceScore, listedInfluencer, reachPart } from './influence-score.ts';
export { isQuestionToBrand } from './question-detector.ts';
export { isBrandAccount } from './brand-accounts.ts';
