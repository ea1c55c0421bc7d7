// Reads a brands file (YAML, or JSON, which the YAML 1.2 parser reads too) into Brand records.
// Problems are located in the source: the parser keeps every node's offset, and a LineCounter
// turns offsets into line and column, so a zod issue's path leads back to the offending value.
import { readFile } from 'node:fs/promises';
import type { Brand } from '@sl/contracts';
import { isQueryError, parseQuery } from '@sl/matching';
import { isMap, isNode, isScalar, LineCounter, type Node, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { brandsFileSchema } from './brand-entry-schema.ts';
import { BrandsFileError, type BrandsFileProblem } from './brands-file-error.ts';

export interface ParseBrandsFileOptions {
  /** updatedAt of every brand, epoch ms. @default Date.now() */
  updatedAt?: number;
}

type PathKey = string | number;

export function parseBrandsFile(text: string, fileName: string, options: ParseBrandsFileOptions = {}): Brand[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number, path: PathKey[], message: string): BrandsFileProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: fileName, line, column: col, path: formatPath(path), message };
  };

  if (doc.errors.length > 0) {
    throw new BrandsFileError(
      'INVALID_BRANDS_FILE',
      doc.errors.map((error) => at(error.pos[0], [], `not valid YAML or JSON: ${readerMessage(error)}`)),
    );
  }

  let data: unknown;
  try {
    data = doc.toJS() ?? [];
  } catch (error) {
    // Aliases that expand without end ("billion laughs") and structures nested past the stack
    // are a file's problem to report, not a crash.
    throw new BrandsFileError('INVALID_BRANDS_FILE', [at(0, [], `not valid YAML or JSON: ${readerMessage(error as Error)}`)]);
  }
  const parsed = brandsFileSchema.safeParse(data);
  // Schema problems and query/competitor problems are reported together, in file order.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueProblems(doc, issue, at))),
    ...(Array.isArray(data) ? crossCheck(doc, text, data, at) : []),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  if (!parsed.success || problems.length > 0) throw new BrandsFileError('INVALID_BRANDS_FILE', problems);
  const updatedAt = options.updatedAt ?? Date.now();
  return parsed.data.map((entry) => ({ ...entry, updatedAt }));
}

export async function loadBrandsFile(path: string, options: ParseBrandsFileOptions = {}): Promise<Brand[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const problem = { file: path, line: 0, column: 0, path: '', message: `cannot read the brands file: ${(cause as Error).message}` };
    throw new BrandsFileError('BRANDS_FILE_UNREADABLE', [problem], { cause });
  }
  return parseBrandsFile(text, path, options);
}

type Locate = (offset: number, path: PathKey[], message: string) => BrandsFileProblem;

function issueProblems(doc: Document, issue: z.core.$ZodIssue, at: Locate): BrandsFileProblem[] {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(keyOffset(doc, path, key), [...path, key], `unknown field "${key}"`));
  }
  const node = doc.getIn(path, true);
  if (isNode(node)) return [at(nodeOffset(node), path, path.length === 0 ? issue.message : `${formatPath(path)} ${issue.message}`)];
  // A missing field: point at the brand (the map that should hold it).
  const parentPath = path.slice(0, -1);
  return [at(nodeOffsetIn(doc, parentPath), path, `${formatPath(path)} is required`)];
}

/** Checks across fields and brands, on the raw data so they run even when the schema fails. */
function crossCheck(doc: Document, text: string, entries: unknown[], at: Locate): BrandsFileProblem[] {
  const problems: BrandsFileProblem[] = [];
  const brands = entries.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}));
  const ids = new Map<string, number>();
  brands.forEach((brand, index) => {
    if (typeof brand.id !== 'string') return;
    const first = ids.get(brand.id);
    if (first === undefined) {
      ids.set(brand.id, index);
      return;
    }
    const firstUse = at(nodeOffsetIn(doc, [first, 'id']), [], '').line;
    problems.push(at(nodeOffsetIn(doc, [index, 'id']), [index, 'id'], `brand id "${brand.id}" is already used on line ${firstUse}`));
  });
  brands.forEach((brand, index) => {
    if (typeof brand.query === 'string' && brand.query.trim() !== '') {
      problems.push(...queryProblems(doc, text, brand.query, [index, 'query'], at));
    }
    if (!Array.isArray(brand.competitors)) return;
    brand.competitors.forEach((competitor: unknown, c) => {
      if (typeof competitor !== 'string') return;
      const path = [index, 'competitors', c];
      if (competitor === brand.id) problems.push(at(nodeOffsetIn(doc, path), path, `brand "${brand.id}" lists itself as a competitor`));
      else if (!ids.has(competitor))
        problems.push(at(nodeOffsetIn(doc, path), path, `competitor "${competitor}" is not a brand in this file`));
    });
  });
  return problems;
}

function queryProblems(doc: Document, text: string, query: string, path: PathKey[], at: Locate): BrandsFileProblem[] {
  try {
    parseQuery(query);
    return [];
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const node = doc.getIn(path, true);
    const offset = isNode(node) ? nodeOffset(node) : 0;
    const shift = isScalar(node) ? columnShift(node, query, text) : null;
    if (shift === null) return [at(offset, path, `query: ${error.message}`)];
    // The query sits on one line as written: point at the exact character.
    return [at(offset + shift + error.column - 1, path, `query: ${error.message}`)];
  }
}

/** Characters between the node's start and the query's first character, or null if not one plain line. */
function columnShift(node: Node, query: string, text: string): number | null {
  if (!isScalar(node) || node.range === undefined || node.range === null) return null;
  const raw = text.slice(node.range[0], node.range[1]);
  if (node.type === 'PLAIN' && raw === query) return 0;
  if ((node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && raw.slice(1, -1) === query) return 1;
  return null;
}

function nodeOffset(node: Node): number {
  return node.range?.[0] ?? 0;
}

function nodeOffsetIn(doc: Document, path: PathKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return nodeOffset(node);
  }
  return 0;
}

function keyOffset(doc: Document, path: PathKey[], key: string): number {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair !== undefined && isNode(pair.key)) return nodeOffset(pair.key);
  }
  return nodeOffsetIn(doc, path);
}

function formatPath(path: PathKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`))
    .join('')
    .replace(/^\./, '');
}

function readerMessage(error: Error): string {
  if (error instanceof RangeError || error.message.includes('Maximum call stack size exceeded')) return 'nested too deeply to read';
  return firstLine(error.message);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
