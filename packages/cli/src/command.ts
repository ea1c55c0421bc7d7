// The shape every `sl` command has: a name of one or two words, a summary and an example for
// `sl --help`, its options (node:util parseArgs), and what it runs.
import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context.ts';

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  example: string;
  options?: ParseArgsConfig['options'];
  run(ctx: CliContext, args: ParsedCommandArgs): Promise<void>;
}
