export { type Logger, componentLogger, createRootLogger, type RootLoggerOptions } from './logger.ts';
export { Counter, createMetricsRegistry, Gauge, Histogram, Registry } from './metrics.ts';
export { combineHealth, handleOpsRequest, type HealthCheck, type HealthReport, type OpsServer, startOpsServer } from './ops-http.ts';
export { ConfigError, logLevelSetting, parseConfig } from './config.ts';
export { installShutdown, type ShutdownHook } from './shutdown.ts';
export { logFatalErrors } from './fatal-errors.ts';
export { silenceKnownWarnings } from './known-warnings.ts';
