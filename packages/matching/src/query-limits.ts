// Bounds on a brand query. A query is written by a person and evaluated against every mention,
// so one pasted by mistake (a whole document, a generated list of 100,000 words, 10,000 nested
// parentheses) must be refused with a message, not take the parser's stack or every worker's CPU.

/** Longest query, in characters (code points). @default 10,000 */
export const MAX_QUERY_LENGTH = 10_000;
/** Deepest nesting of parentheses and NOTs. @default 32 */
export const MAX_QUERY_DEPTH = 32;
/** Most terms (words, phrases, #tags, @handles, site:) in one query. @default 1,000 */
export const MAX_QUERY_TERMS = 1_000;
