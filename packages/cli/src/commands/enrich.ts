// sl enrich --brands FILE: mention JSON lines (the gateway's format) on stdin -> one verdict line per
// input line on stdout, in input order: the brands matched, the spam score and reasons, duplicates
// and language, as the pipeline's enricher gives them. A platform engineer tests brand queries and
// spam rules with it without Kafka. The verdicts come from createEnricher itself, fed the lines in
// order, so a copy is a duplicate of an earlier line exactly as in the pipeline.
import { createInterface } from 'node:readline';
import { DEFAULT_SPAM_THRESHOLD, loadBrandsFile } from '@sl/brands';
import { type Brand, parseMentionInput, toRawMention } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import { CliError, usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';
import { createLineWriter } from '../line-writer.ts';

export interface EnrichVerdictLine {
  /** The mention's pipeline id, `source:id` (what `duplicateOf` refers to). */
  id: string;
  /** Ids of the brands matched, sorted. */
  brands: string[];
  spamScore: number;
  /** The score reaches the threshold of a brand it belongs to (the lowest of them), or the default when none. */
  isSpam: boolean;
  spamReasons: string[];
  /** A duplicate for at least one matched brand; never for a mention no brand matched. */
  isDuplicate: boolean;
  /** The original's id, for the first matched brand (in id order) that sees a duplicate. */
  duplicateOf: string | null;
  detectedLang: string | null;
  /**
   * Per brand whose conversation the mention is in: its role there ('mention', or 'thread_reply'
   * when it answers a post of the brand's conversation without naming the brand) and the thread's id.
   */
  threads: Record<string, { role: string; threadId: string | null }>;
  /**
   * Replies on earlier lines that joined a thread of this mention's brands now that their parent
   * has come (read before their parent, they waited, as in the pipeline).
   */
  joined: Array<{ id: string; brand: string; threadId: string | null }>;
}

export interface EnrichLineResult {
  /** The JSON line to print. */
  output: string;
  ok: boolean;
}

/**
 * One input line to one output line, in call order (the enricher's state carries over between
 * lines: call it in input order). A bad line gets `{line, error}` and changes no state.
 */
export function createEnrichLines(brands: readonly Brand[]): (line: string, lineNumber: number) => EnrichLineResult {
  const enricher = createEnricher({ brands });
  const thresholds = new Map(brands.map((brand) => [brand.id, brand.spamThreshold]));
  const failure = (lineNumber: number, error: string, id?: string): EnrichLineResult => ({
    output: JSON.stringify({ line: lineNumber, ...(id === undefined ? {} : { id }), error: `line ${lineNumber}: ${error}` }),
    ok: false,
  });
  return (line, lineNumber) => {
    if (line.trim() === '') return failure(lineNumber, 'empty line, expected a mention as JSON');
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (error) {
      return failure(lineNumber, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = parseMentionInput(input);
    if (!parsed.ok) {
      const { source, id } = (typeof input === 'object' && input !== null ? input : {}) as { source?: unknown; id?: unknown };
      const problems = parsed.issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path} ${issue.message}`));
      return failure(lineNumber, problems.join('; '), typeof source === 'string' && typeof id === 'string' ? `${source}:${id}` : undefined);
    }
    // ingestedAt is the publication time: no verdict reads it, and the output stays the same on every run.
    const raw = toRawMention(parsed.value, Date.parse(parsed.value.publishedAt));
    const assessed = enricher.assess(raw);
    const { spam, detectedLang } = assessed;
    const own = assessed.mentions.filter((m) => m.id === raw.id);
    const mentions = own.filter((m) => m.role === 'mention');
    const lowest = own.reduce((min, m) => Math.min(min, thresholds.get(m.brandId) ?? DEFAULT_SPAM_THRESHOLD), Number.POSITIVE_INFINITY);
    const duplicate = mentions.find((m) => m.isDuplicate);
    const verdict: EnrichVerdictLine = {
      id: raw.id,
      brands: mentions.map((m) => m.brandId),
      spamScore: spam.score,
      isSpam: spam.score >= (own.length === 0 ? DEFAULT_SPAM_THRESHOLD : lowest),
      spamReasons: spam.reasons,
      isDuplicate: duplicate !== undefined,
      duplicateOf: duplicate?.duplicateOf ?? null,
      detectedLang,
      threads: Object.fromEntries(own.map((m) => [m.brandId, { role: m.role, threadId: m.threadId }])),
      joined: assessed.mentions.filter((m) => m.id !== raw.id).map((m) => ({ id: m.id, brand: m.brandId, threadId: m.threadId })),
    };
    return { output: JSON.stringify(verdict), ok: true };
  };
}

const usage = 'sl enrich --brands FILE [--json] < mentions.jsonl > verdicts.jsonl';

export const enrich: Command = {
  name: 'enrich',
  summary: "enrich mention JSON lines from stdin with a brands file, as the pipeline's enricher does, without Kafka",
  usage,
  example: 'sl enrich --brands examples/brands.yaml < mentions.jsonl',
  options: { brands: { type: 'string' } },
  flagHelp: [
    ['--brands FILE', 'the brands file, YAML or JSON (see examples/brands.yaml), as for sl brands apply'],
    ['stdin', "mentions as JSON lines, the gateway's format ({source, id, text, publishedAt, author: {handle}, ...})"],
  ],
  notes: [
    'One JSON line out per line in, in order: id, brands, spamScore, isSpam, spamReasons, isDuplicate,',
    'duplicateOf, detectedLang, threads (per brand: role and threadId) and joined (earlier replies that',
    'joined a thread when this line came). A bad line gives {"line", "error"}; the command then exits 1.',
  ],
  async run(ctx, args) {
    const file = args.values.brands;
    if (typeof file !== 'string') throw usageError(`enrich needs the brands file: ${usage}`);
    rejectExtraArguments(args, 0, usage);
    const enrichLine = createEnrichLines(await loadBrandsFile(file));
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    const out = createLineWriter();
    let lineNumber = 0;
    let bad = 0;
    for await (const line of lines) {
      lineNumber += 1;
      const result = enrichLine(line, lineNumber);
      if (!result.ok) bad += 1;
      await out.write(result.output);
    }
    await out.flush();
    ctx.logger.child({ component: 'enrich' }).info({ lines: lineNumber, bad }, 'enriched');
    if (bad > 0) throw new CliError(`${bad} of ${lineNumber} lines were not valid mentions (their output lines carry the error)`);
  },
};
