import type { Alert, Brand, ScoredMention } from '@sl/contracts';
import { alertScenario, brandFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { ARRIVAL_ORDERS, alertsInOrder } from '../src/testing/arrival-orders.ts';

const brand: Brand = brandFixture('acme', {
  name: 'Acme',
  handles: ['acme'],
  categoryTerms: ['coffee', 'roast', 'espresso'],
  alertThresholds: { ...brandFixture('acme').alertThresholds, viralEngagement: 200, tractionEngagement: 60 },
});

/** Live traffic: each mention ingested moments after publication. */
function run(mentions: ReturnType<typeof alertScenario>['mentions']): Alert[] {
  return alertsInOrder({ brands: [brand], mentions }, 'sorted-paced');
}

describe('four simulated days with six injected events', () => {
  const scenario = alertScenario({ days: 4, seed: 7 });
  const alerts = run(scenario.mentions);

  it('raises exactly one alert per event, of the right kind, within one window of it', () => {
    const windowMs = brand.alertThresholds.windowMinutes * 60_000;
    expect(alerts.map((a) => a.kind).sort()).toEqual(scenario.events.map((e) => e.kind).sort());
    for (const event of scenario.events) {
      const [alert] = alerts.filter((a) => a.kind === event.kind);
      expect(alert, event.name).toBeDefined();
      // The alert's window reaches the event and starts no later than one window after it.
      expect(alert?.windowEnd, event.name).toBeGreaterThanOrEqual(event.at);
      expect(alert?.windowStart, event.name).toBeLessThanOrEqual(event.at + windowMs + (event.kind === 'unanswered_question' ? brand.alertThresholds.questionReplyMinutes * 60_000 : 0));
    }
  });

  it('gives each alert a deterministic id, a readable explanation and the mentions behind it', () => {
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
    for (const alert of alerts) {
      expect(alert.id.startsWith(`acme:${alert.kind}:`)).toBe(true);
      expect(alert.explanation.length).toBeGreaterThan(40);
      expect(alert.mentionIds.length).toBeGreaterThan(0);
      expect(alert.sampleTexts.length).toBeGreaterThan(0);
    }
    const voice = alerts.find((a) => a.kind === 'influential_voice');
    expect(voice?.author).toBe('sim:famous_fran');
    expect(voice?.influence?.reach).toBe(0.9882);
    expect(voice?.explanation).toMatch(/^@famous_fran on sim \(850,000 followers; influence \d+\/100: reach 99, engagement \d+/);
  });

  it('repeats nothing when the same input is processed again by a fresh engine', () => {
    expect(run(scenario.mentions).map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it.each(ARRIVAL_ORDERS)('raises the same alerts when the history arrives %s', (order) => {
    const ids = alertsInOrder({ brands: [brand], mentions: scenario.mentions }, order).map((a) => `${a.id} ${a.observed} ${a.expected}`);
    expect(ids.sort()).toEqual(alerts.map((a) => `${a.id} ${a.observed} ${a.expected}`).sort());
  });
});

describe('one conversation in a quiet hour', () => {
  // A post at 03:00 on the last day; 20 people answer it (each naming the brand) over 20 minutes,
  // then 100 more within 5: at night the brand usually gets a few mentions a quarter of an hour.
  const scenario = alertScenario({ days: 4, seed: 7, withEvents: false });
  const at = scenario.start + 3 * 24 * 3_600_000 + 3 * 3_600_000;
  const base = scenario.mentions[0] as ScoredMention;
  const post: ScoredMention = { ...base, id: 'sim:hot', sourceId: 'hot', publishedAt: at, ingestedAt: at + 2_000, text: 'Acme just changed its grinder warranty, this is what the new terms say', engagement: { likes: 150, shares: 10, replies: 0 } };
  const answeredAt = (i: number) => (i < 20 ? at + 60_000 * (i + 1) : at + 20 * 60_000 + 3_000 * (i - 19));
  const answers = (asReplies: boolean): ScoredMention[] =>
    Array.from({ length: 120 }, (_, i) => ({
      ...base,
      id: `sim:answer${i}`,
      sourceId: `answer${i}`,
      publishedAt: answeredAt(i),
      ingestedAt: answeredAt(i) + 2_000,
      author: { handle: `answerer${i}`, name: null, followers: 30 },
      text: `Acme warranty take ${i}: my grinder ${i % 7} years old, receipt ${i * 31}`,
      parentId: asReplies ? 'hot' : null,
    }));
  const kinds = (mentions: ScoredMention[]) => run([...scenario.mentions, post, ...mentions].sort((a, b) => a.publishedAt - b.publishedAt)).map((a) => a.kind);

  it('counts its replies toward a volume spike at most as often as one author counts, and raises viral_post for it', () => {
    expect(kinds(answers(true))).toEqual(['viral_post']);
  });

  it('raises a volume spike when as many people post on their own', () => {
    expect(kinds(answers(false))).toEqual(['volume_spike']);
  });
});

describe('steady traffic alone', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('raises no alert over six days (seed %i)', (seed) => {
    const scenario = alertScenario({ days: 6, seed, withEvents: false });
    expect(run(scenario.mentions).map((a) => `${a.kind} ${a.explanation}`)).toEqual([]);
  });
});
