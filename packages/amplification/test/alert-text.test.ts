// buildAlert marks an alert raised long after its window (a backfill) as historical, by the
// brand's historyMinutes: strictly more than the threshold late is history, exactly at it is live.
import { describe, expect, it } from 'vitest';
import { type AlertDraft, buildAlert, DEFAULT_HISTORY_MS, isHistorical } from '../src/alert-text.ts';

const MINUTE = 60_000;
const windowEnd = Date.UTC(2026, 10, 24, 12, 15);

const draft: AlertDraft = {
  id: 'acme:volume_spike:2026-11-24T12:00:00.000Z',
  kind: 'volume_spike',
  severity: 'warning',
  windowStart: windowEnd - 15 * MINUTE,
  windowEnd,
  observed: 48,
  expected: 12,
  mentionIds: ['rss:1'],
  sampleTexts: ['busy'],
  explanation: 'Busy.',
};

describe('isHistorical', () => {
  it('is true only when the alert was raised more than historyMs after the window ended', () => {
    const hour = 60 * MINUTE;
    expect(isHistorical(windowEnd, windowEnd + hour, hour)).toBe(false);
    expect(isHistorical(windowEnd, windowEnd + hour + 1, hour)).toBe(true);
    expect(isHistorical(windowEnd, windowEnd - 5 * MINUTE, hour)).toBe(false);
    expect(isHistorical(windowEnd, windowEnd + 30 * 24 * hour, hour)).toBe(true);
  });
});

describe('buildAlert', () => {
  it('uses the Brand schema default of 60 minutes when no threshold is passed', () => {
    expect(DEFAULT_HISTORY_MS).toBe(60 * MINUTE);
    expect(buildAlert('acme', draft, windowEnd + 60 * MINUTE).historical).toBe(false);
    expect(buildAlert('acme', draft, windowEnd + 60 * MINUTE + 1).historical).toBe(true);
  });

  it("uses the brand's own historyMinutes when passed", () => {
    const raised = windowEnd + 3 * 60 * MINUTE;
    expect(buildAlert('acme', draft, raised, 240 * MINUTE).historical).toBe(false);
    expect(buildAlert('acme', draft, raised, 120 * MINUTE).historical).toBe(true);
  });

  it('is the Alert record, with the optional parts null', () => {
    const raised = Date.UTC(2026, 11, 24, 9, 0);
    expect(buildAlert('acme', draft, raised)).toEqual({
      ...draft,
      brandId: 'acme',
      createdAt: raised,
      author: null,
      url: null,
      sentiment: null,
      influence: null,
      historical: true,
    });
  });
});
