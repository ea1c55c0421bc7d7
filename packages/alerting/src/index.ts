// @sl/alerting: getting alerts to brand teams. Signed webhook POSTs in JSON or Slack format,
// retried with backoff, filtered per subscription, never across brands, and historical alerts
// (a backfill) held back unless the brand pages history. No Kafka here: the
// alert dispatcher service wires it to the alert topics and the dead-letter topics.
export { type AlertOrigin, alertsTopicName, checkAlertOrigin } from './alert-origin.ts';
export { alertMeasure } from './alert-measure.ts';
export { DeliveryError, type DeliveryErrorCode, isDeliveryError } from './delivery-error.ts';
export { type AttemptReport, type DeliveryOptions, defaultDeliveryOptions } from './delivery-options.ts';
export { type DeliveryOutcome, deliver } from './deliver.ts';
export { type DispatchRequest, type DispatchResult, dispatchAlert, type WebhookDelivery } from './dispatch-alert.ts';
export { pagesFor } from './history-rule.ts';
export { type AlertJsonPayload, jsonPayload } from './json-payload.ts';
export { renderPayload } from './render-payload.ts';
export { type BackoffPolicy, classifyStatus, fullJitterDelay, retryAfterDelay, type StatusClass } from './retry-schedule.ts';
export {
  escapeSlack,
  type SlackBlock,
  type SlackMessage,
  type SlackPayloadOptions,
  type SlackText,
  slackPayload,
} from './slack-payload.ts';
export { matchingSubscriptions, subscriptionWants } from './subscription-filter.ts';
export { deliveryHeaders, headerSafe, USER_AGENT, webhookHeaders } from './webhook-headers.ts';
export { type SignatureVerdict, signPayload, verifySignature } from './webhook-signature.ts';
