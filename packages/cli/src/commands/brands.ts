// sl brands apply FILE | sl brands list: the brands file is the source of truth; applying it
// publishes each brand to the compacted brands.config topic, where every stage picks it up live.
import { loadBrandsFile } from '@sl/brands';
import { type Brand, brandContract } from '@sl/contracts';
import { alertsTopic, brandsConfigTopic, createIdempotentProducer, ensureTopics, readLatestByKey, renamed } from '@sl/kafka';
import { table } from '../cli-context.ts';
import { usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';

export type BrandChange = 'created' | 'updated' | 'unchanged' | 'retired';

/** What applying `wanted` over `current` does to each brand; brands absent from the file are retired. */
export function planBrandChanges(current: ReadonlyMap<string, Brand>, wanted: readonly Brand[]): Array<{ id: string; change: BrandChange }> {
  const plan: Array<{ id: string; change: BrandChange }> = [];
  // Compared as their Avro bytes, so field order and record classes do not matter.
  const same = (a: Brand, b: Brand) => brandContract.encode({ ...a, updatedAt: 0 }).equals(brandContract.encode({ ...b, updatedAt: 0 }));
  for (const brand of wanted) {
    const existing = current.get(brand.id);
    plan.push({ id: brand.id, change: !existing || existing.deleted ? 'created' : same(existing, brand) ? 'unchanged' : 'updated' });
  }
  const ids = new Set(wanted.map((b) => b.id));
  for (const [id, brand] of current) if (!ids.has(id) && !brand.deleted) plan.push({ id, change: 'retired' });
  return plan;
}

const applyUsage = 'sl brands apply FILE [--dry-run] [--json]';
const listUsage = 'sl brands list [--all] [--json]';

export const brandsApply: Command = {
  name: 'brands apply',
  summary: 'publish the brands file to brands.config; every stage picks the change up live',
  usage: applyUsage,
  example: 'sl brands apply examples/brands.yaml',
  kafka: true,
  flagHelp: [
    ['FILE', 'the brands file, YAML or JSON (see examples/brands.yaml); brands absent from it are retired'],
    ['--dry-run', 'say what would change, publish nothing'],
  ],
  options: { 'dry-run': { type: 'boolean' } },
  async run(ctx, args) {
    const file = args.positionals[0];
    if (!file) throw usageError('brands apply needs the brands file: sl brands apply FILE');
    rejectExtraArguments(args, 1, applyUsage);
    const wanted = (await loadBrandsFile(file)).map((b) => ({ ...b, updatedAt: Date.now() }));
    const kafka = ctx.kafka();
    const topic = renamed(brandsConfigTopic, `${ctx.namespace}${brandsConfigTopic.name}`);
    await ensureTopics(kafka, [topic]);
    const { values: current } = await readLatestByKey(kafka, topic);
    const plan = planBrandChanges(current, wanted);
    if (!args.values['dry-run']) {
      // Each brand's alert topic exists from the moment the brand does, so access can be granted per brand.
      await ensureTopics(
        kafka,
        wanted.map((b) => renamed(alertsTopic(b.id), `${ctx.namespace}${alertsTopic(b.id).name}`)),
        { withDeadLetters: false },
      );
      const producer = await createIdempotentProducer(kafka);
      try {
        const byId = new Map(wanted.map((b) => [b.id, b]));
        const records = plan
          .filter((p) => p.change !== 'unchanged')
          .map((p) => {
            const brand = byId.get(p.id) ?? { ...(current.get(p.id) as Brand), deleted: true, updatedAt: Date.now() };
            return { key: p.id, value: brand };
          });
        await producer.send(topic, records);
      } finally {
        await producer.disconnect();
      }
    }
    if (ctx.json) for (const p of plan) ctx.out(JSON.stringify({ ...p, dryRun: Boolean(args.values['dry-run']) }));
    else {
      ctx.out(table(plan.map((p) => ({ brand: p.id, change: p.change }))));
      const counts = new Map<string, number>();
      for (const p of plan) counts.set(p.change, (counts.get(p.change) ?? 0) + 1);
      ctx.out(`${args.values['dry-run'] ? 'would apply' : 'applied'}: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')} (topic ${topic.name})`);
    }
  },
};

export const brandsList: Command = {
  name: 'brands list',
  summary: 'the brands every stage sees now (brands.config)',
  usage: listUsage,
  example: 'sl brands list',
  kafka: true,
  flagHelp: [['--all', 'include retired brands']],
  options: { all: { type: 'boolean' } },
  async run(ctx, args) {
    rejectExtraArguments(args, 0, listUsage);
    const topic = renamed(brandsConfigTopic, `${ctx.namespace}${brandsConfigTopic.name}`);
    const { values } = await readLatestByKey(ctx.kafka(), topic);
    const brands = [...values.values()].filter((b) => args.values.all || !b.deleted).sort((a, b) => a.id.localeCompare(b.id));
    if (ctx.json) for (const b of brands) ctx.out(JSON.stringify(b));
    else
      ctx.out(
        table(
          brands.map((b) => ({
            id: b.id,
            name: b.name,
            competitors: b.competitors.join(','),
            spam: b.spamThreshold,
            ...(args.values.all ? { deleted: String(b.deleted) } : {}),
            query: b.query.length > 60 ? `${b.query.slice(0, 57)}...` : b.query,
          })),
        ),
      );
  },
};
