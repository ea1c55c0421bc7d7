// Options for scoring, one typed object with its defaults beside it, compiled once per call site.

export interface ScoreOptions {
  /**
   * |compound| at or above which a text is positive or negative rather than neutral.
   * @default 0.05 (VADER's documented threshold; our scale is built on VADER's)
   */
  neutralThreshold?: number;
  /**
   * At most this many drivers, strongest first.
   * @default 5
   */
  maxDrivers?: number;
  /**
   * |compound| at or above which the sentiment TOWARD a target (a brand) is positive or negative.
   * Higher than neutralThreshold: a passing "great" in a post that names a brand is not an opinion
   * of the brand, and most brand mentions (news, questions, links) carry none.
   * @default 0.4 (chosen on the dev split of the brand-directed sets; see the README)
   */
  targetThreshold?: number;
}

export interface ResolvedScoreOptions {
  neutralThreshold: number;
  maxDrivers: number;
  targetThreshold: number;
}

export const DEFAULT_SCORE_OPTIONS: Readonly<ResolvedScoreOptions> = Object.freeze({
  neutralThreshold: 0.05,
  maxDrivers: 5,
  targetThreshold: 0.4,
});

export function resolveScoreOptions(options: ScoreOptions | undefined): Readonly<ResolvedScoreOptions> {
  if (options === undefined) return DEFAULT_SCORE_OPTIONS;
  const neutralThreshold = options.neutralThreshold ?? DEFAULT_SCORE_OPTIONS.neutralThreshold;
  const maxDrivers = options.maxDrivers ?? DEFAULT_SCORE_OPTIONS.maxDrivers;
  const targetThreshold = options.targetThreshold ?? DEFAULT_SCORE_OPTIONS.targetThreshold;
  if (!(neutralThreshold >= 0 && neutralThreshold < 1)) throw new RangeError(`neutralThreshold must be in [0, 1): ${neutralThreshold}`);
  if (!(targetThreshold >= 0 && targetThreshold < 1)) throw new RangeError(`targetThreshold must be in [0, 1): ${targetThreshold}`);
  if (!(Number.isInteger(maxDrivers) && maxDrivers >= 0)) throw new RangeError(`maxDrivers must be a non-negative integer: ${maxDrivers}`);
  return { neutralThreshold, maxDrivers, targetThreshold };
}
