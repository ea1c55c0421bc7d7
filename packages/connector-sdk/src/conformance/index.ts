// The conformance kit and the fixture server it drives: for connector tests only (imports vitest).
export { type ConformanceOptions, runConnectorConformance } from './run-conformance.ts';
export { type FixtureHandler, type FixtureRequest, type FixtureResponse, type FixtureServer, startFixtureServer } from './fixture-server.ts';
