// Pins every verdict the enricher gives on a fixed generated stream, with memories small enough
// that each one forgets (near-duplicate entries cut from full buckets and forgotten from anywhere
// in a bucket, ids, authors, posts, thread keys, waiting replies), some records read again and
// some re-sent. Changes made for speed or memory must leave all of it as it is: the digest covers
// every assessment in order (records, spam scores and reasons, languages, duplicates, similar
// lists, threads), the counts say what it covers. The expected values were printed by the code
// before the index's buckets were linked both ways (commit ecb38e9) and are the same after.
import { createHash } from 'node:crypto';
import { loadBrandsFile } from '@sl/brands';
import { parseMentionInput, type RawMention, toRawMention } from '@sl/contracts';
import { createGenerator } from '@sl/generator';
import { describe, expect, it } from 'vitest';
import { createEnricher, type EnricherOptions } from '../src/index.ts';

const START_MS = Date.UTC(2026, 10, 2);
const SMALL_MEMORIES: Partial<EnricherOptions> = {
  nearDuplicateCapacity: 1500,
  exactDuplicateCapacity: 2000,
  authorCapacity: 1500,
  postCapacity: 400,
  threadPostCapacity: 2000,
  threadWaitingCapacity: 300,
};

function generated(seed: number, count: number): RawMention[] {
  const generator = createGenerator({ seed, ratePerSecond: 200 });
  const out: RawMention[] = [];
  for (let from = START_MS; out.length < count; from += 60_000) {
    for (const json of generator.history(from, from + 60_000)) {
      const parsed = parseMentionInput(json);
      if (!parsed.ok) throw new Error(`the generator made a mention the gateway would refuse: ${JSON.stringify(parsed.issues)}`);
      if (out.length === count) break;
      out.push(toRawMention(parsed.value, from));
    }
  }
  return out;
}

async function verdicts(options: Partial<EnricherOptions>) {
  const brands = await loadBrandsFile(new URL('../../../examples/brands.yaml', import.meta.url).pathname, { updatedAt: 0 });
  const enricher = createEnricher({ brands, options });
  const digest = createHash('sha256');
  const counts = { records: 0, duplicates: 0, similarListed: 0, spam: 0, threadReplies: 0 };
  const feed = (raw: RawMention, origin: string) => {
    const assessment = enricher.assess(raw, origin);
    digest.update(`${JSON.stringify(assessment)}\n`);
    for (const record of assessment.mentions) {
      counts.records++;
      if (record.isDuplicate) counts.duplicates++;
      counts.similarListed += record.similarTo?.length ?? 0;
      if (record.spamScore >= 0.7) counts.spam++;
      if (record.role === 'thread_reply') counts.threadReplies++;
    }
  };
  for (const [n, raw] of generated(5, 8000).entries()) {
    feed(raw, `p:${n}`);
    // Read again after an aborted transaction (same origin), and re-sent by a client (another).
    if (n % 97 === 0) feed(raw, `p:${n}`);
    if (n % 89 === 0) feed(raw, `resent:${n}`);
  }
  return { digest: digest.digest('hex'), counts, state: enricher.stateStats };
}

const FORGETTING = {
  nearDuplicates: { size: 1500, evicted: 5931 },
  recentIds: { size: 2000, evicted: 5853 },
  threadPosts: { size: 2000, evicted: 12822 },
  waitingReplies: { size: 300, evicted: 245 },
  authors: { size: 1500, evicted: 4841 },
  recentPosts: { size: 400, evicted: 7098 },
};

describe('the enricher on a fixed generated stream, every memory forgetting', () => {
  it('gives the same verdicts with the default bucket sizes', async () => {
    expect(await verdicts(SMALL_MEMORIES)).toEqual({
      digest: '9b7e5b948705afb0f2e420d2fe2c53093af9f6937d1d2d09f25fdae9659e26f6',
      counts: { records: 8273, duplicates: 265, similarListed: 15, spam: 152, threadReplies: 422 },
      state: FORGETTING,
    });
  }, 120_000);

  it('gives the same verdicts with buckets of 3 and 5 candidates a lookup (cut chains, sorted candidates)', async () => {
    expect(await verdicts({ ...SMALL_MEMORIES, maxBucketSize: 3, maxCandidates: 5 })).toEqual({
      digest: 'b5cae225024259f79011e7e6a02ca6bcc77dcd27165ba04b7b58c948c1d71442',
      counts: { records: 8273, duplicates: 265, similarListed: 14, spam: 152, threadReplies: 422 },
      state: FORGETTING,
    });
  }, 120_000);
});
