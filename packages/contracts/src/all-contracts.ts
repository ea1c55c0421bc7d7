// Every record contract, for checks and tools that must cover them all (the compatibility test,
// the fixture and lock scripts). A new record is added here, or those checks silently skip it.
import { alertContract } from './alert.ts';
import { amplificationSnapshotContract } from './amplification-snapshot.ts';
import { authorInfluenceContract } from './author-influence.ts';
import { brandContract } from './brand.ts';
import type { VersionedContract } from './contract.ts';
import { deadLetterContract } from './dead-letter.ts';
import { enrichedMentionContract } from './enriched-mention.ts';
import { rawMentionContract } from './raw-mention.ts';
import { scoredMentionContract } from './scored-mention.ts';
import { verdictCorrectionContract } from './verdict-correction.ts';

export const allContracts: readonly VersionedContract<unknown>[] = [
  rawMentionContract,
  enrichedMentionContract,
  scoredMentionContract,
  alertContract,
  brandContract,
  deadLetterContract,
  authorInfluenceContract,
  amplificationSnapshotContract,
  verdictCorrectionContract,
];
