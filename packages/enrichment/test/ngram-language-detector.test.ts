import { readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { NgramLanguageDetector } from '../src/language/ngram-language-detector.ts';
import { eldExtrasmallFile, parseNgramTable, readNgramTable } from '../src/language/ngram-table.ts';
import { readUdhr } from '../bench/udhr-data.ts';
import { readVideo, VIDEOS } from '../scripts/youtube-spam-data.ts';

// eld's own loaded database, the reference the flat table must equal.
const { ngramsData } = (await import(new URL('../ngrams/extrasmall.js', import.meta.resolve('eld/extrasmall')).href)) as {
  ngramsData: { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
};

describe('readNgramTable', () => {
  const table = readNgramTable();

  it("holds every n-gram of eld's extrasmall database with its scores plus eld's base of 53", () => {
    expect(table.languages).toEqual(Object.values(ngramsData.languages));
    expect(table.languages.length).toBe(60);
    expect(table.rows.size).toBe(Object.keys(ngramsData.ngrams).length);
    expect(table.rows.size).toBe(49_553);
    let mismatches = 0;
    for (const [ngram, byLanguage] of Object.entries(ngramsData.ngrams)) {
      const row = table.rows.get(ngram) as number;
      const got: Record<string, number> = {};
      for (let k = table.rowStart[row] as number; k < (table.rowStart[row + 1] as number); k++)
        got[String(table.language[k])] = (table.points[k] as number) - 53;
      if (JSON.stringify(got) !== JSON.stringify(byLanguage)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('stops at the first thing it does not expect, with the position', () => {
    const source = readFileSync(eldExtrasmallFile(), 'utf8');
    expect(() => parseNgramTable(source.replace("' Lé4L':{0:176}", "' Lé4L':{0:-176}"))).toThrow(
      /^eld n-gram data: expected a non-negative integer at character \d+, found "-176/,
    );
    expect(() => parseNgramTable('export const other = {}')).toThrow(
      'eld n-gram data: expected export const ngramsData at character 0, found "export const other ="',
    );
  });
});

describe('NgramLanguageDetector', () => {
  const detector = new NgramLanguageDetector();
  /** eld's verdict as detectLanguage reads it: the language, and whether it is reliable. */
  const eldVerdict = (text: string) => {
    const result = eld.detect(text);
    return { language: result.language, reliable: result.language !== '' && result.isReliable() };
  };

  it("gives eld's verdict on every UDHR paragraph (13 languages), whole and cut short", () => {
    const texts = readUdhr().flatMap((t) => [t.text, t.text.slice(0, 40), t.text.slice(0, 12)]);
    expect(texts.length).toBe(1_950);
    const differing = texts.filter((text) => JSON.stringify(detector.detect(text)) !== JSON.stringify(eldVerdict(text)));
    expect(differing).toEqual([]);
  });

  it("gives eld's verdict on every YouTube comment of the spam collection (HTML, emoji, links as read)", () => {
    const texts = VIDEOS.flatMap((video) => readVideo(video).map((c) => c.text));
    expect(texts.length).toBe(1_138);
    const differing = texts.filter((text) => JSON.stringify(detector.detect(text)) !== JSON.stringify(eldVerdict(text)));
    expect(differing).toEqual([]);
  });

  it("gives eld's verdict where n-grams are not 4 bytes: words past 70 bytes, bytes eld spells as a space, surrogates", () => {
    // Byte strings here pack at most 6 characters; a longer tail (a word past 71 bytes) is looked up
    // as eld's string, and two-byte letters such as "ș" have bytes eld's table spells as a space.
    const long = (letter: string, n: number) => letter.repeat(n);
    const texts = [
      `${long('a', 71)} ${long('e', 72)} ${long('é', 36)} ${long('о', 40)} the end of it`,
      `${long('ab', 50)} ${long('ab', 50)} ${long('ab', 51)} house`,
      'aș țară în română șir ţ ş', // ș (U+0219): bytes 0xC8 0x99, eld spells 0xC8 as a space
      'ok 😀 ok 𝒜𝒷𝒸 ok \uD83D ok',
      `${'\uD83D'}end`,
      'δ'.repeat(200),
      `${'word '.repeat(69)}supercalifragilisticexpialidocious`,
    ];
    const differing = texts.filter((text) => JSON.stringify(detector.detect(text)) !== JSON.stringify(eldVerdict(text)));
    expect(differing).toEqual([]);
    // Most of them score (a text without a known n-gram would compare nothing).
    expect(texts.filter((text) => detector.detect(text).language !== '').length).toBeGreaterThanOrEqual(5);
  });

  it('has no language for text without a known n-gram', () => {
    expect(detector.detect('')).toEqual({ language: '', reliable: false });
    expect(detector.detect('12345 !!!')).toEqual({ language: '', reliable: false });
  });
});
