// The brands file is written by people; every problem is reported at once, each as
// `file:line:column: message`, so one run of `sl brands apply` shows everything to fix.
export interface BrandsFileProblem {
  file: string;
  /** 1-based; 0 when the problem is about the whole file (it could not be read). */
  line: number;
  column: number;
  /** Where in the data, e.g. `[2].alertThresholds.viralEngagement`; empty for the file itself. */
  path: string;
  message: string;
}

export type BrandsFileErrorCode =
  /** The file could not be read (missing, no permission); `cause` has the system error. */
  | 'BRANDS_FILE_UNREADABLE'
  /** The file was read but is not a valid brands file; `problems` lists why. */
  | 'INVALID_BRANDS_FILE';

const brandsFileErrorBrand = Symbol.for('@sl/brands.BrandsFileError');

export class BrandsFileError extends Error {
  readonly code: BrandsFileErrorCode;
  readonly retriable = false as const;
  readonly problems: readonly BrandsFileProblem[];
  readonly [brandsFileErrorBrand] = true;

  constructor(code: BrandsFileErrorCode, problems: BrandsFileProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'BrandsFileError';
    this.code = code;
    this.problems = problems;
  }
}

export function formatProblem(problem: BrandsFileProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

export function isBrandsFileError(error: unknown): error is BrandsFileError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brandsFileErrorBrand] === true;
}
