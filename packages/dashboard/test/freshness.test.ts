import { Writable } from 'node:stream';
import { createRootLogger } from '@sl/observability';
import { describe, expect, it } from 'vitest';
import { createFreshness, pollWatermark, unmeasuredFreshness } from '../src/freshness.ts';

const following = 'enricher, sentiment-worker, aggregation-worker';

describe('freshness', () => {
  it('over the store itself: complete up to the newest watermark measured, never going back', () => {
    const tracker = createFreshness({ copied: false, following });
    expect(tracker.completeUpTo()).toBe(null);
    expect(tracker.detail()).toBe(`not measured yet: waiting for the ingest watermark through ${following}`);
    tracker.measured(null);
    expect(tracker.completeUpTo()).toBe(null);
    tracker.measured(1_000);
    tracker.measured(900);
    tracker.measured(null);
    expect(tracker.completeUpTo()).toBe(1_000);
    expect(tracker.detail()).toBe(`every mention received by then is in the rollups read (ingest watermark through ${following})`);
  });

  it('over a copy of the bucket: the watermark measured before the newest copy that succeeded', () => {
    const tracker = createFreshness({ copied: true, following });
    tracker.measured(1_000);
    expect(tracker.completeUpTo()).toBe(null);
    expect(tracker.detail()).toBe('measured, waiting for the next copy of the bucket');
    const first = tracker.copyStarting();
    // Measured while the copy runs: files written meanwhile may have missed it.
    tracker.measured(2_000);
    first();
    expect(tracker.completeUpTo()).toBe(1_000);
    // A copy that fails never calls back: the copy is as complete as before.
    tracker.copyStarting();
    expect(tracker.completeUpTo()).toBe(1_000);
    const third = tracker.copyStarting();
    third();
    expect(tracker.completeUpTo()).toBe(2_000);
    expect(tracker.detail()).toBe(`every mention received by then is in the rollups read (ingest watermark through ${following}, as of the last copy of the bucket)`);
  });

  it('says why it is not measured without a broker', () => {
    expect([unmeasuredFreshness.completeUpTo(), unmeasuredFreshness.detail()]).toEqual([null, 'not measured: this dashboard has no broker to follow the pipeline on']);
  });

  it('polls the watermark, and logs a failing measurement once until one succeeds', async () => {
    const lines: Array<{ msg: string }> = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as { msg: string });
        done();
      },
    });
    const logger = createRootLogger({ service: 't', level: 'info', destination });
    const tracker = createFreshness({ copied: false, following });
    const answers: Array<number | Error> = [new Error('broker away'), new Error('broker away'), 5_000, 6_000];
    let calls = 0;
    const polling = pollWatermark({
      tracker,
      logger,
      intervalMs: 100,
      measure: async () => {
        const answer = answers[Math.min(calls, answers.length - 1)] as number | Error;
        calls += 1;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    await expect.poll(() => tracker.completeUpTo(), { timeout: 5_000 }).toBe(6_000);
    polling.stop();
    expect(lines.map((l) => l.msg)).toEqual(['could not measure the ingest watermark; "complete up to" stays where it was', 'ingest watermark measured again']);
  });
});
