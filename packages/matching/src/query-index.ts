// An inverted index over many queries: from what a document contains (a word, a hashtag, a handle,
// a host) to the queries that could match it, so a mention is evaluated only against the few
// brands it could be about instead of all of them.
//
// Each query gets a set of "anchor" leaves, at least one of which must be present in any document
// the query matches:
// - a leaf anchors itself;
// - OR: the union of its children's anchors (a true OR has a true child);
// - AND: the anchors of one child (a true AND has every child true), the one with the fewest;
// - NOT: none (NOT x is true without x). A query with no anchors, e.g. `(NOT a) OR b`, is a
//   candidate for every document.
// Candidates are a superset of the matches: the query's own matcher still decides, so the index
// changes only how many matchers run, never a result.
import type { LeafNode, QueryNode } from './query-ast.ts';
import type { TokenizedDocument } from './tokenize-document.ts';

/** Prefix terms (`acme*`, `#acme*`, `@acme*`) are keyed by this many leading UTF-16 code units. */
const PREFIX_KEY_LENGTH = 3;

interface PrefixAnchor {
  stem: string;
  query: number;
}

export class QueryIndex {
  /** Queries with no anchor: candidates for every document. */
  private readonly unanchored: number[] = [];
  private readonly words = new Map<string, number[]>();
  private readonly wordPrefixes = new Map<string, PrefixAnchor[]>();
  private readonly hashtags = new Map<string, number[]>();
  private readonly hashtagPrefixes = new Map<string, PrefixAnchor[]>();
  private readonly handles = new Map<string, number[]>();
  private readonly handlePrefixes = new Map<string, PrefixAnchor[]>();
  private readonly sites = new Map<string, number[]>();
  /** stamps[q] === generation: query q is already a candidate for the current document. */
  private readonly stamps: Uint32Array;
  private generation = 0;

  /** `queries[i]` is reported as candidate `i`. */
  constructor(queries: readonly QueryNode[]) {
    this.stamps = new Uint32Array(queries.length);
    queries.forEach((query, index) => {
      const leaves = anchorsOf(query);
      if (leaves === null || !leaves.every(isIndexable)) this.unanchored.push(index);
      else for (const leaf of leaves) this.addAnchor(leaf, index);
    });
  }

  get size(): number {
    return this.stamps.length;
  }

  /**
   * Indexes of the queries that could match `doc`, ascending. A query left out certainly does
   * not match; a query listed may or may not.
   */
  candidates(doc: TokenizedDocument): number[] {
    const found: number[] = [];
    if (this.stamps.length === 0) return found;
    this.generation = this.generation === 0xffffffff ? 1 : this.generation + 1;
    if (this.generation === 1) this.stamps.fill(0);
    for (const query of this.unanchored) this.take(query, found);
    for (const word of doc.wordIndex.keys()) {
      this.takeAll(this.words.get(word), found);
      this.takePrefixed(this.wordPrefixes, word, found);
    }
    for (const tag of doc.hashtags) {
      this.takeAll(this.hashtags.get(tag), found);
      this.takePrefixed(this.hashtagPrefixes, tag, found);
    }
    for (const handle of doc.handles) {
      this.takeAll(this.handles.get(handle), found);
      this.takePrefixed(this.handlePrefixes, handle, found);
    }
    if (this.sites.size > 0) {
      for (const host of doc.hosts) {
        // `site:acme.com` matches acme.com and every *.acme.com: look up the host and each suffix after a dot.
        let dot = -1;
        do {
          this.takeAll(this.sites.get(dot === -1 ? host : host.slice(dot + 1)), found);
          dot = host.indexOf('.', dot + 1);
        } while (dot !== -1);
      }
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  private take(query: number, found: number[]): void {
    if (this.stamps[query] === this.generation) return;
    this.stamps[query] = this.generation;
    found.push(query);
  }

  private takeAll(queries: readonly number[] | undefined, found: number[]): void {
    if (queries !== undefined) for (const query of queries) this.take(query, found);
  }

  private takePrefixed(prefixes: ReadonlyMap<string, readonly PrefixAnchor[]>, value: string, found: number[]): void {
    if (prefixes.size === 0 || value.length < PREFIX_KEY_LENGTH) return;
    const anchors = prefixes.get(value.slice(0, PREFIX_KEY_LENGTH));
    if (anchors === undefined) return;
    for (const { stem, query } of anchors) if (value.startsWith(stem)) this.take(query, found);
  }

  private addAnchor(leaf: LeafNode, query: number): void {
    switch (leaf.kind) {
      case 'words':
        // A phrase (or a phrase ending in a prefix) always contains its first word in full.
        if (leaf.prefix && leaf.words.length === 1) addPrefix(this.wordPrefixes, leaf.words[0] as string, query);
        else add(this.words, leaf.words[0] as string, query);
        return;
      case 'hashtag':
        if (leaf.prefix) addPrefix(this.hashtagPrefixes, leaf.tag, query);
        else add(this.hashtags, leaf.tag, query);
        return;
      case 'handle':
        if (leaf.prefix) addPrefix(this.handlePrefixes, leaf.handle, query);
        else add(this.handles, leaf.handle, query);
        return;
      case 'site':
        add(this.sites, leaf.domain, query);
        return;
    }
  }
}

/** Leaves one of which is present whenever `node` is true; null when `node` can be true without any. */
function anchorsOf(node: QueryNode): LeafNode[] | null {
  switch (node.kind) {
    case 'or': {
      const all: LeafNode[] = [];
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (anchors === null) return null;
        all.push(...anchors);
      }
      return all;
    }
    case 'and': {
      let best: LeafNode[] | null = null;
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (anchors !== null && (best === null || anchors.length < best.length)) best = anchors;
      }
      return best;
    }
    case 'not':
      return null;
    default:
      return [node];
  }
}

/** A leaf the index can key: everything but a prefix shorter than the key (the parser forbids those). */
function isIndexable(leaf: LeafNode): boolean {
  switch (leaf.kind) {
    case 'words':
      return leaf.words.length > 0 && (!leaf.prefix || leaf.words.length > 1 || (leaf.words[0] as string).length >= PREFIX_KEY_LENGTH);
    case 'hashtag':
      return !leaf.prefix || leaf.tag.length >= PREFIX_KEY_LENGTH;
    case 'handle':
      return !leaf.prefix || leaf.handle.length >= PREFIX_KEY_LENGTH;
    case 'site':
      return true;
  }
}

function add(map: Map<string, number[]>, key: string, query: number): void {
  const queries = map.get(key);
  if (queries === undefined) map.set(key, [query]);
  else if (queries[queries.length - 1] !== query) queries.push(query);
}

function addPrefix(map: Map<string, PrefixAnchor[]>, stem: string, query: number): void {
  const key = stem.slice(0, PREFIX_KEY_LENGTH);
  const anchors = map.get(key);
  if (anchors === undefined) map.set(key, [{ stem, query }]);
  else anchors.push({ stem, query });
}
