// Hand-written sample values, typed as the TypeScript interfaces. Typing them is half of the proof
// that interfaces and schemas agree (test/record-types.test.ts does the other half with avsc).
// `golden` values are what scripts/write-golden-fixtures.ts freezes into fixtures for the current
// version; `sparse` values take the other side of every union (nulls, empty arrays and maps).
import type {
  Alert,
  AmplificationSnapshot,
  AuthorInfluence,
  Brand,
  DeadLetter,
  EnrichedMention,
  InfluenceScore,
  RawMention,
  ScoredMention,
  VerdictCorrection,
} from '../src/index.ts';

const PUBLISHED_AT = Date.UTC(2024, 4, 1, 12, 30, 0); // 2024-05-01T12:30:00Z
const INGESTED_AT = PUBLISHED_AT + 4_250;

const rawMention: RawMention = {
  id: 'mastodon:112233445566778899',
  source: 'mastodon',
  sourceId: '112233445566778899',
  text: 'Switched to Acme coffee last month — honestly the best decision. ☕ Anyone tried their decaf?',
  title: null,
  url: 'https://mastodon.example/@bea/112233445566778899',
  lang: 'en',
  publishedAt: PUBLISHED_AT,
  ingestedAt: INGESTED_AT,
  author: { handle: '@bea@mastodon.example', name: 'Bea Ramos', followers: 48_210 },
  engagement: { likes: 311, shares: 42, replies: 17 },
  parentId: null,
};

const rawMentionSparse: RawMention = {
  id: 'rss:https://blog.example/p/42',
  source: 'rss',
  sourceId: 'https://blog.example/p/42',
  text: '',
  title: 'A title only',
  url: null,
  lang: null,
  publishedAt: 0,
  ingestedAt: 1,
  author: { handle: 'blog.example', name: null, followers: null },
  engagement: { likes: 0, shares: 0, replies: 0 },
  parentId: '41',
};

const enrichedMention: EnrichedMention = {
  ...rawMention,
  brandId: 'acme',
  matchedTerms: ['acme', 'acme coffee'],
  isDuplicate: false,
  duplicateOf: null,
  spamScore: 0.03,
  spamReasons: [],
  detectedLang: 'en',
  role: 'mention',
  threadId: 'rss:https://blog.example/p/40',
  similarTo: [],
  spamScoreBeforeCopies: 0.03,
  spamThreshold: 0.7,
};

const enrichedMentionSparse: EnrichedMention = {
  ...rawMentionSparse,
  brandId: 'acme',
  matchedTerms: [],
  isDuplicate: true,
  duplicateOf: 'rss:https://blog.example/p/41',
  spamScore: 0.91,
  spamReasons: ['repeated_text', 'link_farm'],
  detectedLang: null,
  role: 'thread_reply',
  threadId: 'rss:https://blog.example/p/41',
  similarTo: ['rss:https://blog.example/p/39', 'forum:77'],
  spamScoreBeforeCopies: null,
  spamThreshold: null,
};

const scoredMention: ScoredMention = {
  ...enrichedMention,
  sentiment: {
    compound: 0.7269,
    label: 'positive',
    drivers: [
      { term: 'best decision', weight: 0.61 },
      { term: 'honestly', weight: 0.12 },
    ],
  },
};

const scoredMentionSparse: ScoredMention = {
  ...enrichedMentionSparse,
  sentiment: { compound: 0, label: 'neutral', drivers: [] },
};

const alert: Alert = {
  id: 'acme:negative_surge:1714565400000',
  brandId: 'acme',
  kind: 'negative_surge',
  severity: 'warning',
  windowStart: Date.UTC(2024, 4, 1, 12, 10),
  windowEnd: Date.UTC(2024, 4, 1, 12, 15),
  observed: 0.62,
  expected: 0.4,
  mentionIds: ['mastodon:1', 'rss:https://blog.example/p/9'],
  sampleTexts: ['Acme decaf arrived stale again.', 'Third time my Acme order is late.'],
  explanation: '62% of 48 mentions in 12:10–12:15 UTC were negative; the threshold is 40%.',
  createdAt: Date.UTC(2024, 4, 1, 12, 15, 2),
  author: null,
  url: null,
  sentiment: -0.41,
  influence: null,
  historical: false,
};

// Raised from a backfill weeks after its window: historical.
const alertSparse: Alert = {
  ...alert,
  id: 'acme:viral_post:mastodon:1',
  kind: 'viral_post',
  severity: 'info',
  mentionIds: [],
  sampleTexts: [],
  explanation: '',
  sentiment: null,
  createdAt: Date.UTC(2024, 4, 29, 8, 0),
  historical: true,
};

const influence: InfluenceScore = {
  score: 71.5,
  reach: 0.83,
  engagement: 0.62,
  conversation: 0.5,
  consistency: 0.71,
  relevance: 0.8,
  listed: 'boost',
};

const alertAboutAuthor: Alert = {
  ...alert,
  id: 'acme:influential_voice:mastodon:barista_bea:2024-05-01',
  kind: 'influential_voice',
  severity: 'warning',
  author: 'mastodon:barista_bea',
  url: 'https://mastodon.example/@barista_bea/1',
  sentiment: 0.64,
  influence,
};

const authorInfluence: AuthorInfluence = {
  brandId: 'acme',
  source: 'mastodon',
  handle: 'barista_bea',
  influence,
  followers: 182_000,
  mentions: 14,
  replies: 6,
  activeDays: 9,
  lastSeen: Date.UTC(2024, 4, 1, 12, 14),
};

