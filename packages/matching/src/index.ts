// @sl/matching: the brand query language. parseQuery checks a query and returns its tree (or a
// QueryError with a column); compileQuery turns the tree into a matcher; tokenizeDocument splits
// a mention once so many brands' matchers can read it; QueryIndex picks the few queries a
// tokenized mention could match. The near-duplicate fingerprints (minhash.ts) live here too, so
// the enricher and the amplification engine find copies with one definition.
export type { AndNode, HandleNode, HashtagNode, LeafNode, NotNode, OrNode, QueryNode, SiteNode, WordsNode } from './query-ast.ts';
export { isQueryError, QueryError, type QueryErrorCode } from './query-error.ts';
export { MIN_PREFIX_LENGTH } from './query-leaf.ts';
export { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from './query-limits.ts';
export { parseQuery } from './parse-query.ts';
export { compileQuery, type Matcher, type MatchResult } from './compile-query.ts';
export { hostOf, isTokenizedDocument, type MatchDocument, type TokenizedDocument, tokenizeDocument } from './tokenize-document.ts';
export { foldText } from './text-fold.ts';
export { splitWords } from './word-split.ts';
export { QueryIndex } from './query-index.ts';
export { bandKeys, bottomSketch, DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE, DEFAULT_NEAR_DUPLICATE_THRESHOLD, DEFAULT_SHINGLE_WORDS, fmix32, hashString, LSH_BANDS, LSH_ROWS, shingleHashes, SKETCH_SIZE, sketchSimilarity } from './minhash.ts';
