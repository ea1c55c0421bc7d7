// sl generate: synthetic mentions (@sl/generator) as JSON lines in the gateway's format, for
// `sl ingest`, a test or a look at what the demo feed sends. Seconds are simulated one by one
// from --start (no waiting), so a fixed --seed and --start give the same file every time.
import fs from 'node:fs';
import { createGenerator, DEMO_BRANDS, EVENT_NAMES, parseEvents, type ScheduledEvent, type TimelineEntry } from '@sl/generator';
import { CliError, usageError } from '../cli-error.ts';
import type { Command, ParsedCommandArgs } from '../command.ts';
import { positiveNumber, rejectExtraArguments, wholeNumber } from '../flag-values.ts';

export const generateUsage = 'sl generate [--seed N] [--rate N] [--duration S | --count N] [--start ISO] [--events spike,surge,...] [--out FILE]';

export interface GenerateOptions {
  /** Ids come from it: two files with one seed repeat each other's ids. @default the start, in seconds */
  seed: number;
  /** Mean mentions a second over a day (the daily rhythm makes it ±30 %). @default 20 */
  rate: number;
  /** Simulated seconds to cover, when `count` is not given. @default 60 */
  durationSeconds: number;
  /** Stop after exactly this many mentions instead. */
  count: number | undefined;
  /** The first simulated instant, epoch ms; events count from it. @default now, to the second */
  start: number;
  /** @default none */
  events: ScheduledEvent[];
  /** @default stdout */
  out: string | undefined;
}

const text = (args: ParsedCommandArgs, name: string) => (typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined);

export function parseGenerateOptions(args: ParsedCommandArgs, now = Date.now()): GenerateOptions {
  rejectExtraArguments(args, 0, generateUsage);
  if (args.values.duration !== undefined && args.values.count !== undefined) throw usageError(`--duration and --count both say when to stop; give one: ${generateUsage}`);
  const startText = text(args, 'start');
  // A timezone is required, as for publishedAt: "2026-11-24T09:00" would mean the local clock.
  const start = startText === undefined ? Math.floor(now / 1000) * 1000 : /(Z|[+-]\d\d:\d\d)$/i.test(startText) ? Date.parse(startText) : Number.NaN;
  if (Number.isNaN(start)) throw usageError(`--start must be an ISO 8601 date-time with a timezone, like 2026-11-24T09:00:00Z, got "${startText}"`);
  let events: ScheduledEvent[] = [];
  const eventsText = text(args, 'events');
  if (eventsText !== undefined) {
    try {
      events = parseEvents(eventsText, DEMO_BRANDS);
    } catch (error) {
      throw usageError(`--events: ${(error as Error).message}`);
    }
  }
  return {
    seed: wholeNumber(args.values.seed, '--seed', 'a seed', 0) ?? (start / 1000) % 2_147_483_647,
    rate: positiveNumber(args.values.rate, '--rate', 'mentions per second') ?? 20,
    durationSeconds: wholeNumber(args.values.duration, '--duration', 'seconds') ?? 60,
    count: wholeNumber(args.values.count, '--count', 'mentions'),
    start,
    events,
    out: text(args, 'out'),
  };
}

export interface GenerateSummary {
  mentions: number;
  from: string;
  to: string;
  timeline: TimelineEntry[];
}

/** Writes the mentions as JSON lines, a simulated second at a time; waits whenever `write` says so. */
export async function generateMentions(options: GenerateOptions, write: (chunk: string) => boolean | Promise<boolean>): Promise<GenerateSummary> {
  const generator = createGenerator({ seed: options.seed, ratePerSecond: options.rate, start: options.start, events: options.events });
  const end = options.count === undefined ? options.start + options.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const wanted = options.count ?? Number.POSITIVE_INFINITY;
  let written = 0;
  let t = options.start;
  // tick(t) covers the second before t; the first covers [start - 1 s, start), so start one second in.
  generator.tick(t, 0);
  while (written < wanted && t < end) {
    t += 1000;
    const lines = generator.tick(t).slice(0, wanted - written);
    written += lines.length;
    if (lines.length > 0) await write(`${lines.map((m) => JSON.stringify(m)).join('\n')}\n`);
    // A rate of zero mentions never reaches a count: give up after a simulated day.
    if (options.count !== undefined && t - options.start > 86_400_000 && written === 0) break;
  }
  return { mentions: written, from: new Date(options.start).toISOString(), to: new Date(t).toISOString(), timeline: generator.timeline() };
}

export const generate: Command = {
  name: 'generate',
  summary: 'synthetic mentions as JSON lines in the gateway format (the demo feed), for sl ingest or tests',
  usage: generateUsage,
  example: 'sl generate --seed 7 --duration 600 --events spike,surge --out demo.jsonl',
  json: false,
  flagHelp: [
    ['--seed N', 'the same seed and --start give the same mentions; ids come from the seed (default: the start, in seconds)'],
    ['--rate N', 'mean mentions per second; busier in the UTC afternoon, quieter at night (default 20)'],
    ['--duration S', 'simulated seconds to cover from --start (default 60)'],
    ['--count N', 'stop after exactly N mentions instead'],
    ['--start ISO', 'the first simulated instant, with a timezone (default now); events count from it'],
    ['--events LIST', `scheduled events: ${EVENT_NAMES.join(', ')}; name:brand@seconds to move one (spike:globex@120); offsets as in docs/demo.md`],
    ['--out FILE', 'write to FILE instead of stdout'],
  ],
  options: {
    seed: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    count: { type: 'string' },
    start: { type: 'string' },
    events: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx, args) {
    const options = parseGenerateOptions(args);
    let fd: number | undefined;
    if (options.out !== undefined) {
      try {
        fd = fs.openSync(options.out, 'w');
      } catch (error) {
        throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
      }
    }
    const file = fd === undefined ? undefined : fs.createWriteStream('', { fd });
    const stream = file ?? process.stdout;
    let failure: Error | undefined;
    // A reader that stops early (sl generate | head) closes the pipe: that ends the run, quietly.
    let closed = false;
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed = true;
      else failure = error;
    };
    stream.on('error', onError);
    const write = async (chunk: string) => {
      if (closed || failure) throw new StopWriting();
      if (stream.write(chunk)) return true;
      // Wait for the reader; a pipe that closes meanwhile ends the wait too (the next write stops).
      return new Promise<boolean>((resolve) => {
        const done = () => {
          for (const event of ['drain', 'error', 'close']) stream.off(event, done);
          resolve(true);
        };
        for (const event of ['drain', 'error', 'close']) stream.once(event, done);
      });
    };
    try {
      const summary = await generateMentions(options, write);
      ctx.err(`sl generate: ${summary.mentions} mentions from ${summary.from} to ${summary.to}${options.out ? ` in ${options.out}` : ''}`);
      for (const event of summary.timeline) ctx.err(`  ${new Date(event.at).toISOString()}  ${event.brand.padEnd(8)} ${event.description} -> ${event.expectedAlert}`);
    } catch (error) {
      if (!(error instanceof StopWriting)) throw error;
    } finally {
      if (file) await new Promise<void>((resolve) => file.end(resolve));
      if (!file) stream.off('error', onError);
    }
    if (failure) throw new CliError(`cannot write ${options.out ?? 'to stdout'}: ${failure.message}`);
  },
};

/** Thrown by the writer once the output is gone, to end the run. */
class StopWriting extends Error {}
