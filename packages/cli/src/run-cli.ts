// Parses argv into a command and its options, runs it, and turns every failure into one line
// on stderr and an exit code: 0 ok, 1 failure, 2 usage (see cli-error.ts).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliContext, createCliContext, DEFAULT_BROKERS } from './cli-context.ts';
import { isCliError, usageError } from './cli-error.ts';
import type { Command } from './command.ts';
import { closestName } from './did-you-mean.ts';
import { isBrokerUnreachable } from '@sl/kafka';

/** The order `sl --help` lists commands in, by first word; others follow in registration order. */
export const COMMAND_ORDER: readonly string[] = ['up', 'ingest', 'brands', 'connectors', 'sentiment', 'enrich', 'query', 'correct', 'alerts', 'topics', 'generate', 'bench'];

const KAFKA_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['--brokers HOST:PORT[,...]', `the Kafka cluster (env KAFKA_BROKERS; default ${DEFAULT_BROKERS}, the embedded broker)`],
  ['--namespace PREFIX', 'prefix of every topic name (env SL_TOPIC_NAMESPACE; default none)'],
];

const firstWord = (command: Command) => command.name.split(' ')[0] ?? command.name;

export function orderedCommands(commands: readonly Command[]): Command[] {
  const rank = (c: Command) => {
    const at = COMMAND_ORDER.indexOf(firstWord(c));
    return at === -1 ? COMMAND_ORDER.length : at;
  };
  // Array.prototype.sort is stable: commands of one word keep their registration order.
  return [...commands].sort((a, b) => rank(a) - rank(b));
}

