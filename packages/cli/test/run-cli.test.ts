import { brandFixture } from '@sl/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { benchSuites } from '../src/commands/bench.ts';
import { closestName, editDistance } from '../src/did-you-mean.ts';
import { commands, findCommand, helpText, planBrandChanges, runCli } from '../src/index.ts';
import { COMMAND_ORDER, commandHelp } from '../src/run-cli.ts';

const brand = (id: string, query = id, deleted = false) => brandFixture(id, { query, deleted });
const named = (name: string) => {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
};
// No broker listens on port 1: a command that got as far as connecting would fail differently.
const noBroker = { KAFKA_BROKERS: '127.0.0.1:1' };

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('planBrandChanges', () => {
  it('creates new brands, updates changed ones, keeps the rest, retires those gone from the file', () => {
    const current = new Map([
      ['acme', brand('acme')],
      ['globex', brand('globex')],
      ['initech', brand('initech')],
      ['old', brand('old', 'old', true)],
    ]);
    const wanted = [{ ...brand('acme'), updatedAt: 99 }, brand('globex', 'globex OR "globex corp"'), brand('umbrella'), brand('old')];
    expect(planBrandChanges(current, wanted)).toEqual([
      { id: 'acme', change: 'unchanged' },
      { id: 'globex', change: 'updated' },
      { id: 'umbrella', change: 'created' },
      { id: 'old', change: 'created' },
      { id: 'initech', change: 'retired' },
    ]);
  });
});

describe('sl --help', () => {
  it('lists every command with its summary and an example, in the stable order', () => {
    const text = helpText(commands);
    for (const c of commands) {
      expect(text).toContain(`  ${c.name}`);
      expect(text).toContain(c.summary);
      expect(text).toContain(`e.g. ${c.example}`);
    }
    const listed = text
      .split('\n')
      .filter((line) => /^ {2}[a-z]/.test(line))
      .map((line) => line.trim().split(/\s{2,}/)[0] ?? '');
    expect(listed).toEqual([
      'up',
      'ingest',
      'brands apply',
      'brands list',
      'connectors list',
      'connectors run',
      'sentiment',
      'enrich',
      'query',
      'correct',
      'alerts tail',
      'topics',
      ...(commands.some((c) => c.name === 'generate') ? ['generate'] : []),
      'bench',
    ]);
    expect(new Set(listed.map((name) => name.split(' ')[0]))).toEqual(new Set(COMMAND_ORDER.filter((w) => w !== 'generate' || listed.includes('generate'))));
  });

  it('is what no arguments, --help, -h and help print, exit 0', async () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) expect(await runCli(commands, argv, {})).toBe(0);
    expect(out).toEqual(Array.from({ length: 4 }, () => `${helpText(commands)}\n`));
    expect(err).toEqual([]);
  });

  it('gives each command its own help: usage, flags (Kafka flags where it talks to Kafka), example', async () => {
    expect(await runCli(commands, ['topics', '--help'], {})).toBe(0);
    expect(await runCli(commands, ['help', 'topics'], {})).toBe(0);
    expect(out).toEqual([
      `${[
        'sl topics — consumer lag per stage (records each stage still has to read)',
        '',
        'Usage: sl topics [--group STAGE=GROUP]... [--json]',
        '',
        "  --group STAGE=GROUP        a stage's consumer group when its replicas run with another SL_GROUP_ID; repeatable (alert-dispatcher: the prefix)",
        '  --json                     machine-readable output (JSON)',
        '  --brokers HOST:PORT[,...]  the Kafka cluster (env KAFKA_BROKERS; default 127.0.0.1:19092, the embedded broker)',
        '  --namespace PREFIX         prefix of every topic name (env SL_TOPIC_NAMESPACE; default none)',
        '  --help, -h                 this help',
        '',
        'Example: sl topics --json',
      ].join('\n')}\n`,
      `${commandHelp(named('topics'))}\n`,
    ]);
    expect(out[0]).toBe(out[1]);
  });

  it('says in sl ingest --help what a backfill does to alerts, after the flags and before the example', async () => {
    expect(await runCli(commands, ['ingest', '--help'], {})).toBe(0);
    const lines = (out[0] ?? '').split('\n');
    const notes = lines.slice(lines.indexOf('What a backfill does to alerts:'), lines.findIndex((l) => l.startsWith('Example: ')));
    expect(notes).toEqual([
      'What a backfill does to alerts:',
      '  Mentions are judged in event time (publishedAt), not by when they arrive: old mentions count in',
      '  their own windows. No need to sort or pace the file: sorted or shuffled, all at once or with',
      "  --rate, the same mentions raise the same alerts. While a brand's history arrives its watermark",
      '  waits (that brand only); its alerts come a minute after the load ends.',
      "  An alert raised for a window that ended more than the brand's historyMinutes (60 by default) before",
      '  it was raised is marked historical: it is written to alerts.<brand> (sl alerts tail tags it',
      '  [history]) but sent to no webhook unless the brand sets pageHistory: true. Loading last month does',
      '  not page anyone for last month.',
      "  Mentions behind a brand's watermark (history for a brand already live) are late: counted, judged",
      '  per mention, not in closed windows; past the lateness horizon (7 days; SL_LATENESS_HORIZON_MS on',
      '  the amplification worker) they raise no alerts. All are archived and rolled up. See docs/cli.md.',
      '',
    ]);
    expect(lines.indexOf('  --help, -h   this help')).toBeLessThan(lines.indexOf('What a backfill does to alerts:'));
  });

  it('keeps flags consistent: --json in the usage exactly where it is accepted, Kafka flags only on Kafka commands', () => {
    for (const c of commands) {
      expect(c.usage.startsWith(`sl ${c.name}`), c.name).toBe(true);
      expect(c.example, c.name).toContain(`sl ${c.name.split(' ')[0]}`);
      expect(c.usage.includes('[--json]'), c.name).toBe(c.json !== false);
      expect(commandHelp(c).includes('--brokers'), c.name).toBe(c.kafka === true);
    }
    // `generate` decides for itself whether it talks to Kafka.
    const kafkaCommands = commands.filter((c) => c.kafka && c.name !== 'generate').map((c) => c.name);
    expect(kafkaCommands.sort()).toEqual(['alerts tail', 'brands apply', 'brands list', 'connectors run', 'correct', 'topics']);
  });

  it('lists a group\'s subcommands for `sl brands --help`', async () => {
    expect(await runCli(commands, ['brands', '--help'], {})).toBe(0);
    expect(out.join('')).toBe(
      [
        'sl brands: apply, list',
        '',
        '  brands apply  publish the brands file to brands.config; every stage picks the change up live',
        '                e.g. sl brands apply examples/brands.yaml',
        '  brands list   the brands every stage sees now (brands.config)',
        '                e.g. sl brands list',
        '',
        'sl brands <subcommand> --help shows its flags.',
        '',
      ].join('\n'),
    );
  });
});

