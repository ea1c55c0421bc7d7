// eld's "extrasmall" n-gram database (eld 2.1.0, Apache-2.0: 60 languages, 49,553 byte n-grams,
// each with a score per language it occurs in), read from the package's file into flat typed
// arrays.
//
// Why not import it: the file is one JavaScript object literal, and evaluating it cost the
// process ~88 MB of resident memory (29 MB of live heap: an object per n-gram, a property per
// language) for what fits in ~3 MB here. The file's shape is fixed by the pinned version:
//   export const ngramsData = {type:'XS60',languages:{0:'am',…},isSubset:false,ngrams:{' the ':{11:52},cion:{6:41,…},…}};
// keys in single quotes (with \' for a quote) or bare, scores small non-negative integers. Anything
// else stops the parse with the position, so a changed file cannot be read wrong silently.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface NgramTable {
  /** Language index → ISO 639-1 code. */
  languages: string[];
  /** N-gram → its row: entries `rowStart[row]` up to `rowStart[row + 1]` of `language`/`points`. */
  rows: Map<string, number>;
  rowStart: Uint32Array;
  /** Language index of each entry. */
  language: Uint8Array;
  /** What the n-gram adds to the language's score: the stored score plus eld's base of 53. */
  points: Uint16Array;
}

/** eld stores each score minus 53 to shorten its database; every occurrence adds it back. */
const BASE_POINTS = 53;

/** The file eld/extrasmall loads its database from, beside its entry point. */
export function eldExtrasmallFile(): string {
  return fileURLToPath(new URL('../ngrams/extrasmall.js', import.meta.resolve('eld/extrasmall')));
}

export function readNgramTable(file = eldExtrasmallFile()): NgramTable {
  return parseNgramTable(readFileSync(file, 'utf8'));
}

export function parseNgramTable(source: string): NgramTable {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`eld n-gram data: expected ${what} at character ${at}, found ${JSON.stringify(source.slice(at, at + 20))}`);
  };
  const expect = (text: string) => {
    if (!source.startsWith(text, at)) fail(JSON.stringify(text));
    at += text.length;
  };
  const integer = (): number => {
    const start = at;
    while (at < source.length && source.charCodeAt(at) >= 48 && source.charCodeAt(at) <= 57) at++;
    if (at === start) fail('a non-negative integer');
    return Number(source.slice(start, at));
  };
  const key = (): string => {
    if (source[at] !== "'") {
      const end = source.indexOf(':', at);
      if (end <= at) fail('a key');
      const bare = source.slice(at, end);
      at = end;
      return bare;
    }
    at++;
    let text = '';
    for (;;) {
      const c = source[at];
      if (c === undefined) fail('a closing quote');
      if (c === "'") break;
      if (c === '\\') {
        at++;
        const escaped = source[at];
        if (escaped !== "'" && escaped !== '\\') fail("\\' or \\\\");
        text += escaped;
      } else text += c;
      at++;
    }
    at++;
    return text;
  };

  const opening = source.indexOf('export const ngramsData = {');
  if (opening === -1) fail('export const ngramsData');
  at = opening + 'export const ngramsData = {'.length;
  expect('type:');
  key();
  expect(',languages:{');
  const languages: string[] = [];
  while (source[at] !== '}') {
    const index = integer();
    expect(':');
    if (index !== languages.length) fail(`language index ${languages.length}`);
    languages.push(key());
    if (source[at] === ',') at++;
  }
  expect('},isSubset:false,ngrams:{');
  const rows = new Map<string, number>();
  const starts: number[] = [];
  const language: number[] = [];
  const points: number[] = [];
  while (source[at] !== '}') {
    const ngram = key();
    expect(':{');
    if (rows.has(ngram)) fail(`a new n-gram (${JSON.stringify(ngram)} twice)`);
    rows.set(ngram, starts.length);
    starts.push(language.length);
    while (source[at] !== '}') {
      const lang = integer();
      if (lang >= languages.length) fail(`a language index below ${languages.length}`);
      expect(':');
      language.push(lang);
      points.push(integer() + BASE_POINTS);
      if (source[at] === ',') at++;
    }
    at++;
    if (source[at] === ',') at++;
  }
  expect('}}');
  starts.push(language.length);
  return {
    languages,
    rows,
    rowStart: Uint32Array.from(starts),
    language: Uint8Array.from(language),
    points: Uint16Array.from(points),
  };
}