export function helpText(commands: readonly Command[]): string {
  const listed = orderedCommands(commands);
  const width = Math.max(...listed.map((c) => c.name.length));
  const kafkaCommands = listed.filter((c) => c.kafka).map((c) => c.name);
  return [
    'sl — the brand-listening pipeline from the command line',
    '',
    'Usage: sl <command> [arguments] [flags]      sl <command> --help shows its flags',
    '',
    ...listed.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, `  ${''.padEnd(width)}  e.g. ${c.example}`]),
    '',
    'Every command takes --help; every command whose output is data takes --json.',
    `Commands that talk to Kafka (${kafkaCommands.join(', ')}) take`,
    ...KAFKA_FLAGS.map(([flag, meaning]) => `  ${flag.padEnd(Math.max(...KAFKA_FLAGS.map(([f]) => f.length)))}  ${meaning}`),
    'Exit codes: 0 ok, 1 failure, 2 usage error; an error is one line on stderr.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const flags: Array<readonly [string, string]> = [...(command.flagHelp ?? [])];
  if (command.json !== false) flags.push(['--json', 'machine-readable output (JSON)']);
  if (command.kafka) flags.push(...KAFKA_FLAGS);
  flags.push(['--help, -h', 'this help']);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `sl ${command.name} — ${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    ...flags.map(([flag, meaning]) => `  ${flag.padEnd(width)}  ${meaning}`),
    '',
    ...(command.notes && command.notes.length > 0 ? [...command.notes, ''] : []),
    `Example: ${command.example}`,
  ].join('\n');
}

/** The subcommands of a group (`brands` -> brands apply, brands list), for `sl brands` and `sl brands --help`. */
function groupHelp(group: string, members: readonly Command[]): string {
  const width = Math.max(...members.map((c) => c.name.length));
  return [
    `sl ${group}: ${members.map((c) => c.name.split(' ')[1]).join(', ')}`,
    '',
    ...members.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, `  ${''.padEnd(width)}  e.g. ${c.example}`]),
    '',
    `sl ${group} <subcommand> --help shows its flags.`,
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

/** The one-line reason for an argv that names no command, with a suggestion when one is close. */
export function unknownCommandMessage(commands: readonly Command[], argv: readonly string[]): string {
  const [first = '', second] = argv;
  const pair = second !== undefined && !second.startsWith('-') ? `${first} ${second}` : undefined;
  // `sl brand lst` -> "brands list"; `sl topic` -> "topics"; `sl brands lst` -> "brands list".
  const twoWord = pair === undefined ? undefined : closestName(pair, commands.filter((c) => c.name.includes(' ')).map((c) => c.name));
  if (pair !== undefined && twoWord !== undefined) return `unknown command "${pair}"; did you mean "sl ${twoWord}"?`;
  const isGroup = commands.some((c) => c.name.startsWith(`${first} `));
  if (isGroup && pair !== undefined) return `unknown command "${pair}"; sl ${first} --help lists its subcommands`;
  const oneWord = closestName(first, [...new Set(commands.map(firstWord))]);
  if (oneWord !== undefined) return `unknown command "${first}"; did you mean "sl ${oneWord}"?`;
  return `unknown command "${first}"; sl --help lists them`;
}

const isHelp = (word: string | undefined) => word === '--help' || word === '-h' || word === 'help';

export async function runCli(commands: readonly Command[], argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const write = (text: string) => process.stdout.write(`${text}\n`);
  if (argv.length === 0 || (isHelp(argv[0]) && argv.length === 1)) {
    write(helpText(commands));
    return 0;
  }
  let ctx: CliContext | undefined;
  let command: Command | undefined;
  try {
    // `sl help brands list` and `sl --help brands list` are `sl brands list --help`.
    const words = isHelp(argv[0]) ? [...argv.slice(1), '--help'] : [...argv];
    const found = findCommand(commands, words);
    if (!found) {
      const group = words[0] ?? '';
      const members = orderedCommands(commands).filter((c) => c.name.startsWith(`${group} `));
      const next = words[1];
      if (members.length > 0 && (next === undefined || next.startsWith('-'))) {
        if (isHelp(next)) {
          write(groupHelp(group, members));
          return 0;
        }
        throw usageError(`${group} needs a subcommand: ${members.map((c) => c.name).join(', ')}; sl ${group} --help shows them`);
      }
      throw usageError(unknownCommandMessage(commands, words));
    }
    command = found.command;
    const options: ParseArgsConfig['options'] = {
      ...command.options,
      ...(command.json === false ? {} : { json: { type: 'boolean' } }),
      ...(command.kafka ? { brokers: { type: 'string' }, namespace: { type: 'string' } } : {}),
      help: { type: 'boolean', short: 'h' },
    };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: found.rest, allowPositionals: true, strict: true, options });
    } catch (error) {
      throw usageError(`${flagProblem(error, Object.keys(options))}; usage: ${command.usage}`);
    }
    if (parsed.values.help) {
      write(commandHelp(command));
      return 0;
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    ctx = createCliContext(env, {
      json: parsed.values.json === true,
      brokers: text(parsed.values.brokers),
      namespace: text(parsed.values.namespace),
    });
    await command.run(ctx, { values: parsed.values, positionals: parsed.positionals });
    return 0;
  } catch (error) {
    const code = isCliError(error) ? error.exitCode : 1;
    process.stderr.write(`sl: ${oneLine(failureReason(error, command, ctx))}\n`);
    return code;
  }
}

/** What went wrong, said once: an unreachable broker names where it looked and how to point elsewhere. */
function failureReason(error: unknown, command: Command | undefined, ctx: CliContext | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (command?.kafka && ctx && !isCliError(error) && isBrokerUnreachable(error)) {
    return `cannot reach Kafka at ${ctx.brokers.join(',')} (--brokers or KAFKA_BROKERS): ${message}`;
  }
  return message;
}

/** parseArgs's complaint in a few words: an unknown flag (with the closest known one), or a flag without its value. */
function flagProblem(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const flag = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    const closest = flag.startsWith('--') ? closestName(flag.slice(2), known) : undefined;
    return `unknown flag ${flag}${closest ? ` (did you mean --${closest}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    return message.includes('argument missing') ? `${flag} needs a value` : `${flag} takes no value`;
  }
  return message;
}

function oneLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim() || 'failed (no message)';
}
