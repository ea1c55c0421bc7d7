// The trained spam model: logistic regression over hashed comment features (spam-features.ts),
// trained by scripts/train-spam-model.ts and shipped as spam-model.json beside this file.
// Scoring is a sum of looked-up weights and one sigmoid: no allocation beyond a reused buffer.
import { readFileSync } from 'node:fs';
import { commentFeatures, type FeatureConfig, featureBuffer } from './spam-features.ts';
import type { CommentShape } from './text-signals.ts';

/**
 * /1 files predate `normalise` and `richShape`, /2 files `hashtagShape`, /3 files `normaliseKnown`
 * (absent: off), so they read the same; a reader that knows only /2 refuses a /3 file rather than
 * scoring it without its hashtag features, and one that knows only /3 refuses a /4 file rather
 * than dividing by the wrong count.
 */
const FORMATS = [
  'hashed-logistic-regression/1',
  'hashed-logistic-regression/2',
  'hashed-logistic-regression/3',
  'hashed-logistic-regression/4',
] as const;

export interface SpamModelFile {
  format: (typeof FORMATS)[number];
  config: FeatureConfig;
  bias: number;
  /** Sparse weights: indexes[i] has weights[i]; every other index weighs 0. */
  indexes: number[];
  weights: number[];
  /** How it was trained, for the record (data, split, iterations, regularisation). */
  training: Record<string, unknown>;
}

/** Features written per comment at most; the rest of a very long comment is not read. */
const MAX_FEATURES = 8192;

export class SpamModel {
  readonly config: FeatureConfig;
  private readonly bias: number;
  // Float32: half the memory of Float64 (1 MB at 2^18), so fewer cache misses per lookup; the
  // file's weights have 4 decimals.
  private readonly weights: Float32Array;
  private readonly buffer = featureBuffer(MAX_FEATURES);

  constructor(file: SpamModelFile) {
    if (!FORMATS.includes(file.format)) throw new Error(`unknown spam model format ${String(file.format)}`);
    this.config = Object.freeze({ ...file.config, charGrams: [...file.config.charGrams] });
    this.bias = file.bias;
    this.weights = new Float32Array(1 << file.config.bits);
    file.indexes.forEach((index, i) => {
      this.weights[index] = file.weights[i] ?? 0;
    });
  }

  /** Probability that the comment is spam, from its commentShape and textSignals. */
  probability(shape: CommentShape, reasons: readonly string[]): number {
    const buffer = this.buffer;
    commentFeatures(shape, reasons, this.config, buffer);
    const { indexes, count, textCount } = buffer;
    let text = 0;
    let known = 0;
    for (let i = 0; i < textCount; i++) {
      const weight = this.weights[indexes[i] as number] as number;
      text += weight;
      known += weight !== 0 ? 1 : 0;
    }
    // normaliseKnown: only the features with a weight count (spam-features.ts says why).
    const counted = this.config.normaliseKnown ? known : textCount;
    let z = this.bias + (this.config.normalise ? text / Math.sqrt(Math.max(counted, 1)) : text);
    for (let i = textCount; i < count; i++) z += this.weights[indexes[i] as number] as number;
    return 1 / (1 + Math.exp(-z));
  }
}

export const SPAM_MODEL_FILE = new URL('./spam-model.json', import.meta.url);

let shipped: SpamModel | undefined;

/** The model shipped with the package, loaded on first use. */
export function shippedSpamModel(): SpamModel {
  shipped ??= new SpamModel(JSON.parse(readFileSync(SPAM_MODEL_FILE, 'utf8')) as SpamModelFile);
  return shipped;
}
