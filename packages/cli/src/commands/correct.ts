// sl correct: a person on the brand's team corrects how one mention counts — its sentiment, or
// whether it is spam, a copy or a counted mention. The correction goes to mentions.corrections;
// the aggregation worker turns it into correction rows of the rollups (verdict 'team') and keeps
// it in the correction archive beside the verdict it replaces.
import { mentionsCorrectionsTopic, createIdempotentProducer, ensureTopics, renamed } from '@sl/kafka';
import { type MentionKind, SENTIMENT_LABELS, type SentimentLabel } from '@sl/contracts';
import { correctionMessage, prepareTeamCorrection, TEAM_KINDS } from '@sl/rollups';
import { CliError, usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';
import { resolveQueryRoot } from '../query/query-root.ts';
import { runQuery } from '../query/run-query.ts';

const usage = 'sl correct --brand ID --mention ID (--sentiment LABEL | --kind KIND) --reason TEXT [--data DIR] [--dry-run] [--json]';

export const correct: Command = {
  name: 'correct',
  summary: "correct a mention's sentiment or verdict for a brand; the rollups follow (verdict 'team')",
  usage,
  example: `sl correct --brand acme --mention mastodon:1122 --sentiment negative --reason "sarcasm"`,
  kafka: true,
  flagHelp: [
    ['--brand ID', 'the brand the correction is for (its other brands are untouched)'],
    ['--mention ID', 'the mention id as the archive has it (conversations.id)'],
    ['--sentiment LABEL', `set its sentiment toward the brand: ${SENTIMENT_LABELS.join(', ')}`],
    ['--kind KIND', `set how it counts: ${TEAM_KINDS.join(', ')}`],
    ['--reason TEXT', 'why, kept in the correction archive beside the original verdict'],
    ['--data DIR', 'read the archive from this folder (default as sl query)'],
    ['--dry-run', 'print the correction, send nothing'],
  ],
  notes: [
    'The current verdict is read from the archive (the scored record, with the latest correction on top), so',
    'correct a mention once the pipeline has archived it; a correction moves one mention between rollup',
    "columns and never changes the scored record: sl query \"SELECT * FROM corrections WHERE \\\"by\\\" = 'team'\" lists them.",
  ],
  options: {
    brand: { type: 'string' },
    mention: { type: 'string' },
    sentiment: { type: 'string' },
    kind: { type: 'string' },
    reason: { type: 'string' },
    data: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, args) {
    rejectExtraArguments(args, 0, usage);
    const brandId = args.values.brand;
    const mentionId = args.values.mention;
    const reason = args.values.reason;
    if (typeof brandId !== 'string' || typeof mentionId !== 'string') throw usageError(`correct needs --brand and --mention: ${usage}`);
    if (typeof reason !== 'string' || reason.trim() === '') throw usageError('correct needs --reason: the archive keeps why a verdict was changed');
    const sentiment = args.values.sentiment;
    const kind = args.values.kind;
    if (sentiment === undefined && kind === undefined) throw usageError(`correct needs --sentiment or --kind: ${usage}`);
    if (sentiment !== undefined && !SENTIMENT_LABELS.includes(sentiment as SentimentLabel)) throw usageError(`--sentiment must be ${SENTIMENT_LABELS.join(', ')}, got "${String(sentiment)}"`);
    if (kind !== undefined && !TEAM_KINDS.includes(kind as MentionKind)) throw usageError(`--kind must be ${TEAM_KINDS.join(', ')}, got "${String(kind)}"`);

    const { root, copiedFrom } = await resolveQueryRoot(ctx, args.values.data, 'correct');
    // The same preparation as the dashboard's correction form (@sl/rollups' prepareTeamCorrection).
    const outcome = await prepareTeamCorrection({
      brandId,
      mentionId,
      change: {
        ...(kind === undefined ? {} : { kind: kind as MentionKind }),
        ...(sentiment === undefined ? {} : { sentiment: sentiment as SentimentLabel }),
        reason,
        at: Date.now(),
      },
      readRows: async (sql) =>
        (
          await runQuery(root, sql).catch((error: unknown) => {
            throw new CliError((error as Error).message);
          })
        ).rows,
      readFrom: copiedFrom ?? root,
    });
    if ('refused' in outcome) throw new CliError(outcome.message);
    const { correction } = outcome;
    if (!args.values['dry-run']) {
      const kafka = ctx.kafka();
      const topic = renamed(mentionsCorrectionsTopic, `${ctx.namespace}${mentionsCorrectionsTopic.name}`);
      await ensureTopics(kafka, [topic]);
      const producer = await createIdempotentProducer(kafka);
      try {
        await producer.send(topic, [correctionMessage(correction)]);
      } finally {
        await producer.disconnect();
      }
    }
    if (ctx.json) ctx.out(JSON.stringify({ ...correction, sent: !args.values['dry-run'] }));
    else
      ctx.out(
        `${args.values['dry-run'] ? 'would correct' : 'corrected'} ${correction.mentionId} for ${correction.brandId}: ${correction.fromKind}, ${correction.fromSentiment} -> ${correction.toKind}, ${correction.toSentiment} (${correction.id})`,
      );
  },
};
