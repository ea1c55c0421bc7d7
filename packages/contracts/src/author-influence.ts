// AuthorInfluence: one author's earned influence for one brand. Topic authors.influence
// (compacted), key = <brandId>:<source>:<handle>. Written by the amplification worker whenever the
// author mentions the brand; read by whoever ranks the voices that carry (analysts, tools).
// Schema: schemas/author-influence/AuthorInfluence.v<N>.avsc.
import type { InfluenceScore } from './alert.ts';
import { defineContract } from './contract.ts';

export const AUTHOR_INFLUENCE_TOPIC = 'authors.influence';

export interface AuthorInfluence {
  brandId: string;
  source: string;
  handle: string;
  influence: InfluenceScore;
  followers: number | null;
  mentions: number;
  replies: number;
  activeDays: number;
  /** Epoch milliseconds UTC. */
  lastSeen: number;
}

export function authorInfluenceKey(value: Pick<AuthorInfluence, 'brandId' | 'source' | 'handle'>): string {
  return `${value.brandId}:${value.source}:${value.handle}`;
}

export const authorInfluenceContract = defineContract<AuthorInfluence>('author-influence', 'AuthorInfluence');
