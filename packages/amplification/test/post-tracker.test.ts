// A post's points are its counts at their own times, so the latest rate is the growth between the
// last two points over the time between them. A held-out run's viral post took about 12 replies a
// minute and its alert said 3: later counts were folded into the earlier point, leaving the next
// interval only the growth of its last second or so.
import { describe, expect, it } from 'vitest';
import { addPoint, spreadOf, spreadRates, type TrackedPost } from '../src/post-tracker.ts';

function post(): TrackedPost {
  return {
    id: 'forum:p1',
    author: 'forum:ann',
    text: 'The new cargo bike, first ride',
    url: null,
    compound: 0,
    negative: false,
    publishedAt: 0,
    childReplies: 0,
    reported: { likes: 0, shares: 0, replies: 0 },
    points: [],
    origin: null,
    ownPost: false,
    fired: [],
  };
}

const reply = (p: TrackedPost, atSeconds: number) => {
  const before = spreadOf(p);
  p.childReplies += 1;
  addPoint(p, atSeconds * 1000, before);
};

describe('spreadRates', () => {
  it('measures a burst of replies 5 s apart at its own pace, after an hour of one reply every 5 minutes', () => {
    const p = post();
    addPoint(p, 0);
    for (let t = 300; t <= 3300; t += 300) reply(p, t);
    // 12 replies a minute from the hour on; 3605 and 3610 come closer than 15 s to the point at 3600.
    for (const t of [3600, 3605, 3610, 3615]) reply(p, t);
    const rates = spreadRates(p);
    expect(p.points.map((point) => [point.at / 1000, point.spread]).slice(-3)).toEqual([
      [3300, 11],
      [3600, 12],
      [3615, 15],
    ]);
    // 3 replies in the 15 s since the point at 3600: 12 a minute (it said 4 when counts were folded in).
    expect((rates?.latest ?? 0) * 60).toBeCloseTo(12, 10);
    // 12 replies in the first hour.
    expect((rates?.previous ?? 0) * 60).toBeCloseTo(0.2, 10);
  });

  it('adds a late reply to every point from its time on, so it is not growth of the latest interval', () => {
    const p = post();
    addPoint(p, 0);
    for (let t = 300; t <= 3300; t += 300) reply(p, t);
    for (const t of [3600, 3605, 3610, 3615]) reply(p, t);
    // Published at 3000 s, judged after the point at 3615 (late, or a backfill's oldest judged early).
    reply(p, 3000);
    expect(p.points.map((point) => [point.at / 1000, point.spread]).slice(-5)).toEqual([
      [2700, 9],
      [3000, 11],
      [3300, 12],
      [3600, 13],
      [3615, 16],
    ]);
    expect((spreadRates(p)?.latest ?? 0) * 60).toBeCloseTo(12, 10);
    expect(p.origin).toEqual({ at: 0, spread: 0, total: 0 });
  });
});
