// The backfill plan: half-window slices inside alert windows, a start on a window boundary (or
// where the last run stopped), and the brands' answers after the questions they answer.
import { describe, expect, it } from 'vitest';
import { ALERT_WINDOW_MS, backfillSlices, backfillStart, backfillWaves, createGenerator, DEMO_BRANDS, isOwnAccount, type MentionJson, sliceWaves } from '../src/index.ts';

const T = Date.UTC(2026, 10, 24, 12, 0, 0);
const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString().slice(11, 19);

const mention = (id: string, handle: string, parentId?: string): MentionJson => ({
  source: 'mastodon',
  id,
  text: id,
  publishedAt: new Date(T).toISOString(),
  author: { handle },
  ...(parentId ? { parentId } : {}),
});

describe('backfill plan', () => {
  it('cuts a range at every 7.5 minutes since the epoch, so no slice crosses an alert window', () => {
    expect(backfillSlices(T - 20 * MINUTE + 5_000, T).map(([a, b]) => `${iso(a)}-${iso(b)}`)).toEqual([
      '11:40:05-11:45:00',
      '11:45:00-11:52:30',
      '11:52:30-12:00:00',
    ]);
    expect(backfillSlices(T, T)).toEqual([]);
  });

  it('starts on a window boundary a day and a bit ago, or where an earlier run stopped when that is later', () => {
    const now = T + 7 * MINUTE + 13_000;
    expect(iso(backfillStart(now, 26 * 60 * MINUTE))).toBe('10:00:00');
    expect(backfillStart(now, 26 * 60 * MINUTE) % ALERT_WINDOW_MS).toBe(0);
    expect(backfillStart(now, 26 * 60 * MINUTE, T - MINUTE)).toBe(T - MINUTE);
    // A resume point older than the history, or in the future, is ignored.
    expect(iso(backfillStart(now, 26 * 60 * MINUTE, T - 30 * 60 * MINUTE))).toBe('10:00:00');
    expect(iso(backfillStart(now, 26 * 60 * MINUTE, now + 1))).toBe('10:00:00');
  });

  it("sends a brand's answer to a question in the same slice in a second wave, anything else in the first", () => {
    const question = mention('q1', 'ana@mastodon.social');
    const answer = mention('a1', 'acmesupport@mastodon.social', 'q1');
    const lateAnswer = mention('a0', 'globexcares@mastodon.social', 'q0');
    const reply = mention('r1', 'ben@mastodon.social', 'q1');
    expect(sliceWaves(DEMO_BRANDS, [question, answer, lateAnswer, reply]).map((wave) => wave.map((m) => m.id))).toEqual([['q1', 'a0', 'r1'], ['a1']]);
    expect(sliceWaves(DEMO_BRANDS, [question, reply]).map((wave) => wave.map((m) => m.id))).toEqual([['q1', 'r1']]);
    expect(isOwnAccount(DEMO_BRANDS, mention('x', '@acme@mastodon.social'))).toBe(true);
    expect(isOwnAccount(DEMO_BRANDS, mention('x', 'acme_fan@mastodon.social'))).toBe(false);
  });

  it("walks a generator's history slice by slice, each question before its answer", () => {
    const generator = createGenerator({ seed: 2, ratePerSecond: 3 });
    const waves = [...backfillWaves(generator, T - 3 * 60 * MINUTE, T)];
    expect(new Set(waves.map((w) => w.until)).size).toBe(24);
    expect(generator.cursor).toBe(T);
    const sent = new Set<string>();
    let answers = 0;
    for (const wave of waves) {
      for (const m of wave.mentions) {
        if (m.parentId !== undefined && isOwnAccount(DEMO_BRANDS, m)) {
          answers += 1;
          expect(sent.has(`${m.source}:${m.parentId}`)).toBe(true);
        }
      }
      for (const m of wave.mentions) sent.add(`${m.source}:${m.id}`);
    }
    expect(answers).toBeGreaterThan(3);
  });
});
