// One brand as written in the brands file. Unknown keys are errors (a misspelt `spamTreshold`
// must not be silently ignored); omitted thresholds take the Brand schema's defaults.
import { ALERT_KINDS, type AlertKind, DEFAULT_ALERT_THRESHOLDS } from '@sl/contracts';
import { z } from 'zod';
import { canonicalTimeZone } from './time-zone.ts';

/** Lower-case slug: it becomes the suffix of the brand's alerts.<id> Kafka topic. */
export const BRAND_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export { DEFAULT_ALERT_THRESHOLDS };

/** spamScore at or above this counts as spam when a brand does not say. */
export const DEFAULT_SPAM_THRESHOLD = 0.7;

const number = () => z.number({ error: 'must be a number' });
const text = () => z.string({ error: 'must be text' });

const fraction = number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });
const positiveCount = number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' });
const minutes = number().int({ error: 'must be a whole number of minutes' }).min(1, { error: 'must be at least 1' }).max(10_080, { error: 'must be at most 10080 (a week)' });
const ratio = number().gt(1, { error: 'must be more than 1' });
/** Times the brand's typical post engagement; 0 leaves only the absolute floor. */
const baselineMultiple = number().min(0, { error: 'must be 0 or more (times the brand\'s typical post engagement)' });
const handle = text()
  .trim()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(/^([a-z0-9_.-]+:)?[a-z0-9_.@-]{1,100}$/, { error: 'must be a handle (letters, digits, _ . -), optionally source:handle' }));
const severity = z.enum(['info', 'warning', 'critical'], { error: 'must be info, warning or critical' });
const alertKind = z.enum(ALERT_KINDS as [AlertKind, ...AlertKind[]], { error: `must be one of ${ALERT_KINDS.join(', ')}` });

/** http only to loopback (tests, local relays); anything leaving the machine must be https. */
const webhookUrl = text().refine(
  (value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password) return false;
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
    } catch {
      return false;
    }
  },
  { error: 'must be an https URL without credentials (http only to 127.0.0.1 or localhost)' },
);

const influencerSchema = z.strictObject({
  handle,
  source: text().trim().min(1).nullable().default(null),
  mode: z.enum(['boost', 'pin'], { error: 'must be boost or pin' }).default('boost'),
  score: number().min(0, { error: 'must be between 0 and 100' }).max(100, { error: 'must be between 0 and 100' }).default(25),
});

const webhookSchema = z.strictObject({
  id: text().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { error: 'must be a lower-case slug' }),
  url: webhookUrl,
  secretEnv: text().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, { error: 'must name an environment variable (A-Z, 0-9, _), never the secret itself' }),
  format: z.enum(['json', 'slack'], { error: 'must be json or slack' }).default('json'),
  kinds: z.array(alertKind, { error: 'must be a list of alert kinds' }).default([]),
  minSeverity: severity.default('info'),
});

export const brandEntrySchema = z.strictObject(
  {
    id: text().regex(BRAND_ID, { error: 'must be a lower-case slug (letters, digits, - and _, starting with a letter or digit)' }),
    name: text().trim().min(1, { error: 'must not be empty' }),
    query: text().trim().min(1, { error: 'must not be empty' }),
    competitors: z.array(text(), { error: 'must be a list of brand ids' }).default([]),
    spamThreshold: fraction.default(DEFAULT_SPAM_THRESHOLD),
    alertThresholds: z
      .strictObject({
        volumeSpikeRatio: number().gt(1, { error: 'must be more than 1' }).default(DEFAULT_ALERT_THRESHOLDS.volumeSpikeRatio),
        negativeSurgeShare: fraction.default(DEFAULT_ALERT_THRESHOLDS.negativeSurgeShare),
        minMentionsPerWindow: positiveCount.default(DEFAULT_ALERT_THRESHOLDS.minMentionsPerWindow),
        influentialFollowers: positiveCount.default(DEFAULT_ALERT_THRESHOLDS.influentialFollowers),
        viralEngagement: positiveCount.default(DEFAULT_ALERT_THRESHOLDS.viralEngagement),
        windowMinutes: minutes.default(DEFAULT_ALERT_THRESHOLDS.windowMinutes),
        negativeSurgeRatio: ratio.default(DEFAULT_ALERT_THRESHOLDS.negativeSurgeRatio),
        influenceScore: number().min(0, { error: 'must be between 0 and 100' }).max(100, { error: 'must be between 0 and 100' }).default(DEFAULT_ALERT_THRESHOLDS.influenceScore),
        tractionEngagement: positiveCount.default(DEFAULT_ALERT_THRESHOLDS.tractionEngagement),
        viralAcceleration: ratio.default(DEFAULT_ALERT_THRESHOLDS.viralAcceleration),
        questionReplyMinutes: minutes.default(DEFAULT_ALERT_THRESHOLDS.questionReplyMinutes),
        cooldownMinutes: minutes.default(DEFAULT_ALERT_THRESHOLDS.cooldownMinutes),
        historyMinutes: minutes.default(DEFAULT_ALERT_THRESHOLDS.historyMinutes),
        pageHistory: z.boolean({ error: 'must be true or false' }).default(DEFAULT_ALERT_THRESHOLDS.pageHistory),
        viralBaselineMultiple: baselineMultiple.default(DEFAULT_ALERT_THRESHOLDS.viralBaselineMultiple),
        tractionBaselineMultiple: baselineMultiple.default(DEFAULT_ALERT_THRESHOLDS.tractionBaselineMultiple),
      })
      .default({ ...DEFAULT_ALERT_THRESHOLDS }),
    handles: z.array(handle, { error: 'must be a list of the brand\'s own account handles' }).default([]),
    categoryTerms: z.array(text().trim().toLowerCase().min(1, { error: 'must not be empty' }), { error: 'must be a list of words' }).default([]),
    influencers: z.array(influencerSchema, { error: 'must be a list of { handle, source, mode, score }' }).default([]),
    webhooks: z.array(webhookSchema, { error: 'must be a list of { id, url, secretEnv, format, kinds, minSeverity }' }).default([]),
    /** The brand team's IANA time zone, for the dashboard's days and axis labels; omitted: UTC. */
    timeZone: text()
      .transform((value, ctx) => {
        const zone = canonicalTimeZone(value);
        if (zone === undefined) {
          ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Paris or America/New_York' });
          return z.NEVER;
        }
        return zone;
      })
      .nullable()
      .default(null),
    /** Set to retire a brand: it is published with deleted: true so every stage drops it. */
    deleted: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'each brand must be a set of fields (id, name, query...)' },
);

export const brandsFileSchema = z.array(brandEntrySchema, { error: 'a brands file is a list of brands' });

export type BrandEntry = z.infer<typeof brandEntrySchema>;
