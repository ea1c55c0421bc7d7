import { describe, expect, it } from 'vitest';
import { jsonPayload } from '../src/json-payload.ts';
import { renderPayload } from '../src/render-payload.ts';
import { alertFixture } from './alert-fixture.ts';

describe('json payload', () => {
  it('is the alert field for field, numbers as numbers, with ISO copies of the timestamps', () => {
    const alert = alertFixture();
    const parsed = JSON.parse(renderPayload(alert, 'json')) as Record<string, unknown>;
    expect(parsed).toEqual({
      ...alert,
      windowStartIso: '2024-05-01T12:10:00.000Z',
      windowEndIso: '2024-05-01T12:15:00.000Z',
      createdAtIso: '2024-05-01T12:15:02.000Z',
    });
    expect(typeof parsed.observed).toBe('number');
    expect(typeof parsed.windowStart).toBe('number');
  });

  it('keeps nulls and nested influence as they are, and survives a timestamp out of range', () => {
    const influence = { score: 71.5, reach: 0.83, engagement: 0.62, conversation: 0.5, consistency: 0.71, relevance: 0.8, listed: 'boost' };
    const alert = alertFixture({ influence, author: 'mastodon:alice', url: 'https://m.example/1', sentiment: null, windowEnd: 9e15 });
    expect(jsonPayload(alert)).toMatchObject({ influence, author: 'mastodon:alice', sentiment: null, windowEnd: 9e15, windowEndIso: '' });
  });
});
