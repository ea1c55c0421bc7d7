// Turns a drafted mention (who, where, when, what, how it is labelled) into the ScoredMention the
// sentiment stage would write: ids as `<source>:<sourceId>`, replies pointing at the parent's
// sourceId on the same source, matched terms, language, spam fields. Copies are collected in groups
// and flagged once the whole scenario exists (the group's earliest-published member is the original).
import type { Engagement, ScoredMention, SentimentLabel } from '@sl/contracts';
import type { Prng } from './prng.ts';
import { type BrandWords, sentimentFor } from './text-composer.ts';

export interface MentionDraft {
  brandId: string;
  words: BrandWords;
  source: string;
  author: { handle: string; name: string | null; followers: number | null };
  publishedAt: number;
  text: string;
  label: SentimentLabel;
  /** Overrides the drawn compound (planted events pin theirs). */
  compound?: number;
  engagement?: Engagement;
  parent?: ScoredMention | null;
  spamScore?: number;
  spamReasons?: string[];
  /** Mentions sharing a key are copies of each other. */
  copyGroup?: string;
}

const SOURCE_PREFIX: Record<string, string> = { microblog: '18', forum: 't', reviews: 'rv', 'video-comments': 'Ugz', blog: 'p' };

export class MentionFactory {
  private next = 0;
  private readonly scenarioTag: string;
  private readonly groups = new Map<string, ScoredMention[]>();

  constructor(scenarioTag: string) {
    this.scenarioTag = scenarioTag;
  }

  create(draft: MentionDraft, rng: Prng): ScoredMention {
    const n = this.next++;
    const prefix = SOURCE_PREFIX[draft.source] ?? 'x';
    const sourceId =
      draft.source === 'microblog'
        ? `${prefix}${(4_200_000_000 + n * 7).toString()}${this.scenarioTag}`
        : `${prefix}${this.scenarioTag}${n.toString(36)}`;
    const language = draft.words.industry.language;
    const lowered = draft.text.toLowerCase();
    const terms = [draft.words.name.toLowerCase(), `@${draft.words.handle}`, `#${draft.words.tag.toLowerCase()}`];
    const mention: ScoredMention = {
      id: `${draft.source}:${sourceId}`,
      source: draft.source,
      sourceId,
      text: draft.text,
      title: draft.source === 'blog' || draft.source === 'reviews' ? draft.text.split(/\s+/).slice(0, 5).join(' ') : null,
      url: `https://${draft.source}.example/${draft.brandId}/${sourceId}`,
      lang: draft.source === 'microblog' || draft.source === 'reviews' ? language : null,
      publishedAt: Math.round(draft.publishedAt),
      // The harness sets its own; this is what a calm pipeline would have stamped.
      ingestedAt: Math.round(draft.publishedAt) + rng.int(2_000, 90_000),
      author: { handle: draft.author.handle, name: draft.author.name, followers: draft.author.followers },
      engagement: draft.engagement ?? { likes: 0, shares: 0, replies: 0 },
      parentId: draft.parent ? draft.parent.sourceId : null,
      brandId: draft.brandId,
      matchedTerms: terms.filter((term) => lowered.includes(term)),
      isDuplicate: false,
      duplicateOf: null,
      spamScore: draft.spamScore ?? Number(rng.uniform(0.01, 0.22).toFixed(3)),
      spamReasons: draft.spamReasons ?? [],
      detectedLang: rng.chance(0.04) ? null : language,
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
      spamThreshold: null,
      sentiment: sentimentFor(draft.text, language, draft.label, rng, draft.compound),
    };
    if (draft.parent && draft.parent.source !== draft.source)
      throw new Error(`reply ${mention.id} on another source than its parent ${draft.parent.id}`);
    if (draft.copyGroup !== undefined) {
      const group = this.groups.get(draft.copyGroup) ?? [];
      group.push(mention);
      this.groups.set(draft.copyGroup, group);
    }
    return mention;
  }

  /** Flags every copy but the earliest-published of its group (ties by id). */
  flagCopies(): void {
    for (const group of this.groups.values()) {
      group.sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1));
      const original = group[0];
      if (!original) continue;
      for (const copy of group.slice(1)) {
        copy.isDuplicate = true;
        copy.duplicateOf = original.id;
      }
    }
  }
}
