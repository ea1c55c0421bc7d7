// What `sl ingest` reads: JSON lines (one mention per line, blank lines skipped) streamed in
// constant memory, or one JSON array read whole. The first character that is not white space
// decides: `[` is an array. Every item keeps where it came from (line N, or item N of the array),
// so a rejection names the place in the file to fix.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CliError } from '../cli-error.ts';

export type InputItem = { at: number; value: unknown } | { at: number; error: string };

export interface InputReader {
  /** What `at` counts: lines of a JSON-lines file, or items of a JSON array. */
  unit: 'line' | 'item';
  /** Items to expect, when known before reading them all (a file, not stdin). */
  total: number | undefined;
  items: AsyncIterable<InputItem>;
}

type Chunks = AsyncIterator<Buffer | string>;

/** Opens a file, or stdin for '-'. A file that cannot be read is a failure (exit 1) naming it. */
export async function openInput(input: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<InputReader> {
  const label = input === '-' ? 'stdin' : input;
  const stream = input === '-' ? stdin : fs.createReadStream(input);
  const chunks = stream[Symbol.asyncIterator]() as Chunks;
  const unreadable = (error: unknown) => new CliError(`cannot read ${label}: ${(error as Error).message}`, 1, { cause: error });
  // Read until the first character that is not white space (or the end) shows the format.
  const head: Array<Buffer | string> = [];
  let first: string | undefined;
  for (;;) {
    const next = await chunks.next().catch((error: unknown) => {
      throw unreadable(error);
    });
    if (next.done) break;
    head.push(next.value);
    first = headText(head).replace(/^\uFEFF/, '').trimStart()[0];
    if (first !== undefined) break;
  }
  if (first === '[') {
    const text = await readRest(head, chunks).catch((error: unknown) => {
      throw unreadable(error);
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new CliError(`${label} starts with "[" but is not a JSON array: ${(error as Error).message}`, 1, { cause: error });
    }
    const array = parsed as unknown[];
    return {
      unit: 'item',
      total: array.length,
      items: (async function* () {
        for (const [index, value] of array.entries()) yield { at: index + 1, value };
      })(),
    };
  }
  return {
    unit: 'line',
    total: input === '-' ? undefined : await countLines(input).catch((error: unknown) => {
      throw unreadable(error);
    }),
    items: jsonLines(head, chunks, unreadable),
  };
}

function headText(head: ReadonlyArray<Buffer | string>): string {
  return head.map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))).join('');
}

async function readRest(head: ReadonlyArray<Buffer | string>, chunks: Chunks): Promise<string> {
  const parts = head.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) parts.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
  return Buffer.concat(parts).toString('utf8');
}

/** Lines with something on them, as JSON-lines mode counts them (for the progress bar's total). */
async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const line of splitLines(fs.createReadStream(file)[Symbol.asyncIterator]() as Chunks, [])) if (line.text.trim() !== '') count += 1;
  return count;
}

async function* jsonLines(head: Array<Buffer | string>, chunks: Chunks, unreadable: (error: unknown) => CliError): AsyncGenerator<InputItem> {
  try {
    for await (const { text, number } of splitLines(chunks, head)) {
      const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (line.trim() === '') continue;
      try {
        yield { at: number, value: JSON.parse(line) };
      } catch {
        yield { at: number, error: 'not valid JSON' };
      }
    }
  } catch (error) {
    throw unreadable(error);
  }
}

/** Lines of UTF-8 text split on \n (a \r before it dropped), numbered from 1; a multi-byte character may span chunks. */
async function* splitLines(chunks: Chunks, head: ReadonlyArray<Buffer | string>): AsyncGenerator<{ text: string; number: number }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  const take = function* (chunk: Buffer | string) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      number += 1;
      yield { text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end), number };
      start = end + 1;
    }
    pending = text.slice(start);
  };
  for (const chunk of head) yield* take(chunk);
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield* take(next.value);
  pending += decoder.end();
  if (pending !== '') {
    number += 1;
    yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number };
  }
}