const authorInfluenceSparse: AuthorInfluence = { ...authorInfluence, influence: { ...influence, listed: null }, followers: null };

const snapshot: AmplificationSnapshot = {
  inputTopic: 'mentions.scored',
  partition: 2,
  nextOffset: '9007199254740993',
  stateFormat: 1,
  state: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
  writtenAt: Date.UTC(2024, 4, 1, 12, 15, 3),
  chunk: { set: '5f0c2a9e41d7b3c8', index: 3 },
};

const snapshotSparse: AmplificationSnapshot = { ...snapshot, state: Buffer.alloc(0), chunk: null };

const brand: Brand = {
  id: 'acme',
  name: 'Acme Coffee',
  query: '(acme OR "acme coffee") AND NOT (job OR hiring)',
  competitors: ['globex', 'initech'],
  spamThreshold: 0.8,
  alertThresholds: {
    volumeSpikeRatio: 3,
    negativeSurgeShare: 0.4,
    minMentionsPerWindow: 10,
    influentialFollowers: 100_000,
    viralEngagement: 50,
    windowMinutes: 15,
    negativeSurgeRatio: 2,
    influenceScore: 50,
    tractionEngagement: 20,
    viralAcceleration: 1.5,
    questionReplyMinutes: 15,
    cooldownMinutes: 60,
    historyMinutes: 60,
    pageHistory: false,
    viralBaselineMultiple: 20,
    tractionBaselineMultiple: 10,
  },
  handles: ['acmecoffee', 'mastodon:acme_help'],
  categoryTerms: ['coffee', 'espresso', 'roast'],
  influencers: [
    { handle: 'barista_bea', source: 'mastodon', mode: 'boost', score: 20 },
    { handle: 'chef_ray', source: null, mode: 'pin', score: 90 },
  ],
  webhooks: [
    {
      id: 'support-slack',
      url: 'https://hooks.slack.example/services/T0/B0/x',
      secretEnv: 'ACME_SLACK_SECRET',
      format: 'slack',
      kinds: ['negative_surge', 'unanswered_question'],
      minSeverity: 'warning',
    },
  ],
  timeZone: 'Europe/Paris',
  updatedAt: Date.UTC(2024, 3, 30, 9, 0),
  deleted: false,
};

const brandSparse: Brand = {
  ...brand,
  alertThresholds: { ...brand.alertThresholds, historyMinutes: 1_440, pageHistory: true, viralBaselineMultiple: 2.5, tractionBaselineMultiple: 1.5 },
  competitors: [],
  handles: [],
  categoryTerms: [],
  influencers: [],
  webhooks: [],
  timeZone: null,
  deleted: true,
};

const deadLetter: DeadLetter = {
  originalTopic: 'mentions.raw',
  partition: 3,
  // Above 2^53 on purpose: the reason offset is a string.
  offset: '9007199254740993',
  key: Buffer.from('mastodon:112233445566778899', 'utf8'),
  value: Buffer.from([0xc3, 0x01, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x00, 0x00, 0x02]),
  headers: { 'content-type': 'avro/binary', 'x-sl-source': 'mastodon' },
  error: 'RawMention: writer schema fingerprint 00000000efbeadde is not a known version',
  errorCode: 'UNKNOWN_SCHEMA_FINGERPRINT',
  stage: 'enricher',
  failedAt: Date.UTC(2024, 4, 1, 12, 31),
};

const deadLetterSparse: DeadLetter = { ...deadLetter, key: null, value: Buffer.alloc(0), headers: {} };

const verdictCorrection: VerdictCorrection = {
  id: 'event_time:acme:mastodon:112233445566778899',
  by: 'event_time',
  mentionId: 'mastodon:112233445566778899',
  brandId: 'acme',
  source: 'mastodon',
  lang: 'en',
  publishedAt: PUBLISHED_AT,
  ingestedAt: INGESTED_AT,
  authorHandle: '@bea@mastodon.example',
  followers: 48_210,
  likes: 311,
  shares: 42,
  replies: 17,
  compound: 0.6369,
  fromKind: 'duplicate',
  toKind: 'counted',
  fromSentiment: 'positive',
  toSentiment: 'positive',
  reason: 'the earliest published of its copies (the enricher read a later copy first)',
  correctedAt: PUBLISHED_AT,
};

const verdictCorrectionSparse: VerdictCorrection = { ...verdictCorrection, by: 'team', followers: null, toSentiment: 'negative', reason: '' };

/** Keyed by record name, like the fixtures and schemas. */
export const goldenValues = {
  RawMention: rawMention,
  EnrichedMention: enrichedMention,
  ScoredMention: scoredMention,
  Alert: alert,
  Brand: brand,
  DeadLetter: deadLetter,
  AuthorInfluence: authorInfluence,
  AmplificationSnapshot: snapshot,
  VerdictCorrection: verdictCorrection,
} as const;

export const sparseValues = {
  RawMention: rawMentionSparse,
  EnrichedMention: enrichedMentionSparse,
  ScoredMention: scoredMentionSparse,
  Alert: alertSparse,
  Brand: brandSparse,
  DeadLetter: deadLetterSparse,
  AuthorInfluence: authorInfluenceSparse,
  AmplificationSnapshot: snapshotSparse,
  VerdictCorrection: verdictCorrectionSparse,
} as const;

/** Extra values per record that must round-trip (fields the main value leaves null). */
export const extraValues = { Alert: [alertAboutAuthor] } as const;
