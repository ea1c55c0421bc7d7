import { expect, it } from 'vitest';
import { type CpuProfile, codeOwner, summarizeCpuProfiles } from '../src/cpu-profile-summary.ts';

const root = '/work/repo';

/** A call tree: root -> kafkajs decode -> (builtin) JSON.parse; root -> our handler; GC; idle. */
function profile(): CpuProfile {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 4, 5, 6, 7] },
      { id: 2, callFrame: frame('decodeMessages', `file://${root}/node_modules/kafkajs/src/protocol/decoder.js`, 9), children: [3] },
      { id: 3, callFrame: frame('parse') },
      { id: 4, callFrame: frame('handle', `file://${root}/packages/kafka/src/stage-loop.ts`, 41) },
      { id: 5, callFrame: frame('(garbage collector)') },
      { id: 6, callFrame: frame('(idle)') },
      { id: 7, callFrame: frame('encode', `file://${root}/node_modules/@scope/codec/index.js`, 0) },
    ],
    samples: [2, 3, 3, 4, 5, 6, 6, 6, 7],
    timeDeltas: [10, 20, 20, 30, 35, 100, 100, 100, 5],
  };
}

it('charges self time to functions and builtins to the owner of their caller', () => {
  const summary = summarizeCpuProfiles([profile()], 3);
  expect(summary).toEqual({
    totalMicros: 420,
    busyMicros: 120,
    idleMicros: 300,
    functions: [
      { name: 'parse', micros: 40, share: 40 / 120 },
      { name: '(garbage collector)', micros: 35, share: 35 / 120 },
      { name: 'handle (packages/kafka/src/stage-loop.ts:42)', micros: 30, share: 30 / 120 },
    ],
    groups: [
      { name: 'kafkajs', micros: 50, share: 50 / 120 },
      { name: 'garbage collector', micros: 35, share: 35 / 120 },
      { name: '@sl/kafka', micros: 30, share: 30 / 120 },
      { name: '@scope/codec', micros: 5, share: 5 / 120 },
    ],
  });
});

it('adds the profiles of one process together', () => {
  const summary = summarizeCpuProfiles([profile(), profile()], 1);
  expect(summary.busyMicros).toBe(240);
  expect(summary.functions).toEqual([{ name: 'parse', micros: 80, share: 80 / 240 }]);
});

it('names the owner of a script', () => {
  expect(codeOwner('node:internal/streams/writable')).toBe('node internals');
  expect(codeOwner(`file://${root}/node_modules/avsc/lib/types.js`)).toBe('avsc');
  expect(codeOwner(`file://${root}/node_modules/@aws-sdk/client-s3/dist/index.js`)).toBe('@aws-sdk/client-s3');
  expect(codeOwner(`file://${root}/packages/contracts/src/codec.ts`)).toBe('@sl/contracts');
  expect(codeOwner(`file://${root}/services/enricher/src/main.ts`)).toBe('services/enricher');
  expect(codeOwner(`file://${root}/node_modules/kafkajs/node_modules/long/index.js`)).toBe('long');
  expect(codeOwner('evalmachine.<anonymous>')).toBe('other scripts');
  expect(codeOwner('')).toBeUndefined();
});
