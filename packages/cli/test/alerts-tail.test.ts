import type { Alert } from '@sl/contracts';
import { describe, expect, it, vi } from 'vitest';
import { parseAlertKinds } from '../src/alerts/alert-kinds.ts';
import { alertWindow, formatAlertLine } from '../src/alerts/alert-line.ts';
import { createSeenIds } from '../src/alerts/seen-ids.ts';
import { parseTailOptions } from '../src/alerts/tail-options.ts';
import { commands, runCli } from '../src/index.ts';

const at = (iso: string) => Date.parse(iso);

function alert(overrides: Partial<Alert>): Alert {
  return {
    id: 'acme:negative_surge:2026-11-24T12:00:00.000Z',
    brandId: 'acme',
    kind: 'negative_surge',
    severity: 'critical',
    windowStart: at('2026-11-24T12:00:00Z'),
    windowEnd: at('2026-11-24T12:15:00Z'),
    observed: 30,
    expected: 8.64,
    mentionIds: ['rss:1'],
    sampleTexts: ['it broke again'],
    explanation: '62% of 48 mentions of Acme in 12:00–12:15 UTC are negative, against a usual 18%.',
    createdAt: at('2026-11-24T12:03:07Z'),
    author: null,
    url: null,
    sentiment: -0.41,
    influence: null,
    historical: false,
    ...overrides,
  };
}

const KNOWN = 'known kinds: volume_spike, negative_surge, influential_voice, viral_post, amplification_opportunity, unanswered_question';

describe('formatAlertLine', () => {
  it('prints a window alert in aligned columns: raised, severity, kind, brand, window, measure, explanation', () => {
    expect(formatAlertLine(alert({}), { colour: false })).toBe(
      '2026-11-24 12:03:07Z  CRITICAL  negative_surge             acme  12:00–12:15Z  30 negative (usual 8.6)     — 62% of 48 mentions of Acme in 12:00–12:15 UTC are negative, against a usual 18%.',
    );
    expect(
      formatAlertLine(alert({ kind: 'volume_spike', severity: 'warning', observed: 48, expected: 12.37, explanation: 'Busy.' }), {
        colour: false,
      }),
    ).toBe('2026-11-24 12:03:07Z  WARNING   volume_spike               acme  12:00–12:15Z  48 mentions (usual 12.4)    — Busy.');
    expect(
      formatAlertLine(alert({ kind: 'unanswered_question', severity: 'warning', observed: 1, expected: 0, explanation: 'Asked.' }), {
        colour: false,
      }),
    ).toBe('2026-11-24 12:03:07Z  WARNING   unanswered_question        acme  12:00–12:15Z  1 unanswered question (expected 0)  — Asked.');
  });

  it('prints a per-post alert at its moment, with the author and the link last', () => {
    const voice = alert({
      kind: 'influential_voice',
      severity: 'info',
      windowStart: at('2026-11-24T11:58:30Z'),
      windowEnd: at('2026-11-24T11:58:30Z'),
      observed: 83.4,
      expected: 60,
      explanation: '@alice on mastodon mentioned Acme, positive (0.71).',
      author: 'mastodon:alice',
      url: 'https://m.example/@alice/1',
    });
    expect(formatAlertLine(voice, { colour: false })).toBe(
      '2026-11-24 12:03:07Z  INFO      influential_voice          acme  at 11:58Z     influence 83 (min 60)       — @alice on mastodon mentioned Acme, positive (0.71).  by mastodon:alice  https://m.example/@alice/1',
    );
    expect(formatAlertLine({ ...voice, author: null }, { colour: false })).toMatch(/\(0\.71\)\. {2}https:\/\/m\.example\/@alice\/1$/);
  });

  it('keeps a kind newer than this build readable, and control characters out of the terminal', () => {
    const future = alert({ kind: 'brand_new_kind' as Alert['kind'], observed: 3, expected: 1.5, explanation: 'line one\nline two\x1b[2J' });
    expect(formatAlertLine(future, { colour: false })).toBe(
      '2026-11-24 12:03:07Z  CRITICAL  brand_new_kind             acme  12:00–12:15Z  observed 3 (expected 1.5)   — line one line two [2J',
    );
  });

  it('tags an alert raised long after its window (a backfill) as [history], dimmed on a terminal', () => {
    const backfilled = alert({
      kind: 'volume_spike',
      severity: 'warning',
      windowStart: at('2026-10-02T09:00:00Z'),
      windowEnd: at('2026-10-02T09:15:00Z'),
      observed: 48,
      expected: 12,
      explanation: 'Busy.',
      historical: true,
    });
    expect(formatAlertLine(backfilled, { colour: false })).toBe(
      '2026-11-24 12:03:07Z  WARNING   volume_spike               acme  2026-10-02 09:00–09:15Z  48 mentions (usual 12)      [history] — Busy.',
    );
    expect(formatAlertLine(backfilled, { colour: true })).toContain('(usual 12)      \x1b[2m[history]\x1b[0m — Busy.');
    expect(formatAlertLine({ ...backfilled, historical: false }, { colour: false })).not.toContain('[history]');
  });

  it('colours only the severity word, keeping the columns aligned', () => {
    expect(formatAlertLine(alert({ explanation: 'x' }), { colour: true })).toBe(
      '2026-11-24 12:03:07Z  \x1b[1;31mCRITICAL\x1b[0m  negative_surge             acme  12:00–12:15Z  30 negative (usual 8.6)     — x',
    );
    expect(formatAlertLine(alert({ severity: 'info', explanation: 'x' }), { colour: true })).toContain(
      '  \x1b[36mINFO\x1b[0m      negative_surge',
    );
  });

  it('shows the date of a window only when it is not the day the alert was raised', () => {
    const raised = at('2026-11-24T00:04:00Z');
    expect(alertWindow({ windowStart: at('2026-11-23T23:45:00Z'), windowEnd: at('2026-11-24T00:00:00Z'), createdAt: raised })).toBe(
      '2026-11-23 23:45–00:00Z',
    );
    expect(alertWindow({ windowStart: at('2026-11-21T10:00:00Z'), windowEnd: at('2026-11-23T10:30:00Z'), createdAt: raised })).toBe(
      '2026-11-21 10:00–2026-11-23 10:30Z',
    );
    expect(alertWindow({ windowStart: at('2026-11-23T22:10:00Z'), windowEnd: at('2026-11-23T22:10:00Z'), createdAt: raised })).toBe(
      'at 2026-11-23 22:10Z',
    );
  });
});

