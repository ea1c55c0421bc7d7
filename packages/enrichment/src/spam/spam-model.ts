// The trained spam model: logistic regression over hashed comment features (spam-features.ts),
// trained by scripts/train-spam-model.ts and shipped as spam-model.json beside this file.
// Scoring is a sum of looked-up weights and one sigmoid: no allocation beyond a reused buffer.
import { readFileSync } from 'node:fs';
import { commentFeatures, type FeatureConfig } from './spam-features.ts';
import type { CommentShape } from './text-signals.ts';

export interface SpamModelFile {
  format: 'hashed-logistic-regression/1';
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
  private readonly weights: Float64Array;
  private readonly buffer = new Int32Array(MAX_FEATURES);

  constructor(file: SpamModelFile) {
    if (file.format !== 'hashed-logistic-regression/1') throw new Error(`unknown spam model format ${String(file.format)}`);
    this.config = Object.freeze({ ...file.config, charGrams: [...file.config.charGrams] });
    this.bias = file.bias;
    this.weights = new Float64Array(1 << file.config.bits);
    file.indexes.forEach((index, i) => {
      this.weights[index] = file.weights[i] ?? 0;
    });
  }

  /** Probability that the comment is spam, from its commentShape and textSignals. */
  probability(shape: CommentShape, reasons: readonly string[]): number {
    const n = commentFeatures(shape, reasons, this.config, this.buffer);
    let z = this.bias;
    for (let i = 0; i < n; i++) z += this.weights[this.buffer[i] as number] as number;
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
