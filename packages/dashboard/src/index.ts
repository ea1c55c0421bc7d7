// @sl/dashboard: the brand team's dashboard — brand-scoped tokens and sessions, the JSON API over
// the analysts' views, the HTTP server, and the page built from npm packages at build time.
export { ApiError, type ApiErrorCode, isApiError } from './api-error.ts';
export { type ApiContext, handleApi, type SummaryFreshness } from './api-routes.ts';
export { type Caller, callerMaySee } from './caller-access.ts';
export { type FeedFilters, type FeedItem, type FeedPage, parseFeedQuery, readFeed } from './conversation-widgets.ts';
export { readTopAuthors, type TopAuthor, type TopAuthors } from './top-authors.ts';
export { startWarmUp, type WarmUp, type WarmUpOptions, type WarmUpProgress } from './start-up-warm-up.ts';
export { readPageOpening } from './page-warm-up.ts';
export { createDashboardServer, type DashboardServerOptions } from './dashboard-server.ts';
export { type DashboardStore, type DashboardStoreOptions, openDashboardStore } from './dashboard-store.ts';
export { DashboardTokenError, type DashboardTokenErrorCode, isDashboardTokenError } from './dashboard-token-error.ts';
export {
  ANY_BRAND,
  checkUnique,
  type DashboardToken,
  loadDashboardTokensFile,
  parseDashboardTokens,
  parseDashboardTokensFile,
  tokenAllowsBrand,
  tokenSha256,
} from './dashboard-tokens.ts';
export {
  type BrandInfo,
  readSeries,
  readShareOfVoice,
  readSummary,
  type Series,
  type ShareOfVoice,
  type Summary,
} from './rollup-widgets.ts';
export { createSessionStore, SESSION_COOKIE, type SessionStore } from './sessions.ts';
export { exactGrain, parseTimeRange, seriesGrain, type TimeRange } from './time-range.ts';
export { buildPage, ensurePageBuilt, pageIsBuilt, WEB_DIR } from './build-page.ts';
export { DEFAULT_PAGE_DIR } from './page-dir.ts';
export { brandInfos } from './brand-info.ts';
export { type AlertCursor, type AlertEntry, type AlertHub, createAlertHub, decodeAlertCursor, encodeAlertCursor } from './alert-hub.ts';
export { streamAlerts } from './alert-stream.ts';
export { type AlertFollowers, type AlertFollowersOptions, startAlertFollowers } from './alert-followers.ts';
export { type ArchivedAlert, type ArchivedPage, readArchivedAlerts } from './archived-alerts.ts';
export {
  createFreshness,
  type Freshness,
  type FreshnessOptions,
  type FreshnessTracker,
  pollWatermark,
  unmeasuredFreshness,
  type WatermarkPollingOptions,
} from './freshness.ts';
export {
  type CorrectionBody,
  type CorrectionSender,
  type CorrectionState,
  parseCorrectionBody,
  readCorrectionState,
  submitCorrection,
} from './correction-route.ts';
export { createSentCorrections, type SentCorrections } from './sent-corrections.ts';
export { type KafkaCorrectionSender, startKafkaCorrectionSender } from './kafka-correction-sender.ts';