describe('--kind', () => {
  it('takes repeated and comma-separated kinds, in any case, with - or _', () => {
    expect(parseAlertKinds(['negative_surge,Volume-Spike', ' viral_post ', 'negative_surge'])).toEqual(
      new Set(['negative_surge', 'volume_spike', 'viral_post']),
    );
    expect(parseAlertKinds(undefined)).toBeUndefined();
  });

  it('names every unknown kind and lists the known ones', () => {
    expect(() => parseAlertKinds(['negative_surge,spike'])).toThrow(`unknown alert kind "spike"; ${KNOWN}`);
    expect(() => parseAlertKinds(['spike', 'surge,spike'])).toThrow(`unknown alert kinds "spike", "surge"; ${KNOWN}`);
    expect(() => parseAlertKinds([' , '])).toThrow(`--kind needs a kind, e.g. --kind negative_surge; ${KNOWN}`);
  });
});

describe('tail options', () => {
  const parse = (values: Record<string, string | boolean | string[]>, positionals: string[] = []) =>
    parseTailOptions({ values, positionals });

  it('reads the flags into one frozen object', () => {
    const options = parse({ brand: 'acme', kind: ['viral_post'], 'from-beginning': true, limit: '3', 'timeout-ms': '60000' });
    expect(options).toEqual({ brand: 'acme', kinds: new Set(['viral_post']), fromBeginning: true, limit: 3, timeoutMs: 60_000 });
    expect(Object.isFrozen(options)).toBe(true);
    expect(parse({ brand: 'acme' })).toEqual({
      brand: 'acme',
      kinds: undefined,
      fromBeginning: false,
      limit: undefined,
      timeoutMs: undefined,
    });
  });

  it('says exactly what is wrong with a flag', () => {
    expect(() => parse({})).toThrow('alerts tail needs the brand: sl alerts tail --brand ID');
    expect(() => parse({ brand: 'Acme Corp' })).toThrow(
      '--brand must be a brand id (a lower-case slug: letters, digits, - and _, starting with a letter or digit), got "Acme Corp"',
    );
    expect(() => parse({ brand: 'acme', limit: '0' })).toThrow('--limit must be a whole number of alerts, at least 1, got "0"');
    expect(() => parse({ brand: 'acme', 'timeout-ms': '1.5' })).toThrow(
      '--timeout-ms must be a whole number of milliseconds, at least 1, got "1.5"',
    );
    expect(() => parse({ brand: 'acme' }, ['globex'])).toThrow(
      'unexpected argument "globex"; usage: sl alerts tail --brand ID [--kind KIND]... [--from-beginning] [--limit N] [--timeout-ms MS] [--json]',
    );
  });

  it('exits 2 with one line before connecting to anything', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // No broker listens on port 1: reaching it would be a different error.
      const env = { KAFKA_BROKERS: '127.0.0.1:1' };
      expect(await runCli(commands, ['alerts', 'tail', '--brand', 'acme', '--kind', 'spike'], env)).toBe(2);
      expect(await runCli(commands, ['alerts', 'tail', '--brand', 'ACME'], env)).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        `sl: unknown alert kind "spike"; ${KNOWN}\n`,
        'sl: --brand must be a brand id (a lower-case slug: letters, digits, - and _, starting with a letter or digit), got "ACME"\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('dedupe by alert id', () => {
  it('lets each id through once', () => {
    const seen = createSeenIds();
    expect(['a', 'b', 'a', 'c', 'b'].map((id) => seen.firstTime(id))).toEqual([true, true, false, true, false]);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const seen = createSeenIds(2);
    expect(['a', 'b', 'c', 'b', 'a'].map((id) => seen.firstTime(id))).toEqual([true, true, true, false, true]);
  });
});
