// The shape every `sl` command has: a name of one or two words, a summary and an example for
// `sl --help`, its options (node:util parseArgs), and what it runs. The flags every command of a
// kind shares (--json, --brokers, --namespace, --help) are added by run-cli, never declared here.
import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context.ts';

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** One line: the command, its arguments and its own flags. */
  usage: string;
  example: string;
  options?: ParseArgsConfig['options'];
  /** What each of the command's own flags means, for `sl <command> --help`: [flag, meaning]. */
  flagHelp?: ReadonlyArray<readonly [flag: string, meaning: string]>;
  /** What a person should know beyond the flags, for `sl <command> --help`: lines printed as written, after the flags. */
  notes?: readonly string[];
  /**
   * Output is data: the command takes --json (JSON lines, or one JSON document for a summary).
   * @default true
   */
  json?: boolean;
  /** Talks to Kafka: the command takes --brokers and --namespace. @default false */
  kafka?: boolean;
  run(ctx: CliContext, args: ParsedCommandArgs): Promise<void>;
}
