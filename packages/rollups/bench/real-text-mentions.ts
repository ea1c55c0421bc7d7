// Scored mentions built around text nobody here wrote, for the aggregation benches: the Sanders
// tweets about Apple and Google (../shared/data/brand-sentiment, free for research and evaluation)
// and the UCI YouTube Spam Collection (../shared/data/youtube-spam, CC BY 4.0). The data stays
// outside the repository. The texts, brands, labels, authors and spam flags are the data's; the
// rest (source, timing, engagement) is spread deterministically so that one flush fills many
// rollup windows, as the pipeline bench's 25 minutes of backfill do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ScoredMention, type SentimentLabel, scoredMentionContract } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
// The spam scorer's reader of the same files (one CSV parser for the collection).
import { readVideos, VIDEOS } from '../../enrichment/scripts/youtube-spam-data.ts';

const SANDERS_FILE = fileURLToPath(new URL('../../../../shared/data/brand-sentiment/sanders-apple-google.jsonl', import.meta.url));

export interface SourceText {
  brand: string;
  author: string;
  text: string;
  label: SentimentLabel;
  spam: boolean;
}

/** The tuning split: every change here was tried on these tweets first. */
export function sandersTexts(): SourceText[] {
  return readFileSync(SANDERS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { id: string; brand: string; label: SentimentLabel; text: string };
      // The corpus has no authors: a tweet id's last digits stand in, so authors repeat.
      return { brand: row.brand, author: `t${row.id.slice(-3)}`, text: row.text, label: row.label, spam: false };
    });
}

/** The reporting split, never tuned on: the three videos' comments (brand = the video). */
export function youtubeTexts(): SourceText[] {
  return readVideos(VIDEOS).map((comment) => ({
    brand: comment.video.slice(10).toLowerCase(),
    author: comment.author,
    text: comment.text,
    label: 'neutral',
    spam: comment.spam,
  }));
}

const SOURCES = ['rss', 'mastodon', 'reddit', 'hackernews', 'reviews'];
const COMPOUND: Record<SentimentLabel, number> = { positive: 0.6, neutral: 0, negative: -0.6 };
/** 2026-11-24T00:00:00Z */
const T0 = Date.UTC(2026, 10, 24);

/**
 * `count` records of one partition, cycling through the texts; each decoded from its Avro bytes,
 * so its strings and objects are what the worker's consumer holds.
 */
export function scoredRecords(texts: readonly SourceText[], count: number, spreadMs = 25 * 60_000): ConsumedRecord<ScoredMention>[] {
  const records: ConsumedRecord<ScoredMention>[] = [];
  for (let n = 0; n < count; n += 1) {
    const t = texts[n % texts.length] as SourceText;
    const publishedAt = T0 + Math.floor((n * spreadMs) / count);
    const value: ScoredMention = {
      id: `bench:${n}`,
      source: SOURCES[n % SOURCES.length] ?? 'rss',
      sourceId: String(n),
      text: t.text,
      title: null,
      url: `https://example.org/post/${n}`,
      lang: 'en',
      publishedAt,
      ingestedAt: publishedAt + (n % 50 === 0 ? 7_200_000 : 2_000),
      author: { handle: t.author, name: t.author, followers: (n * 37) % 100_000 },
      engagement: { likes: n % 40, shares: n % 9, replies: n % 5 },
      parentId: n % 4 === 0 && n > 0 ? `bench:${n - 1}` : null,
      brandId: t.brand,
      matchedTerms: [t.brand],
      // One in ten a copy, as the enricher flags about that share of the generator's traffic.
      isDuplicate: n % 10 === 9,
      duplicateOf: n % 10 === 9 ? `bench:${n - 1}` : null,
      spamScore: t.spam ? 0.9 : 0.05,
      spamReasons: t.spam ? ['link_selling'] : [],
      detectedLang: 'en',
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
      spamThreshold: null,
      sentiment: { compound: COMPOUND[t.label], label: t.label, drivers: [{ term: 'great', weight: 0.4 }] },
    };
    const bytes = scoredMentionContract.encode(value);
    records.push({
      topic: 'mentions.scored',
      partition: 0,
      offset: String(n),
      key: Buffer.from(t.brand),
      value: scoredMentionContract.decode(bytes),
      headers: {},
      timestamp: publishedAt,
    });
  }
  return records;
}
