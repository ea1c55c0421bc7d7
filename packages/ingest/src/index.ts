export { BEARER_CHALLENGE, type BearerVerdict, createBearerAuthenticator, INVALID_TOKEN_CHALLENGE } from './bearer-auth.ts';
export { createIngestMetrics, type IngestMetrics, type MentionOutcome, type RejectionReason } from './ingest-metrics.ts';
export { defaultIngestLimits, type IngestLimits, PUBLISHED_AT_TOLERANCE_MS } from './ingest-limits.ts';
export { createIngestServer, type IngestServerOptions } from './ingest-server.ts';
export { IngestTokenError, type IngestTokenErrorCode, isIngestTokenError } from './ingest-token-error.ts';
export {
  ANY_SOURCE,
  checkUnique,
  type IngestToken,
  loadIngestTokensFile,
  MIN_TOKEN_LENGTH,
  parseIngestTokens,
  parseIngestTokensFile,
  tokenAllowsSource,
  tokenSha256,
} from './ingest-tokens.ts';
export {
  ANY_NAME,
  checkUniqueTokens,
  findToken,
  loadScopedTokensFile,
  parseScopedTokens,
  parseScopedTokensFile,
  type ScopedToken,
  type TokenScopeRules,
} from './scoped-tokens.ts';
export { isLoopbackHost } from './listen-address.ts';
export { BodyTooLarge, isBodyTooLarge, readBody } from './read-body.ts';
export { type BodyItem, decodeBody, firstInvalidUtf8Byte, type ParsedBody, parseRequestBody } from './request-body.ts';
export { enforceSourceScope } from './source-scope.ts';
export { createRateLimiter, type RateDecision, type RateLimiter, type RateLimiterOptions } from './token-bucket.ts';
export { type ItemError, type ValidatedBatch, validateMentions } from './validate-mentions.ts';
export {
  createReplayGuard,
  parseWebhookSecrets,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type VerifyOptions,
  verifyWebhook,
  type WebhookVerdict,
} from './webhook-signature.ts';
