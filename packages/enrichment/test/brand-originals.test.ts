import { describe, expect, it } from 'vitest';
import { BrandOriginals } from '../src/dedupe/brand-originals.ts';

describe('BrandOriginals', () => {
  it('answers like a Map for one brand and for several, a set replacing the brand it names', () => {
    const originals = new BrandOriginals();
    expect([originals.get('acme'), originals.has('acme')]).toEqual([undefined, false]);
    originals.set('acme', 'm1');
    originals.set('globex', 'm0');
    originals.set('initech', 'm1');
    originals.set('globex', 'm2');
    originals.set('acme', 'm3');
    expect(['acme', 'globex', 'initech', 'hooli'].map((brand) => [originals.get(brand), originals.has(brand)])).toEqual([
      ['m3', true],
      ['m2', true],
      ['m1', true],
      [undefined, false],
    ]);
  });
});
