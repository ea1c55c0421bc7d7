// Parses argv into a command and its options, runs it, and turns every failure into one line
// on stderr and a non-zero exit code.
import { parseArgs } from 'node:util';
import { createCliContext } from './cli-context.ts';
import { CliError, usageError } from './cli-error.ts';
import type { Command } from './command.ts';

export function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'sl — the brand-listening pipeline from the command line',
    '',
    'Usage: sl <command> [options]      (every command takes --json and --help)',
    '',
    ...commands.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, `  ${''.padEnd(width)}  e.g. ${c.example}`]),
    '',
    'Environment: KAFKA_BROKERS (default 127.0.0.1:19092, the embedded broker), SL_TOPIC_NAMESPACE.',
  ].join('\n');
}

export function findCommand(commands: readonly Command[], argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

export async function runCli(commands: readonly Command[], argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${helpText(commands)}\n`);
    return 0;
  }
  try {
    const found = findCommand(commands, argv);
    if (!found) throw usageError(`unknown command "${argv.slice(0, 2).join(' ')}"; sl --help lists them`);
    const { command, rest } = found;
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw usageError(`${(error as Error).message}; usage: ${command.usage}`);
    }
    if (parsed.values.help) {
      process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\nExample: ${command.example}\n`);
      return 0;
    }
    await command.run(createCliContext(env, Boolean(parsed.values.json)), { values: parsed.values, positionals: parsed.positionals });
    return 0;
  } catch (error) {
    const code = error instanceof CliError ? error.exitCode : 1;
    const reason = (error as Error).message?.split('\n')[0] ?? String(error);
    process.stderr.write(`sl: ${reason}\n`);
    return code;
  }
}
