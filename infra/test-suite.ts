// `npm test`: the whole gate, phase by phase, with the time each took. Set-up first (the broker
// and S3 jars, once), then the checks that take seconds, then the suites that need a real broker
// and S3 server, and the chaos test last: it is the longest and needs the machine to itself.
import path from 'node:path';
import { repoRoot } from './paths.ts';
import { runPhases, type TestPhase } from './test-phases.ts';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
const node = process.execPath;

const phases: TestPhase[] = [
  { name: 'setup', command: node, args: [path.join(repoRoot, 'infra', 'setup.ts')], onFailure: 'the broker or S3 server could not be fetched from Maven Central (see above).' },
  { name: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.json'], onFailure: 'the errors above name file and line.' },
  { name: 'lint', command: bin('biome'), args: ['lint', '.'], onFailure: 'the findings above name file and line.' },
  { name: 'unit', command: bin('vitest'), args: ['run', '--project', 'unit'], onFailure: 'the failed tests are listed above vitest\'s summary.' },
  {
    name: 'integration',
    command: bin('vitest'),
    args: ['run', '--project', 'integration'],
    onFailure: "the failed tests are listed above vitest's summary; the broker's and S3 server's logs are under the temporary folder the global setup printed.",
  },
  {
    name: 'chaos',
    command: bin('vitest'),
    args: ['run', '--project', 'chaos'],
    onFailure: "the error above names the phase it reached, the faults injected, each stage's lag, the folder with the services' logs and the kept broker and object-store data.",
  },
];

const only = new Set(process.argv.slice(2));
const unknown = [...only].filter((name) => !phases.some((p) => p.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown phase ${unknown.join(', ')}; phases are ${phases.map((p) => p.name).join(', ')}\n`);
  process.exit(2);
}
const selected = only.size > 0 ? phases.filter((p) => only.has(p.name)) : phases;
const passed = await runPhases(selected, {
  cwd: repoRoot,
  // Every phase runs under this Node (24), whatever node is first on the caller's PATH.
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` },
  write: (line) => process.stdout.write(line),
});
process.exitCode = passed ? 0 : 1;
