// The sentiment worker's one step: an EnrichedMention becomes a ScoredMention carrying the
// sentiment of the part of the text about ITS brand. The other brands the post may name (the
// brand's competitors) are passed as targets too, so "switched from Globex to Acme" splits.
import type { Brand, EnrichedMention, ScoredMention } from '@sl/contracts';
import { scoreTowardTargets } from './score-toward-targets.ts';

export function brandTerms(brand: Pick<Brand, 'id' | 'name'> | undefined, id: string): string[] {
  const terms = new Set<string>([id]);
  if (brand) {
    terms.add(brand.name);
    // "Acme Corporation" is usually written "Acme": the first word names it too.
    const first = brand.name.split(/\s+/)[0];
    if (first && first.length >= 3) terms.add(first);
  }
  return [...terms];
}

export function scoreMention(mention: EnrichedMention, brands: ReadonlyMap<string, Brand>): ScoredMention {
  const brand = brands.get(mention.brandId);
  const own = { id: mention.brandId, terms: [...brandTerms(brand, mention.brandId), ...mention.matchedTerms] };
  const rivals = (brand?.competitors ?? []).map((id) => ({ id, terms: brandTerms(brands.get(id), id) }));
  const [mine] = scoreTowardTargets(mention.title ? `${mention.title}. ${mention.text}` : mention.text, [own, ...rivals]);
  if (!mine) throw new Error(`no sentiment for ${mention.id}`);
  return { ...mention, sentiment: mine.sentiment };
}
