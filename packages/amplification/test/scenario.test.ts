import type { Alert, Brand } from '@sl/contracts';
import { alertScenario, brandFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { createAmplificationEngine, decodeState, encodeState, STATE_FORMAT } from '../src/index.ts';

const brand: Brand = brandFixture('acme', { name: 'Acme', handles: ['acme'], categoryTerms: ['coffee', 'roast', 'espresso'] });
const brands = new Map([[brand.id, brand]]);

function run(mentions: ReturnType<typeof alertScenario>['mentions'], engine = createAmplificationEngine()): Alert[] {
  return mentions.flatMap((m) => engine.process(m, brands.get(m.brandId), 0).alerts);
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

  it('resumes from a snapshot with exactly the alerts an uninterrupted run raises', () => {
    const cut = Math.floor(scenario.mentions.length * 0.8);
    const first = createAmplificationEngine();
    const before = run(scenario.mentions.slice(0, cut), first);
    const state = decodeState(encodeState(first.snapshot()), STATE_FORMAT);
    const after = run(scenario.mentions.slice(cut), createAmplificationEngine(state));
    expect([...before, ...after].map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });
});

describe('steady traffic alone', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('raises no alert over six days (seed %i)', (seed) => {
    const scenario = alertScenario({ days: 6, seed, withEvents: false });
    expect(run(scenario.mentions).map((a) => `${a.kind} ${a.explanation}`)).toEqual([]);
  });
});
