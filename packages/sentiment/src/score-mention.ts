// The sentiment worker's one step: an EnrichedMention becomes a ScoredMention carrying the
// sentiment TOWARD ITS brand (scoreTowardTargets), not the post's overall sentiment. The other
// brands the post may name (the brand's competitors) are passed as targets too, so "switched
// from Globex to Acme" splits. `sl sentiment --brands` builds its targets with the same brandTarget.
import type { Brand, EnrichedMention, ScoredMention } from '@sl/contracts';
import type { SentimentTarget } from './find-mentions.ts';
import { scoreTowardTargets } from './score-toward-targets.ts';

/** The names a post may use for a brand: its id, its name, the name's first word, its own handles. */
export function brandTerms(brand: (Pick<Brand, 'id' | 'name'> & Partial<Pick<Brand, 'handles'>>) | undefined, id: string): string[] {
  const terms = new Set<string>([id]);
  if (brand) {
    terms.add(brand.name);
    // "Acme Corporation" is usually written "Acme": the first word names it too.
    const first = brand.name.split(/\s+/)[0];
    if (first && first.length >= 3) terms.add(first);
    // Handles are "acmesupport" or "source:acmesupport"; "@acmesupport" in a post names the brand.
    for (const handle of brand.handles ?? []) terms.add(handle.slice(handle.indexOf(':') + 1).replace(/^@/, ''));
  }
  return [...terms];
}

/** A brand as a sentiment target: its names plus the terms its query matched in this post. */
export function brandTarget(
  brand: (Pick<Brand, 'id' | 'name'> & Partial<Pick<Brand, 'handles'>>) | undefined,
  id: string,
  matchedTerms: readonly string[] = [],
): SentimentTarget {
  return { id, terms: [...new Set([...brandTerms(brand, id), ...matchedTerms])] };
}

export function scoreMention(mention: EnrichedMention, brands: ReadonlyMap<string, Brand>): ScoredMention {
  const brand = brands.get(mention.brandId);
  const own = brandTarget(brand, mention.brandId, mention.matchedTerms);
  const rivals = (brand?.competitors ?? []).map((id) => brandTarget(brands.get(id), id));
  const [mine] = scoreTowardTargets(mention.title ? `${mention.title}. ${mention.text}` : mention.text, [own, ...rivals]);
  if (!mine) throw new Error(`no sentiment for ${mention.id}`);
  return { ...mention, sentiment: mine.sentiment };
}
