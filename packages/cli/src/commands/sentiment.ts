// sl sentiment: JSON lines {"id", "text"} on stdin -> {"id", "label", "compound", "explain"} on
// stdout, in input order, streaming (constant memory for any number of lines).
import { createInterface } from 'node:readline';
import { scoreSentiment } from '@sl/sentiment';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';

export interface SentimentLine {
  id: unknown;
  label: string;
  compound: number;
  explain: Array<{ term: string; weight: number }>;
}

/** One input line to one output line; a bad line gets an error line, never a crash. */
export function sentimentLine(line: string, lineNumber: number): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ line: lineNumber, error: 'not valid JSON' });
  }
  const { id, text } = (input ?? {}) as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return JSON.stringify({ id: id ?? null, line: lineNumber, error: 'expected "text" to be a string' });
  const s = scoreSentiment(text);
  const out: SentimentLine = { id: id ?? null, label: s.label, compound: s.compound, explain: s.drivers };
  return JSON.stringify(out);
}

export const sentiment: Command = {
  name: 'sentiment',
  summary: 'score JSON lines {"id","text"} from stdin; one JSON line out per line in',
  usage: 'sl sentiment [--json] < posts.jsonl > scored.jsonl',
  example: `echo '{"id":1,"text":"I love it!!"}' | sl sentiment`,
  flagHelp: [['stdin', 'JSON lines {"id","text"}; the output is JSON lines with or without --json']],
  async run(_ctx, args) {
    rejectExtraArguments(args, 0, 'sl sentiment [--json] < posts.jsonl > scored.jsonl');
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNumber = 0;
    let pending: string[] = [];
    // Writes go out in chunks and wait for the pipe to drain, so memory stays flat on huge inputs.
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = `${pending.join('\n')}\n`;
      pending = [];
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    };
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      pending.push(sentimentLine(line, lineNumber));
      if (pending.length >= 1_000) await flush();
    }
    await flush();
  },
};
