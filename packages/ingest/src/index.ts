export { defaultIngestLimits, type IngestLimits } from './ingest-limits.ts';
export { createIngestServer, type IngestServerOptions } from './ingest-server.ts';
export { type BodyItem, type ParsedBody, parseRequestBody } from './request-body.ts';
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
