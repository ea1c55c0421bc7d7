export { type InfraEnvironment, type InfraPlan, type InfraSource, parseBrokers, planInfra } from './infra-plan.ts';
export { uniqueName } from './names.ts';
export type { S3Target } from './provided.ts';
export { testLogger } from './test-logger.ts';
export { brandFixture, enrichedMentionFixture, rawMentionFixture } from './fixtures.ts';
export { type AlertScenario, type AlertScenarioOptions, alertScenario, type ScenarioEvent } from './alert-scenario.ts';
export { type S3FaultCounts, type S3FaultKind, type S3FaultPlan, type S3FaultProxy, S3_FAULT_KINDS, startS3FaultProxy } from './s3-fault-proxy.ts';
export { describePlan, formatS3FaultSteps, runS3FaultSchedule, type S3FaultStep, type S3FaultStepResult } from './s3-fault-schedule.ts';
