// The pipeline's topics (see docs/architecture.md). Partition counts bound how many workers of a
// stage can share its load; keys keep one mention (raw) or one brand (later stages) in order.
import {
  alertContract,
  amplificationSnapshotContract,
  authorInfluenceContract,
  brandContract,
  enrichedMentionContract,
  rawMentionContract,
  scoredMentionContract,
  verdictCorrectionContract,
} from '@sl/contracts';
import type { TopicDefinition } from './topic.ts';

export const mentionsRawTopic = {
  name: 'mentions.raw',
  key: 'mention id (<source>:<sourceId>)',
  value: rawMentionContract,
  partitions: 6,
  cleanupPolicy: 'delete',
} satisfies TopicDefinition<unknown>;

export const mentionsEnrichedTopic = {
  name: 'mentions.enriched',
  key: 'brand id',
  value: enrichedMentionContract,
  partitions: 6,
  cleanupPolicy: 'delete',
} satisfies TopicDefinition<unknown>;

export const mentionsScoredTopic = {
  name: 'mentions.scored',
  key: 'brand id',
  value: scoredMentionContract,
  partitions: 6,
  cleanupPolicy: 'delete',
} satisfies TopicDefinition<unknown>;

/** Event-time (and team) corrections of how a scored mention counts; the aggregation worker rolls them up. */
export const mentionsCorrectionsTopic = {
  name: 'mentions.corrections',
  key: 'brand id',
  value: verdictCorrectionContract,
  partitions: 6,
  cleanupPolicy: 'delete',
} satisfies TopicDefinition<unknown>;

export const brandsConfigTopic = {
  name: 'brands.config',
  key: 'brand id',
  value: brandContract,
  partitions: 1,
  cleanupPolicy: 'compact',
} satisfies TopicDefinition<unknown>;

export function alertsTopic(brandId: string) {
  return {
    name: `alerts.${brandId}`,
    key: 'alert id',
    value: alertContract,
    partitions: 1,
    cleanupPolicy: 'delete',
  } satisfies TopicDefinition<unknown>;
}

export const authorsInfluenceTopic = {
  name: 'authors.influence',
  key: '<brand id>:<source>:<handle>',
  value: authorInfluenceContract,
  partitions: 6,
  cleanupPolicy: 'compact',
} satisfies TopicDefinition<unknown>;

/** Internal to the amplification worker: one state snapshot per input partition. */
export const amplificationSnapshotsTopic = {
  name: 'amplification.snapshots',
  key: '<input topic>:<partition>',
  value: amplificationSnapshotContract,
  partitions: 1,
  cleanupPolicy: 'compact',
  // A partition's author table can take a few MiB even gzipped.
  maxMessageBytes: 32 * 1024 * 1024,
} satisfies TopicDefinition<unknown>;
