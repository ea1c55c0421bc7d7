// sl generate: exact output for a fixed seed and start (first line, count, every line the
// gateway's format), --count, --events, --out, and one-line usage errors (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMentionInput } from '@sl/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateMentions, parseGenerateOptions } from '../src/commands/generate.ts';
import { commands, runCli } from '../src/index.ts';

const START = '2026-11-24T12:00:00Z';
const args = (values: Record<string, string>) => ({ values, positionals: [] });

async function lines(values: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  await generateMentions(parseGenerateOptions(args(values)), (chunk) => {
    out.push(...chunk.split('\n').filter((line) => line !== ''));
    return true;
  });
  return out;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-generate-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('sl generate', () => {
  it('writes the same 247 mentions for seed 1 over ten seconds from a fixed start, first line exactly', async () => {
    const out = await lines({ seed: '1', start: START, duration: '10' });
    expect(out).toHaveLength(247);
    expect(out[0]).toBe(
      '{"source":"reviews","id":"rv-1-1","text":"Acme will publish its quarterly report on Monday, the gadget catalog app numbers are in it, pickup was at the Oslo counter.","publishedAt":"2026-11-24T12:00:00.001Z","author":{"handle":"Vik M.885","name":"Vik M."},"title":"3/5 Acme delivery drone vs the old model","url":"https://reviews.example/acme/rv-1-1","lang":"en","engagement":{"likes":3,"shares":0,"replies":0}}',
    );
    expect(await lines({ seed: '1', start: START, duration: '10' })).toEqual(out);
    for (const line of out) {
      const mention = JSON.parse(line);
      expect(parseMentionInput(mention).ok).toBe(true);
      expect(Date.parse(mention.publishedAt)).toBeGreaterThanOrEqual(Date.parse(START));
      expect(Date.parse(mention.publishedAt)).toBeLessThan(Date.parse(START) + 10_000);
    }
  });

  it('stops after exactly --count mentions, and takes the seed from --start when none is given', async () => {
    expect(await lines({ seed: '1', start: START, count: '1000', rate: '5' })).toHaveLength(1000);
    const a = await lines({ start: START, count: '5' });
    expect(await lines({ start: START, count: '5' })).toEqual(a);
    const b = await lines({ start: '2026-11-24T12:00:01Z', count: '5' });
    expect(b.map((line) => JSON.parse(line).id)).not.toEqual(a.map((line) => JSON.parse(line).id));
  });

  it('adds the events asked for: --events spike makes Acme ten times as busy from +90 s', async () => {
    const acmeIn = (out: string[], from: number, to: number) =>
      out.map((line) => JSON.parse(line)).filter((m) => /acme/i.test(`${m.title ?? ''} ${m.text}`) && Date.parse(m.publishedAt) >= Date.parse(START) + from * 1000 && Date.parse(m.publishedAt) < Date.parse(START) + to * 1000).length;
    const quiet = await lines({ seed: '3', start: START, duration: '300', rate: '4' });
    const spiked = await lines({ seed: '3', start: START, duration: '300', rate: '4', events: 'spike' });
    expect(acmeIn(spiked, 0, 90)).toBe(acmeIn(quiet, 0, 90));
    expect(acmeIn(spiked, 120, 300) / acmeIn(quiet, 120, 300)).toBeGreaterThan(6);
    const summary = await generateMentions(parseGenerateOptions(args({ seed: '3', start: START, duration: '1', events: 'surge:initech@5,viral' })), () => true);
    expect(summary.timeline.map((e) => [e.name, e.brand, e.at - Date.parse(START)])).toEqual([
      ['surge', 'initech', 5_000],
      ['viral', 'initech', 180_000],
    ]);
  });

  it('writes to --out and says what it wrote on stderr', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const file = path.join(dir, 'mentions.jsonl');
    expect(await runCli(commands, ['generate', '--seed', '1', '--start', START, '--duration', '10', '--out', file], {})).toBe(0);
    expect(fs.readFileSync(file, 'utf8').split('\n')).toHaveLength(248);
    expect(String(stderr.mock.calls[0]?.[0])).toBe(`sl generate: 247 mentions from 2026-11-24T12:00:00.000Z to 2026-11-24T12:00:10.000Z in ${file}\n`);
  });

  it('refuses contradictory or malformed flags with a one-line reason (exit 2)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(commands, ['generate', '--duration', '5', '--count', '3'], {})).toBe(2);
    expect(await runCli(commands, ['generate', '--start', '2026-11-24T12:00:00'], {})).toBe(2);
    expect(await runCli(commands, ['generate', '--events', 'boom'], {})).toBe(2);
    expect(await runCli(commands, ['generate', '--rate', '0'], {})).toBe(2);
    expect(await runCli(commands, ['generate', 'extra'], {})).toBe(2);
    expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
      'sl: --duration and --count both say when to stop; give one: sl generate [--seed N] [--rate N] [--duration S | --count N] [--start ISO] [--events spike,surge,...] [--out FILE]\n',
      'sl: --start must be an ISO 8601 date-time with a timezone, like 2026-11-24T09:00:00Z, got "2026-11-24T12:00:00"\n',
      'sl: --events: unknown event "boom": expected one of influencer, question, spike, surge, viral, story, optionally with :brand and @seconds (spike:acme@90)\n',
      'sl: --rate must be a positive number of mentions per second, got "0"\n',
      'sl: unexpected argument "extra"; usage: sl generate [--seed N] [--rate N] [--duration S | --count N] [--start ISO] [--events spike,surge,...] [--out FILE]\n',
    ]);
  });
});
