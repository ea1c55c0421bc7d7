// @sl/brands: the brands file (YAML or JSON) read into Brand records, every problem reported as
// file:line:column, queries checked with the matching package.
export {
  BRAND_ID,
  type BrandEntry,
  brandEntrySchema,
  brandsFileSchema,
  DEFAULT_ALERT_THRESHOLDS,
  DEFAULT_SPAM_THRESHOLD,
} from './brand-entry-schema.ts';
export {
  BrandsFileError,
  type BrandsFileErrorCode,
  type BrandsFileProblem,
  formatProblem,
  isBrandsFileError,
} from './brands-file-error.ts';
export { loadBrandsFile, type ParseBrandsFileOptions, parseBrandsFile } from './parse-brands-file.ts';
export { canonicalTimeZone } from './time-zone.ts';
