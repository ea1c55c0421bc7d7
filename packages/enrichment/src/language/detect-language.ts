// Language of a mention's text, or null when there is too little to tell. eld's detection with its
// "extrasmall" n-gram database (Apache-2.0, bundled, 60 languages, no network), run on flat tables
// (ngram-language-detector.ts: eld's verdict for every text, ~85 MB less resident and a fraction
// of eld's CPU). Against eld's small database, tinyld, franc-min and cld3-asm on text nobody here
// wrote (UDHR paragraphs in 13 languages, `npm run bench:language -w @sl/enrichment`) it was as
// right as small and the fastest (figures in the package README).
import { languageText } from './language-text.ts';
import { NgramLanguageDetector } from './ngram-language-detector.ts';

export { MIN_LETTERS_FOR_LANGUAGE } from './language-text.ts';

/** Built on first use: a process that never detects a language does not read the table. */
let detector: NgramLanguageDetector | null = null;

/** ISO 639-1 code such as "en" or "pt" (a valid BCP 47 tag), or null when not confident. */
export function detectLanguage(text: string): string | null {
  const cleaned = languageText(text);
  if (cleaned === null) return null;
  detector ??= new NgramLanguageDetector();
  const verdict = detector.detect(cleaned);
  return verdict.language !== '' && verdict.reliable ? verdict.language : null;
}
