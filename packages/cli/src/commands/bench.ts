// sl bench: the benchmarks as `npm run bench` runs them (bounded; tables with ratios to a
// baseline measured in the same run), or one named suite (`bench:<name>` in the root package.json).
import fs from 'node:fs';
import path from 'node:path';
import { childFailure, runChild } from '../child/run-child.ts';
import { usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';
import { repoRoot } from '../repo-root.ts';

const usage = 'sl bench [NAME] [--json]';
const resultsDir = path.join(repoRoot, 'bench-results');

/** The suites the root package.json names `bench:<name>`. */
export function benchSuites(packageJsonPath = path.join(repoRoot, 'package.json')): string[] {
  const { scripts = {} } = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { scripts?: Record<string, string> };
  return Object.keys(scripts)
    .filter((name) => name.startsWith('bench:'))
    .map((name) => name.slice('bench:'.length))
    .sort();
}

/** The JSON reports the run wrote (bench-results/*.json touched since it started), by file name. */
function reportsSince(startedMs: number): Record<string, unknown> {
  if (!fs.existsSync(resultsDir)) return {};
  const reports: Record<string, unknown> = {};
  for (const file of fs.readdirSync(resultsDir).sort()) {
    const full = path.join(resultsDir, file);
    if (!file.endsWith('.json') || fs.statSync(full).mtimeMs < startedMs) continue;
    try {
      reports[file] = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch {
      reports[file] = null;
    }
  }
  return reports;
}

export const bench: Command = {
  name: 'bench',
  summary: 'run the benchmarks (npm run bench), or one suite by name',
  usage,
  example: 'sl bench sentiment',
  flagHelp: [
    ['NAME', 'one suite, npm run bench:NAME (sentiment, alerts, ...: the root package.json names them); default: npm run bench'],
    ['--json', "the tables go to stderr; stdout gets one JSON object: script, exit code, seconds, and the run's bench-results/*.json"],
  ],
  async run(ctx, args) {
    rejectExtraArguments(args, 1, usage);
    const name = args.positionals[0];
    if (name !== undefined && !benchSuites().includes(name)) {
      throw usageError(`unknown benchmark "${name}"; known: ${benchSuites().join(', ')}`);
    }
    const script = name === undefined ? 'bench' : `bench:${name}`;
    const started = Date.now();
    // With --json, stdout carries only the summary: the benchmarks' own tables go to stderr.
    const code = await runChild(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], {
      cwd: repoRoot,
      stdio: ctx.json ? ['inherit', process.stderr, 'inherit'] : 'inherit',
    });
    if (ctx.json) {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      ctx.out(JSON.stringify({ script: `npm run ${script}`, exitCode: code, seconds, results: reportsSince(started) }));
    }
    if (code !== 0) throw childFailure(`npm run ${script}`, code);
  },
};
