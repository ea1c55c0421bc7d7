// Ordinary brand talk for the spam model to learn that a link or "check out" alone is no spam:
// the Sanders tweets about Apple and Google (../shared/data/brand-sentiment, free for research and
// evaluation), none of them spam. Split in two by a hash of the tweet id: the model trains on the
// "train" half; the benchmark reports false flags on the other half, which nothing was tuned on.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledComment } from './youtube-spam-data.ts';

export const SANDERS_FILE = fileURLToPath(new URL('../../../../shared/data/brand-sentiment/sanders-apple-google.jsonl', import.meta.url));

export type TweetHalf = 'train' | 'test' | 'all';

function halfOf(id: string): 'train' | 'test' {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 2 === 0 ? 'train' : 'test';
}

/** The tweets of one half, as not-spam comments with no author name. */
export function readBrandTweets(half: TweetHalf, file = SANDERS_FILE): LabelledComment[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string | number; text: string })
    .filter((tweet) => half === 'all' || halfOf(String(tweet.id)) === half)
    .map((tweet) => ({ video: 'sanders', id: String(tweet.id), author: '', text: tweet.text, spam: false }));
}
