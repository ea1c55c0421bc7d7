// The team corrections this dashboard sent that the correction archive does not show yet. A
// correction starts from the mention's current verdict as archived; until the aggregation worker
// has written the one sent, a second one would start from the same older verdict and the rollups
// would move the mention twice (docs/cli.md, "sl correct"). So the dashboard refuses a second
// correction of a mention while its first is in flight, and the feed shows the first as "sent".
// Held in memory: a restart forgets them (the archive then tells the truth once it is written).
import type { VerdictCorrection } from '@sl/contracts';

export interface SentCorrections {
  /** The correction sent for this mention of the brand and not yet seen archived. */
  pending(brandId: string, mentionId: string): VerdictCorrection | undefined;
  add(correction: VerdictCorrection): void;
  /** The archive shows correction `id`: if it is the one in flight for that mention, it no longer is. */
  settle(brandId: string, mentionId: string, id: string): void;
}

const keyOf = (brandId: string, mentionId: string) => `${brandId}\u0000${mentionId}`;

export function createSentCorrections(): SentCorrections {
  const held = new Map<string, VerdictCorrection>();
  return {
    pending: (brandId, mentionId) => held.get(keyOf(brandId, mentionId)),
    add(correction) {
      held.set(keyOf(correction.brandId, correction.mentionId), correction);
    },
    settle(brandId, mentionId, id) {
      if (held.get(keyOf(brandId, mentionId))?.id === id) held.delete(keyOf(brandId, mentionId));
    },
  };
}
