// A token may send mentions of its sources only. A valid mention outside them is refused by its
// index with status 403, like an invalid one is with its field; the rest of the batch goes on.
import { type IngestToken, tokenAllowsSource } from './ingest-tokens.ts';
import type { ValidatedBatch } from './validate-mentions.ts';

export function enforceSourceScope(batch: ValidatedBatch, token: IngestToken | undefined): ValidatedBatch & { forbidden: number } {
  if (token === undefined) return { ...batch, forbidden: 0 };
  const accepted: ValidatedBatch['accepted'] = [];
  const refused: ValidatedBatch['rejected'] = [];
  for (const item of batch.accepted) {
    if (tokenAllowsSource(token, item.mention.source)) {
      accepted.push(item);
      continue;
    }
    refused.push({
      index: item.index,
      id: item.mention.sourceId,
      status: 403,
      errors: [
        {
          path: 'source',
          message: `token "${token.id}" may not send source "${item.mention.source}" (its sources: ${token.sources.join(', ')})`,
        },
      ],
    });
  }
  if (refused.length === 0) return { ...batch, forbidden: 0 };
  const rejected = [...batch.rejected, ...refused].sort((a, b) => a.index - b.index);
  return { accepted, rejected, forbidden: refused.length };
}
