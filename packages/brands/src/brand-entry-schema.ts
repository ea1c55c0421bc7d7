// One brand as written in the brands file. Unknown keys are errors (a misspelt `spamTreshold`
// must not be silently ignored); omitted thresholds take the Brand schema's defaults.
import { z } from 'zod';

/** Lower-case slug: it becomes the suffix of the brand's alerts.<id> Kafka topic. */
export const BRAND_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Defaults from schemas/brand/Brand.v1.avsc. */
export const DEFAULT_ALERT_THRESHOLDS = Object.freeze({
  volumeSpikeRatio: 3,
  negativeSurgeShare: 0.4,
  minMentionsPerWindow: 10,
  influentialFollowers: 100_000,
  viralEngagement: 1000,
});

/** spamScore at or above this counts as spam when a brand does not say. */
export const DEFAULT_SPAM_THRESHOLD = 0.7;

const number = () => z.number({ error: 'must be a number' });
const text = () => z.string({ error: 'must be text' });

const fraction = number().min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });
const positiveCount = number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' });

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
      })
      .default({ ...DEFAULT_ALERT_THRESHOLDS }),
    /** Set to retire a brand: it is published with deleted: true so every stage drops it. */
    deleted: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'each brand must be a set of fields (id, name, query...)' },
);

export const brandsFileSchema = z.array(brandEntrySchema, { error: 'a brands file is a list of brands' });

export type BrandEntry = z.infer<typeof brandEntrySchema>;
