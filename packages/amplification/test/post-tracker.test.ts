// A post's points are its counts at their own times, so the latest rate is the growth between the
// last two points over the time between them. A held-out run's viral post took about 12 replies a
// minute and its alert said 3: later counts were folded into the earlier point, leaving the next
// interval only the growth of its last second or so.
import { describe, expect, it } from 'vitest';
import { addPoint, spreadRates, type TrackedPost } from '../src/post-tracker.ts';

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
  p.childReplies += 1;
  addPoint(p, atSeconds * 1000);
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
});
