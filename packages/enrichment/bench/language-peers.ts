// The language detectors compared by language-bench.ts, each behind the same function as
// detectLanguage (the same text cleanup first, ISO 639-1 out, null when the detector is not sure).
// Each is loaded on demand, so a child process holds only the one it measures.
import { languageText } from '../src/language/language-text.ts';

export type Detect = (text: string) => string | null;

/** ISO 639-3 → 639-1 for the languages franc-min knows that have a two-letter code. */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  rus: 'ru',
  jpn: 'ja',
  cmn: 'zh',
  arb: 'ar',
  tur: 'tr',
  pol: 'pl',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  bos: 'bs',
  slv: 'sl',
  ces: 'cs',
  slk: 'sk',
  ron: 'ro',
  hun: 'hu',
  swe: 'sv',
  dan: 'da',
  nob: 'nb',
  nno: 'nn',
  fin: 'fi',
  ell: 'el',
  hin: 'hi',
  ben: 'bn',
  urd: 'ur',
  pes: 'fa',
  ind: 'id',
  zlm: 'ms',
  vie: 'vi',
  tha: 'th',
  kor: 'ko',
  heb: 'he',
  cat: 'ca',
  glg: 'gl',
  eus: 'eu',
  azj: 'az',
  uzn: 'uz',
  kaz: 'kk',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  som: 'so',
  zul: 'zu',
  xho: 'xh',
  afr: 'af',
  tgl: 'tl',
  amh: 'am',
  tam: 'ta',
  tel: 'te',
  mar: 'mr',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  pan: 'pa',
  nep: 'ne',
  sin: 'si',
  mya: 'my',
  khm: 'km',
  lao: 'lo',
  kat: 'ka',
  hye: 'hy',
};

function cleaned(detect: (text: string) => string | null): Detect {
  return (text) => {
    const t = languageText(text);
    return t === null ? null : detect(t);
  };
}

export const PEERS: Readonly<Record<string, () => Promise<Detect>>> = {
  'eld 2.1.0 small': async () => {
    const { eld } = await import('eld/small');
    return cleaned((t) => {
      const r = eld.detect(t);
      return r.language !== '' && r.isReliable() ? r.language : null;
    });
  },
  'eld 2.1.0 extrasmall': async () => {
    const { eld } = await import('eld/extrasmall');
    return cleaned((t) => {
      const r = eld.detect(t);
      return r.language !== '' && r.isReliable() ? r.language : null;
    });
  },
  // What the enricher runs (detectLanguage): eld's extrasmall detection on flat tables.
  'eld 2.1.0 extrasmall, flat tables (the enricher)': async () => {
    const { detectLanguage } = await import('../src/language/detect-language.ts');
    // Its table is read on first use: read it now, so the memory once loaded includes it.
    detectLanguage('the table is read on first use');
    return detectLanguage;
  },
  'tinyld 1.3.4': async () => {
    const { detect } = await import('tinyld');
    return cleaned((t) => detect(t) || null);
  },
  'tinyld 1.3.4 light': async () => {
    const { detect } = await import('tinyld/light');
    return cleaned((t) => detect(t) || null);
  },
  'franc-min 6.2.0': async () => {
    const { franc } = await import('franc-min');
    return cleaned((t) => {
      const code = franc(t, { minLength: 1 });
      return code === 'und' ? null : (ISO_639_1[code] ?? code);
    });
  },
  'cld3-asm 4.0.0': async () => {
    const { loadModule } = await import('cld3-asm');
    const identifier = (await loadModule()).create(0, 700);
    return cleaned((t) => {
      const r = identifier.findLanguage(t);
      return r.is_reliable && r.language !== 'und' ? (r.language.split('-')[0] ?? null) : null;
    });
  },
};
