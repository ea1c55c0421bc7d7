export { type InfraEnvironment, type InfraPlan, type InfraSource, parseBrokers, planInfra } from './infra-plan.ts';
export { uniqueName } from './names.ts';
export type { S3Target } from './provided.ts';
export { testLogger } from './test-logger.ts';
export { brandFixture, enrichedMentionFixture, rawMentionFixture } from './fixtures.ts';
export { type AlertScenario, type AlertScenarioOptions, alertScenario, type ScenarioEvent } from './alert-scenario.ts';
