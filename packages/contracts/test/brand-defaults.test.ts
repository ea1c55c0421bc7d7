// DEFAULT_ALERT_THRESHOLDS is what the brands file fills in for an omitted threshold; the newest
// Brand schema's defaults are what a reader fills in for a record written before the field
// existed. Both must say the same, or a brand would alert differently depending on how it arrived.
import { describe, expect, it } from 'vitest';
import { brandContract, DEFAULT_ALERT_THRESHOLDS } from '../src/index.ts';

interface SchemaField {
  name: string;
  type: unknown;
  default?: unknown;
}

function alertThresholdFields(): SchemaField[] {
  const schema = brandContract.schema as { fields: SchemaField[] };
  const thresholds = schema.fields.find((field) => field.name === 'alertThresholds')?.type as { fields: SchemaField[] } | undefined;
  if (thresholds === undefined) throw new Error('Brand has no alertThresholds record');
  return thresholds.fields;
}

describe('DEFAULT_ALERT_THRESHOLDS', () => {
  it('equals the defaults written in the newest Brand schema, field for field', () => {
    const fromSchema = Object.fromEntries(alertThresholdFields().map((field) => [field.name, field.default]));
    expect({ ...DEFAULT_ALERT_THRESHOLDS }).toEqual(fromSchema);
  });

  it('has the v3 history rule and engagement floors', () => {
    expect(DEFAULT_ALERT_THRESHOLDS).toMatchObject({
      historyMinutes: 60,
      pageHistory: false,
      viralBaselineMultiple: 20,
      tractionBaselineMultiple: 10,
      viralEngagement: 50,
      tractionEngagement: 20,
    });
    expect(Object.isFrozen(DEFAULT_ALERT_THRESHOLDS)).toBe(true);
  });
});

describe('a Brand v2 record read as v3', () => {
  it('keeps the thresholds it was written with and takes the defaults for the new ones', () => {
    const [v2, v3] = [brandContract.versions[1], brandContract.versions[2]];
    if (v2 === undefined || v3 === undefined) throw new Error('expected Brand v2 and v3');
    const written = {
      id: 'acme',
      name: 'Acme',
      query: 'acme',
      competitors: [],
      spamThreshold: 0.7,
      alertThresholds: { ...DEFAULT_ALERT_THRESHOLDS, viralEngagement: 1000, tractionEngagement: 100 },
      handles: [],
      categoryTerms: [],
      influencers: [],
      webhooks: [],
      updatedAt: 1,
      deleted: false,
    };
    const bytes = v2.type.toBuffer(written);
    const read = v3.type.fromBuffer(bytes, v3.type.createResolver(v2.type)) as { alertThresholds: Record<string, unknown> };
    expect(read.alertThresholds).toEqual({
      volumeSpikeRatio: 3,
      negativeSurgeShare: 0.4,
      minMentionsPerWindow: 10,
      influentialFollowers: 100_000,
      viralEngagement: 1000,
      windowMinutes: 15,
      negativeSurgeRatio: 2,
      influenceScore: 50,
      tractionEngagement: 100,
      viralAcceleration: 1.5,
      questionReplyMinutes: 15,
      cooldownMinutes: 60,
      historyMinutes: 60,
      pageHistory: false,
      viralBaselineMultiple: 20,
      tractionBaselineMultiple: 10,
    });
  });
});

describe('a Brand v3 record read as v4', () => {
  it('has no time zone (UTC), and v4 keeps the one it was written with', () => {
    const [v3, v4] = [brandContract.versions[2], brandContract.versions[3]];
    if (v3 === undefined || v4 === undefined) throw new Error('expected Brand v3 and v4');
    const written = {
      id: 'acme',
      name: 'Acme',
      query: 'acme',
      competitors: [],
      spamThreshold: 0.7,
      alertThresholds: { ...DEFAULT_ALERT_THRESHOLDS },
      handles: [],
      categoryTerms: [],
      influencers: [],
      webhooks: [],
      updatedAt: 1,
      deleted: false,
    };
    const read = v4.type.fromBuffer(v3.type.toBuffer(written), v4.type.createResolver(v3.type)) as { timeZone: unknown };
    expect(read.timeZone).toBe(null);
    expect((v4.type.fromBuffer(v4.type.toBuffer({ ...written, timeZone: 'Asia/Kolkata' })) as { timeZone: unknown }).timeZone).toBe('Asia/Kolkata');
  });
});
