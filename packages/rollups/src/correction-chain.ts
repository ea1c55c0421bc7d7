// Two writers correct a mention's verdict: the amplification engine (by: 'event_time', from the
// enricher's verdict) and the brand's team (by: 'team', from the current verdict as the archive
// showed it). Each correction's rollup rows take `from` off and add `to`, so each must start from
// where the one before it left the mention, and the two writers do not see each other:
// - the team corrects from what the archive shows, which may not hold an engine correction
//   written a moment before (archives are flushed every few seconds), so both took the mention off
//   its scored verdict and it was counted twice on the way out;
// - the engine judges a mention once the event-time watermark passes it, which for a backfill is
//   a minute or more after it is archived, so a team correction could come first and the engine's
//   then moved the mention again from its scored verdict.
// Both write to mentions.corrections keyed by brand, so one partition holds a brand's corrections
// in the order they were written. Read in that order, the chain decides how each is rolled up:
// - a team correction starts from the verdict the corrections before it left the mention (its
//   `from` is rewritten when the archive it was made from was behind);
// - an engine correction after a team one leaves the team's verdict standing: it is rolled up,
//   and archived, as a move from that verdict to itself (its rows cancel), with its own reason.
// Anything else is rolled up as written (an engine correction of a re-sent copy, a record of its
// own, must not be chained onto the first copy's).
//
// The chain is what this process has read, in memory; a worker that takes a partition first reads
// the partition's recent corrections back into it (resolve() is keyed by offset, so reading one
// twice changes nothing), so a restart between two corrections of a mention does not break it.
import type { VerdictCorrection } from '@sl/contracts';

type Kind = VerdictCorrection['toKind'];
type Label = VerdictCorrection['toSentiment'];

interface Link {
  offset: bigint;
  by: string;
  toKind: Kind;
  toSentiment: Label;
}

interface MentionChain {
  links: Link[];
  /** The first team correction's offset: engine corrections after it leave the team's verdict. */
  teamAt: bigint | undefined;
}

export interface ChainedCorrection {
  /** The correction as rolled up and archived. */
  correction: VerdictCorrection;
  /** 'rewritten': a team correction's `from` moved to where the mention stood; 'superseded': an engine correction after the team's, made a no-op. */
  change: 'none' | 'rewritten' | 'superseded';
}

export interface CorrectionChain {
  /** How the correction at this offset of its partition is rolled up, given the ones before it. */
  resolve(partition: number, offset: string, correction: VerdictCorrection): ChainedCorrection;
  /** Mentions remembered, for metrics and tests. */
  size(): number;
  /** Mentions forgotten so far to stay within `maxMentions` (the least recently corrected first). */
  evicted(): number;
}

/** Links kept per mention: a mention is corrected a few times at most. */
const MAX_LINKS = 8;
/** @default 500,000 mentions; about 130 bytes of heap each (bench/flush-cost.ts). */
export const DEFAULT_CORRECTION_CHAIN_MENTIONS = 500_000;

// Most remembered mentions were corrected once. Such a chain is kept as one number, not as
// objects (about a third of the heap per mention): offset * 32 + a code for who corrected and to
// which kind and label. Anything else (several links, a value this version does not know, an
// offset past 2^47) keeps the object form.
const BYS: readonly string[] = ['event_time', 'team'];
const KINDS: readonly string[] = ['counted', 'duplicate', 'spam', 'thread_reply'];
const LABELS: readonly string[] = ['positive', 'neutral', 'negative'];
const PACKED_OFFSET_LIMIT = 2n ** 47n;

function pack(chain: MentionChain): number | MentionChain {
  const link = chain.links[0];
  if (chain.links.length !== 1 || !link || link.offset >= PACKED_OFFSET_LIMIT) return chain;
  const by = BYS.indexOf(link.by);
  const kind = KINDS.indexOf(link.toKind);
  const label = LABELS.indexOf(link.toSentiment);
  if (by < 0 || kind < 0 || label < 0) return chain;
  // A single link's teamAt is its own offset when it is the team's, else none: nothing to store.
  if (chain.teamAt !== (link.by === 'team' ? link.offset : undefined)) return chain;
  return Number(link.offset) * 32 + by * 12 + kind * 3 + label;
}

function unpack(stored: number | MentionChain | undefined): MentionChain {
  if (stored === undefined) return { links: [], teamAt: undefined };
  if (typeof stored !== 'number') return stored;
  const code = stored % 32;
  const offset = BigInt((stored - code) / 32);
  const by = BYS[Math.floor(code / 12)] as string;
  const link: Link = {
    offset,
    by,
    toKind: KINDS[Math.floor((code % 12) / 3)] as Kind,
    toSentiment: LABELS[code % 3] as Label,
  };
  return { links: [link], teamAt: by === 'team' ? offset : undefined };
}

export function createCorrectionChain(options: { maxMentions?: number } = {}): CorrectionChain {
  const maxMentions = options.maxMentions ?? DEFAULT_CORRECTION_CHAIN_MENTIONS;
  // Insertion order is recency: a mention touched again moves to the back.
  const chains = new Map<string, number | MentionChain>();
  let evicted = 0;

  return {
    resolve(partition, offset, correction) {
      const key = `${partition}\u0000${correction.brandId}\u0000${correction.mentionId}`;
      const at = BigInt(offset);
      const chain = unpack(chains.get(key));
      // A flush retried after a failed upload reads its records again: only what came before counts.
      const previous = chain.links.filter((link) => link.offset < at).at(-1);
      const teamBefore = chain.teamAt !== undefined && chain.teamAt < at;

      let resolved: ChainedCorrection = { correction, change: 'none' };
      if (correction.by === 'team') {
        if (previous && (previous.toKind !== correction.fromKind || previous.toSentiment !== correction.fromSentiment)) {
          resolved = { correction: { ...correction, fromKind: previous.toKind, fromSentiment: previous.toSentiment }, change: 'rewritten' };
        }
      } else if (teamBefore && previous) {
        resolved = {
          correction: {
            ...correction,
            fromKind: previous.toKind,
            fromSentiment: previous.toSentiment,
            toKind: previous.toKind,
            toSentiment: previous.toSentiment,
          },
          change: 'superseded',
        };
      }

      if (!chain.links.some((link) => link.offset === at)) {
        const applied = resolved.correction;
        chain.links.push({ offset: at, by: applied.by, toKind: applied.toKind, toSentiment: applied.toSentiment });
        chain.links.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
        if (chain.links.length > MAX_LINKS) chain.links.shift();
        if (correction.by === 'team' && (chain.teamAt === undefined || at < chain.teamAt)) chain.teamAt = at;
      }
      chains.delete(key);
      chains.set(key, pack(chain));
      if (chains.size > maxMentions) {
        chains.delete(chains.keys().next().value as string);
        evicted += 1;
      }
      return resolved;
    },
    size: () => chains.size,
    evicted: () => evicted,
  };
}
