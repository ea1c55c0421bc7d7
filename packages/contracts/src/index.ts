// @sl/contracts: the records services exchange over Kafka (Avro schemas in /schemas, single-object
// encoding), the zod guard for mention JSON entering from outside, and the compatibility check.
export { type Contract, type VersionedContract, contractFromVersions, defineContract } from './contract.ts';
export { ContractError, type ContractErrorCode, isContractError } from './contract-error.ts';
export { CRC64_AVRO_EMPTY, crc64Avro } from './crc64-avro.ts';
export { formatFingerprint, parsingCanonicalForm, schemaFingerprint } from './schema-fingerprint.ts';
export { loadSchemaVersions, SCHEMAS_DIRECTORY, type SchemaVersion, schemaVersion } from './schema-files.ts';
export { SINGLE_OBJECT_HEADER_LENGTH, SINGLE_OBJECT_MAGIC } from './single-object-encoding.ts';
export { type CompatibilityProblem, checkReaderCanRead, checkVersionHistory, expectedAfterResolution } from './compatibility.ts';
export { checkFingerprintLock, FINGERPRINT_LOCK_FILE, type FingerprintLock, readFingerprintLock } from './fingerprint-lock.ts';

export { normaliseUrl, parentCandidates, parentKeys, postKeys, postUrl } from './parent-link.ts';
export { COPY_PASTE_MAX_WEIGHT, COPY_PASTE_MIN_AUTHORS, copyPasteWeight } from './copy-paste.ts';
export { type Author, type Engagement, RAW_MENTION_TOPIC, type RawMention, rawMentionContract } from './raw-mention.ts';
export { CONVERSATION_ROLES, type ConversationRole, ENRICHED_MENTION_TOPIC, type EnrichedMention, enrichedMentionContract, spamThresholdOf } from './enriched-mention.ts';
export {
  SCORED_MENTION_TOPIC,
  SENTIMENT_LABELS,
  type ScoredMention,
  type Sentiment,
  type SentimentDriver,
  type SentimentLabel,
  scoredMentionContract,
} from './scored-mention.ts';
export {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  type Alert,
  type AlertKind,
  type AlertSeverity,
  alertContract,
  alertTopic,
  type InfluenceScore,
} from './alert.ts';
export {
  type AlertThresholds,
  BRAND_TOPIC,
  type Brand,
  brandContract,
  DEFAULT_ALERT_THRESHOLDS,
  type ListedInfluencer,
  type WebhookSubscription,
} from './brand.ts';
export { AUTHOR_INFLUENCE_TOPIC, type AuthorInfluence, authorInfluenceContract, authorInfluenceKey } from './author-influence.ts';
export { type AmplificationSnapshot, amplificationSnapshotContract, type SnapshotChunk } from './amplification-snapshot.ts';
export { type DeadLetter, deadLetterContract, deadLetterTopic } from './dead-letter.ts';
export { allContracts } from './all-contracts.ts';
export {
  MAX_MENTION_ID_LENGTH,
  MAX_MENTION_TEXT_LENGTH,
  type MentionInput,
  type MentionInputIssue,
  type MentionInputResult,
  type ParseMentionInputOptions,
  parseMentionInput,
  toRawMention,
} from './mention-input.ts';
export {
  type CorrectionBy,
  kindCorrection,
  type MentionKind,
  mentionKind,
  rollupLang,
  VERDICT_CORRECTIONS_TOPIC,
  type VerdictCorrection,
  verdictCorrectionContract,
  verdictCorrectionId,
} from './verdict-correction.ts';
