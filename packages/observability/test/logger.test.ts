import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { componentLogger, createRootLogger } from '../src/index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('loggers', () => {
  it('write JSON lines with the service on the root and fixed fields on a component child', () => {
    const { lines, destination } = capture();
    const root = createRootLogger({ service: 'ingest-gateway', level: 'info', destination });
    componentLogger(root, 'consumer-runner', { topic: 'mentions.raw', partition: 3 }).info({ offset: '42' }, 'flushed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, service: 'ingest-gateway', component: 'consumer-runner', topic: 'mentions.raw', partition: 3, offset: '42', msg: 'flushed' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('redact secrets wherever a config object carries them', () => {
    const { lines, destination } = capture();
    const root = createRootLogger({ service: 's', level: 'info', destination });
    root.info({ s3: { accessKeyId: 'AKIA', secretAccessKey: 'hunter2' }, request: { headers: { authorization: 'Bearer x' } } }, 'config');
    expect(lines[0]?.s3).toEqual({ accessKeyId: 'AKIA', secretAccessKey: '[redacted]' });
    expect(JSON.stringify(lines[0])).not.toContain('hunter2');
    expect(JSON.stringify(lines[0])).not.toContain('Bearer x');
  });

  it('drop lines below the level', () => {
    const { lines, destination } = capture();
    createRootLogger({ service: 's', level: 'warn', destination }).info('hidden');
    expect(lines).toEqual([]);
  });
});
