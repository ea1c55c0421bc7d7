import { describe, expect, it } from 'vitest';
import { createBrandMembers } from '../src/brand-members.ts';
import { capturingLogger } from './support/capturing-logger.ts';

/** Members that record their starts and stops; a brand in `failing` fails to start while it is there. */
function fakeMembers(failing: Set<string>) {
  const events: string[] = [];
  const start = async (brandId: string) => {
    if (failing.has(brandId)) {
      events.push(`start ${brandId} failed`);
      throw new Error(`topic alerts.${brandId} not ready`);
    }
    events.push(`start ${brandId}`);
    return {
      stop: async () => {
        events.push(`stop ${brandId}`);
      },
    };
  };
  return { events, start };
}

describe('createBrandMembers', () => {
  it('starts and stops members to match the wanted brands, one pass for changes in a row', async () => {
    const { logger, lines } = capturingLogger();
    const { events, start } = fakeMembers(new Set());
    const changes: Array<[number, number]> = [];
    const members = createBrandMembers({
      start,
      activity: 'consuming alerts',
      logger,
      onChange: (running, wanted) => changes.push([running, wanted]),
    });
    members.sync(['acme', 'globex']);
    members.sync(['acme', 'globex', 'initech']);
    await members.settled();
    members.sync(['initech']);
    await members.settled();
    expect(events).toEqual(['start acme', 'start globex', 'start initech', 'stop acme', 'stop globex']);
    expect(changes).toEqual([
      [3, 3],
      [1, 1],
    ]);
    expect(members.running()).toEqual(['initech']);
    expect(
      lines()
        .filter((l) => l.level === 30)
        .map((l) => [l.brand, l.msg]),
    ).toEqual([
      ['acme', 'stopped consuming alerts: brand retired'],
      ['globex', 'stopped consuming alerts: brand retired'],
    ]);
    await members.stop();
    expect(events.at(-1)).toBe('stop initech');
    expect(members.running()).toEqual([]);
  });

  it('logs a failed start at error level and tries it again after retryDelayMs', async () => {
    const { logger, lines } = capturingLogger();
    const failing = new Set(['globex']);
    const { events, start } = fakeMembers(failing);
    const members = createBrandMembers({ start, activity: 'archiving alerts', logger, retryDelayMs: 20 });
    members.sync(['acme', 'globex']);
    await members.settled();
    expect(members.running()).toEqual(['acme']);
    expect(
      lines()
        .filter((l) => l.level === 50)
        .map((l) => [l.brand, l.msg]),
    ).toEqual([['globex', 'could not start archiving alerts of a brand topic; will try again']]);
    failing.delete('globex');
    for (let i = 0; i < 100 && members.running().length < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await members.settled();
    }
    expect(events).toEqual(['start acme', 'start globex failed', 'start globex']);
    expect(members.running()).toEqual(['acme', 'globex']);
    await members.stop();
  });
});