describe('exit codes', () => {
  it('finds two-word commands before one-word ones', () => {
    expect(findCommand(commands, ['brands', 'apply', 'x.yaml'])?.command.name).toBe('brands apply');
    expect(findCommand(commands, ['topics', '--json'])?.rest).toEqual(['--json']);
    expect(findCommand(commands, ['nope'])).toBeUndefined();
  });

  it('exits 2 for an unknown command, suggesting the closest one', async () => {
    const cases: Array<[string[], string]> = [
      [['frobnicate'], 'unknown command "frobnicate"; sl --help lists them'],
      [['topic'], 'unknown command "topic"; did you mean "sl topics"?'],
      [['ingets', 'x.jsonl'], 'unknown command "ingets"; did you mean "sl ingest"?'],
      [['brand', 'lst'], 'unknown command "brand lst"; did you mean "sl brands list"?'],
      [['brands', 'aply', 'x.yaml'], 'unknown command "brands aply"; did you mean "sl brands apply"?'],
      [['brands', 'remove', 'acme'], 'unknown command "brands remove"; sl brands --help lists its subcommands'],
      [['alert', '--brand', 'acme'], 'unknown command "alert"; did you mean "sl alerts"?'],
      [['brands'], 'brands needs a subcommand: brands apply, brands list; sl brands --help shows them'],
      [['alerts', '--json'], 'alerts needs a subcommand: alerts tail; sl alerts --help shows them'],
    ];
    for (const [argv] of cases) expect(await runCli(commands, argv, noBroker)).toBe(2);
    expect(err).toEqual(cases.map(([, message]) => `sl: ${message}\n`));
    expect(out).toEqual([]);
  });

  it('exits 2 with one line for a wrong flag or argument of any command, before connecting to anything', async () => {
    const cases: Array<[string[], string]> = [
      [['brands', 'apply'], 'brands apply needs the brands file: sl brands apply FILE'],
      [['brands', 'apply', 'a.yaml', 'b.yaml'], 'unexpected argument "b.yaml"; usage: sl brands apply FILE [--dry-run] [--json]'],
      [['brands', 'list', '--colour'], 'unknown flag --colour; usage: sl brands list [--all] [--json]'],
      [['brands', 'list', '--jsn'], 'unknown flag --jsn (did you mean --json?); usage: sl brands list [--all] [--json]'],
      [['brands', 'list', '--all=yes'], '--all takes no value; usage: sl brands list [--all] [--json]'],
      [['brands', 'list', 'acme'], 'unexpected argument "acme"; usage: sl brands list [--all] [--json]'],
      [['brands', 'list', '--brokers', 'kafka'], '--brokers must be host:port[,host:port...], got "kafka"'],
      [['brands', 'list', '--namespace', 'a b'], '--namespace may hold only letters, digits, ".", "_" and "-", got "a b"'],
      [['connectors', 'list', 'x'], 'unexpected argument "x"; usage: sl connectors list [--file connectors.yaml] [--json]'],
      [['connectors', 'list', '--brokers', 'k:9092'], 'unknown flag --brokers; usage: sl connectors list [--file connectors.yaml] [--json]'],
      [['connectors', 'run'], 'connectors run needs an instance name: sl connectors run NAME'],
      [['connectors', 'run', 'a', 'b'], 'unexpected argument "b"; usage: sl connectors run NAME [--file connectors.yaml] [--json]'],
      [['sentiment', 'posts.jsonl'], 'unexpected argument "posts.jsonl"; usage: sl sentiment [--brands FILE] [--json] < posts.jsonl > scored.jsonl'],
      [['query'], 'query needs SQL: sl query "SELECT ..."'],
      [['query', 'SELECT 1', '--format', 'xml'], '--format must be table, csv or json, got "xml"'],
      [['query', 'SELECT 1', '--format', 'csv', '--json'], '--json and --format csv disagree; pass one of them'],
      [['alerts', 'tail', '--brand'], '--brand needs a value; usage: sl alerts tail --brand ID [--kind KIND]... [--from-beginning] [--limit N] [--timeout-ms MS] [--json]'],
      [['topics', 'now'], 'unexpected argument "now"; usage: sl topics [--group STAGE=GROUP]... [--json]'],
      [
        ['topics', '--group', 'enrich=x'],
        '--group must be STAGE=GROUP with STAGE one of raw-archiver, enricher, sentiment-worker, aggregation-worker, amplification-worker, alert-dispatcher, got "enrich=x"',
      ],
      [['up', '--json'], 'unknown flag --json; usage: sl up'],
      [['up', 'now'], 'unexpected argument "now"; usage: sl up'],
      [['bench', 'nonsense'], `unknown benchmark "nonsense"; known: ${benchSuites().join(', ')}`],
    ];
    for (const [argv] of cases) expect(await runCli(commands, argv, noBroker), argv.join(' ')).toBe(2);
    expect(err).toEqual(cases.map(([, message]) => `sl: ${message}\n`));
    expect(out).toEqual([]);
  });

  it('exits 2 naming the variable when KAFKA_BROKERS or SL_TOPIC_NAMESPACE is malformed', async () => {
    expect(await runCli(commands, ['topics'], { KAFKA_BROKERS: 'localhost' })).toBe(2);
    expect(await runCli(commands, ['topics'], { KAFKA_BROKERS: '127.0.0.1:9092', SL_TOPIC_NAMESPACE: 'x/y' })).toBe(2);
    expect(err).toEqual([
      'sl: KAFKA_BROKERS must be host:port[,host:port...], got "localhost"\n',
      'sl: SL_TOPIC_NAMESPACE may hold only letters, digits, ".", "_" and "-", got "x/y"\n',
    ]);
  });

  it('exits 1 with one line for a runtime failure', async () => {
    expect(await runCli(commands, ['brands', 'apply', '/nonexistent/brands.yaml'], {})).toBe(1);
    expect(await runCli(commands, ['connectors', 'list', '--file', '/nonexistent/connectors.yaml'], {})).toBe(1);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/^sl: .*\/nonexistent\/brands\.yaml[^\n]*\n$/);
    expect(err[1]).toBe('sl: cannot read the connectors file /nonexistent/connectors.yaml; pass --file PATH\n');
  });
});

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('topics', 'topics')).toBe(0);
    expect(editDistance('topic', 'topics')).toBe(1);
    expect(editDistance('ingets', 'ingest')).toBe(1);
    expect(editDistance('qeury', 'query')).toBe(1);
    expect(editDistance('', 'up')).toBe(2);
  });

  it('suggests only a close name, the earlier one on a tie', () => {
    expect(closestName('topic', ['up', 'topics'])).toBe('topics');
    expect(closestName('frobnicate', ['up', 'topics', 'ingest'])).toBeUndefined();
    expect(closestName('x', ['up', 'query'])).toBeUndefined();
    expect(closestName('bech', ['bench', 'beach'])).toBe('bench');
  });
});

describe('sl sentiment lines', () => {
  it('turns one JSON line into one line with id, label, compound and explain; a bad line into an error line', async () => {
    const { sentimentLine } = await import('../src/commands/sentiment.ts');
    const good = JSON.parse(sentimentLine('{"id":"a1","text":"I love it!!"}', 1));
    expect(Object.keys(good)).toEqual(['id', 'label', 'compound', 'explain']);
    expect(good.id).toBe('a1');
    expect(good.label).toBe('positive');
    expect(good.explain[0].term).toBe('love');
    expect(JSON.parse(sentimentLine('nope', 7))).toEqual({ line: 7, error: 'not valid JSON' });
    expect(JSON.parse(sentimentLine('{"id":2,"text":5}', 8))).toEqual({ id: 2, line: 8, error: 'expected "text" to be a string' });
  });
});
