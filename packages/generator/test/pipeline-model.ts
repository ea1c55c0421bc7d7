// The pipeline's per-mention logic without the broker, for tests: gateway validation, the
// enricher, the sentiment worker's scoring and the amplification engine, in one process and in
// the order the demo's backfill guarantees (every brand's mentions in the order they were sent).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAmplificationEngine } from '@sl/amplification';
import { loadBrandsFile } from '@sl/brands';
import { type Alert, type Brand, parseMentionInput, type ScoredMention, toRawMention } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import { scoreMention } from '@sl/sentiment';
import type { MentionJson } from '../src/index.ts';

export const brandsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/brands.yaml');

export async function exampleBrands(): Promise<Brand[]> {
  return loadBrandsFile(brandsFile, { updatedAt: 0 });
}

export interface PipelineModel {
  /**
   * Sends one request's mentions in as the gateway would at `ingestedAt` and returns the alerts
   * they raise. `order: 'reversed'` reads them newest first: worse than the real pipeline, where
   * the enricher reads a request's partitions one after another, each in order.
   */
  ingest(mentions: readonly MentionJson[], ingestedAt: number, order?: 'sent' | 'reversed'): Alert[];
  /** Every scored mention so far (for share checks). */
  readonly scored: ScoredMention[];
}

export function pipelineModel(brands: readonly Brand[]): PipelineModel {
  const byId = new Map(brands.map((b) => [b.id, b]));
  const enricher = createEnricher({ brands });
  const engine = createAmplificationEngine();
  const scored: ScoredMention[] = [];
  return {
    scored,
    ingest(mentions, ingestedAt, order = 'sent') {
      const alerts: Alert[] = [];
      for (const m of order === 'reversed' ? [...mentions].reverse() : mentions) {
        const parsed = parseMentionInput(m);
        if (!parsed.ok) throw new Error(`the gateway would reject ${JSON.stringify(m)}: ${JSON.stringify(parsed.issues)}`);
        for (const enriched of enricher.enrich(toRawMention(parsed.value, ingestedAt))) {
          const s = scoreMention(enriched, byId);
          scored.push(s);
          alerts.push(...engine.process(s, byId.get(s.brandId), 0).alerts);
        }
      }
      // The pipeline has read everything ingested so far: the watermark tick that says so.
      alerts.push(...engine.advance(ingestedAt, (id) => byId.get(id), ingestedAt).alerts);
      return alerts;
    },
  };
}
