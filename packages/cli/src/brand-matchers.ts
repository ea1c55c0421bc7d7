// The brands of a brands file as matchers, for commands that read posts without Kafka: each
// brand's query compiled once, run on a post tokenized once. A post "names" a brand when the
// brand's query matches it, exactly as the enricher decides (the query language: @sl/matching).
import type { Brand } from '@sl/contracts';
import { compileQuery, type Matcher, parseQuery, tokenizeDocument } from '@sl/matching';

export interface BrandMatcher {
  brand: Brand;
  match: Matcher;
}

export interface BrandMatch {
  brand: Brand;
  /** The query's terms that matched, as written in the query. */
  terms: string[];
}

/** Brands in file order; a query error is reported by loadBrandsFile before this runs. */
export function compileBrandMatchers(brands: readonly Brand[]): BrandMatcher[] {
  return brands.filter((brand) => !brand.deleted).map((brand) => ({ brand, match: compileQuery(parseQuery(brand.query)) }));
}

export function matchBrands(matchers: readonly BrandMatcher[], text: string): BrandMatch[] {
  if (matchers.length === 0) return [];
  const doc = tokenizeDocument({ text });
  const out: BrandMatch[] = [];
  for (const { brand, match } of matchers) {
    const result = match(doc);
    if (result.matched) out.push({ brand, terms: result.terms });
  }
  return out;
}
