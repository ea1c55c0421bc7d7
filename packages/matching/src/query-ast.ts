// The parsed form of a brand query. Leaves carry `source` (the term as the brand manager wrote
// it, reported back in matchedTerms) and `column` (1-based, for messages and ordering).

export interface LeafBase {
  /** The term as written in the query, e.g. `"acme widget"`, `#acme`, `acme*`. */
  source: string;
  /** 1-based column where the term starts. */
  column: number;
}

/** Folded words that must appear consecutively (one word for a plain term). */
export interface WordsNode extends LeafBase {
  kind: 'words';
  words: string[];
  /** The last word may be longer (`acme*`). */
  prefix: boolean;
}

export interface HashtagNode extends LeafBase {
  kind: 'hashtag';
  /** Folded, without `#`. */
  tag: string;
  prefix: boolean;
}

export interface HandleNode extends LeafBase {
  kind: 'handle';
  /** Folded, without the leading `@`; may include `@server` for fediverse handles. */
  handle: string;
  prefix: boolean;
}

export interface SiteNode extends LeafBase {
  kind: 'site';
  /** Lower-case host name; matches itself and its subdomains. */
  domain: string;
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

export type LeafNode = WordsNode | HashtagNode | HandleNode | SiteNode;
export type QueryNode = LeafNode | AndNode | OrNode | NotNode;
