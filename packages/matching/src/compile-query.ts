// Compiles a query tree into a closure tree evaluated against a TokenizedDocument. Every leaf of
// a satisfied, non-negated branch is reported in matchedTerms, in query order: for
// `(acme OR globex) widget` a text with all three reports all three.
import type { LeafNode, QueryNode } from './query-ast.ts';
import { isTokenizedDocument, type MatchDocument, type TokenizedDocument, tokenizeDocument } from './tokenize-document.ts';

export interface MatchResult {
  matched: boolean;
  /** Query terms as written, in query order, each once; empty when not matched. */
  terms: string[];
}

/** Accepts a raw document (tokenized on the spot) or, for many queries, one tokenized once. */
export type Matcher = (doc: MatchDocument | TokenizedDocument) => MatchResult;

/** Pushes the leaf's order number into `hits` when it matches; undoes its own pushes on false. */
type Evaluator = (doc: TokenizedDocument, hits: number[]) => boolean;

export function compileQuery(query: QueryNode): Matcher {
  const leaves: LeafNode[] = [];
  const evaluate = compileNode(query, leaves);
  const order = leaves.map((_, index) => index).sort((a, b) => (leaves[a] as LeafNode).column - (leaves[b] as LeafNode).column);
  const rank = new Array<number>(leaves.length);
  order.forEach((leafIndex, position) => {
    rank[leafIndex] = position;
  });
  const sources = order.map((leafIndex) => (leaves[leafIndex] as LeafNode).source);

  return (input) => {
    const doc = isTokenizedDocument(input) ? input : tokenizeDocument(input);
    const hits: number[] = [];
    if (!evaluate(doc, hits)) return { matched: false, terms: [] };
    const ranks = [...new Set(hits.map((hit) => rank[hit] as number))].sort((a, b) => a - b);
    return { matched: true, terms: [...new Set(ranks.map((r) => sources[r] as string))] };
  };
}

function compileNode(node: QueryNode, leaves: LeafNode[]): Evaluator {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map((child) => compileNode(child, leaves));
      return (doc, hits) => {
        const mark = hits.length;
        for (const child of children) {
          if (!child(doc, hits)) {
            hits.length = mark;
            return false;
          }
        }
        return true;
      };
    }
    case 'or': {
      const children = node.children.map((child) => compileNode(child, leaves));
      return (doc, hits) => {
        // No short cut: every satisfied alternative is reported.
        let any = false;
        for (const child of children) if (child(doc, hits)) any = true;
        return any;
      };
    }
    case 'not': {
      const child = compileNode(node.child, leaves);
      return (doc, hits) => {
        const mark = hits.length;
        const found = child(doc, hits);
        hits.length = mark;
        return !found;
      };
    }
    default: {
      const id = leaves.push(node) - 1;
      const test = compileLeaf(node);
      return (doc, hits) => {
        if (!test(doc)) return false;
        hits.push(id);
        return true;
      };
    }
  }
}

function compileLeaf(leaf: LeafNode): (doc: TokenizedDocument) => boolean {
  switch (leaf.kind) {
    case 'words':
      return compileWords(leaf.words, leaf.prefix);
    case 'hashtag':
      return inSet((doc) => doc.hashtags, leaf.tag, leaf.prefix);
    case 'handle':
      return inSet((doc) => doc.handles, leaf.handle, leaf.prefix);
    case 'site': {
      const suffix = `.${leaf.domain}`;
      return (doc) => doc.hosts.some((host) => host === leaf.domain || host.endsWith(suffix));
    }
  }
}

function inSet(set: (doc: TokenizedDocument) => ReadonlySet<string>, value: string, prefix: boolean) {
  if (!prefix) return (doc: TokenizedDocument) => set(doc).has(value);
  return (doc: TokenizedDocument) => {
    for (const item of set(doc)) if (item.startsWith(value)) return true;
    return false;
  };
}

function compileWords(words: string[], prefix: boolean): (doc: TokenizedDocument) => boolean {
  const first = words[0] as string;
  if (words.length === 1) {
    if (!prefix) return (doc) => doc.wordIndex.has(first);
    return (doc) => {
      for (const word of doc.wordIndex.keys()) if (word.startsWith(first)) return true;
      return false;
    };
  }
  const lastIndex = words.length - 1;
  const last = words[lastIndex] as string;
  return (doc) => {
    const starts = doc.wordIndex.get(first);
    if (starts === undefined) return false;
    for (const start of starts) {
      let k = 1;
      while (k < lastIndex && doc.words[start + k] === words[k]) k++;
      if (k < lastIndex) continue;
      const candidate = doc.words[start + lastIndex];
      if (candidate !== undefined && (prefix ? candidate !== '' && candidate.startsWith(last) : candidate === last)) return true;
    }
    return false;
  };
}
