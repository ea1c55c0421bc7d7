// sl brands apply against the real broker: brands land in brands.config, each brand gets its
// alerts topic, a second apply changes nothing, and a brand removed from the file is retired.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brandContract } from '@sl/contracts';
import { brandsConfigTopic, createKafkaClient, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';

it('applies, re-applies and retires brands live', async () => {
  const namespace = `${uniqueName('cli')}.`;
  const env = { KAFKA_BROKERS: inject('kafkaBrokers').join(','), SL_TOPIC_NAMESPACE: namespace };
  const out: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-cli-'));
  try {
    expect(await runCli(commands, ['brands', 'apply', 'examples/brands.yaml', '--json'], env)).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual(
      ['acme', 'globex', 'initech', 'umbrella'].map((id) => ({ id, change: 'created', dryRun: false })),
    );
    out.length = 0;
    expect(await runCli(commands, ['brands', 'apply', 'examples/brands.yaml', '--json'], env)).toBe(0);
    expect(out.map((l) => JSON.parse(l).change)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);

    // Drop Umbrella from the file (and from the others' competitor lists).
    const text = fs.readFileSync('examples/brands.yaml', 'utf8');
    const { parseBrandsFile } = await import('@sl/brands');
    const kept = parseBrandsFile(text, 'brands.yaml').filter((b) => b.id !== 'umbrella').map((b) => ({ ...b, competitors: b.competitors.filter((c) => c !== 'umbrella') }));
    const file = path.join(dir, 'brands.json');
    fs.writeFileSync(file, JSON.stringify(kept.map(({ updatedAt: _u, deleted: _d, ...b }) => b)));
    out.length = 0;
    expect(await runCli(commands, ['brands', 'apply', file, '--json'], env)).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { id: 'acme', change: 'updated', dryRun: false },
      { id: 'globex', change: 'updated', dryRun: false },
      { id: 'initech', change: 'updated', dryRun: false },
      { id: 'umbrella', change: 'retired', dryRun: false },
    ]);
  } finally {
    stdout.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'cli-test', logger: testLogger() });
  const { values } = await readLatestByKey(kafka, renamed(brandsConfigTopic, `${namespace}brands.config`));
  expect([...values.keys()].sort()).toEqual(['acme', 'globex', 'initech', 'umbrella']);
  expect(values.get('umbrella')?.deleted).toBe(true);
  expect(values.get('acme')?.competitors.sort()).toEqual(['globex', 'initech']);
  expect(brandContract.isValid(values.get('acme'))).toBe(true);
  const admin = kafka.admin();
  await admin.connect();
  const topics = await admin.listTopics();
  await admin.disconnect();
  for (const id of ['acme', 'globex', 'initech', 'umbrella']) expect(topics).toContain(`${namespace}alerts.${id}`);
});
