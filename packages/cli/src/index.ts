export { commands } from './commands/index.ts';
export { planBrandChanges } from './commands/brands.ts';
export { findCommand, helpText, runCli } from './run-cli.ts';
