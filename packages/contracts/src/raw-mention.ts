// RawMention: one thing said somewhere, as the ingest gateway or a connector accepted it, before
// any brand rule. Topic mentions.raw, key = id. The enricher reads it; the archive writes it to
// raw/v1 as Parquet so history can be re-enriched when a brand's query changes.
// Schema: schemas/raw-mention/RawMention.v<N>.avsc. This interface mirrors the newest version;
// test/record-types.test.ts proves they agree.
import { defineContract } from './contract.ts';

export const RAW_MENTION_TOPIC = 'mentions.raw';

export interface Author {
  /** Handle or account name, unique within the source. */
  handle: string;
  name: string | null;
  /** Follower count at ingest time; null when unknown (not 0). */
  followers: number | null;
}

export interface Engagement {
  likes: number;
  shares: number;
  replies: number;
}

export interface RawMention {
  /** `"<source>:<sourceId>"`, stable across re-ingestion. */
  id: string;
  source: string;
  sourceId: string;
  text: string;
  title: string | null;
  url: string | null;
  /** Language the source declares (BCP 47); the enricher detects its own. */
  lang: string | null;
  /** Epoch milliseconds UTC. */
  publishedAt: number;
  /** Epoch milliseconds UTC when the gateway accepted it. */
  ingestedAt: number;
  author: Author;
  engagement: Engagement;
  /** sourceId of the mention this one replies to. */
  parentId: string | null;
}

export const rawMentionContract = defineContract<RawMention>('raw-mention', 'RawMention');
