// Language of a mention's text, or null when there is too little to tell. Uses eld's
// "extrasmall" n-gram database (Apache-2.0, bundled, 60 languages, no network). Against eld's
// small database (used before), tinyld, franc-min and cld3-asm on text nobody here wrote (UDHR
// paragraphs in 13 languages, `npm run bench:language -w @sl/enrichment`) it was as right as
// small, the fastest, and adds ~85 MB to a process where small added ~130 MB; tinyld adds ~40 MB
// but costs about three times the CPU per social post (figures in the package README).
import { eld } from 'eld/extrasmall';
import { languageText } from './language-text.ts';

export { MIN_LETTERS_FOR_LANGUAGE } from './language-text.ts';

/** ISO 639-1 code such as "en" or "pt" (a valid BCP 47 tag), or null when not confident. */
export function detectLanguage(text: string): string | null {
  const cleaned = languageText(text);
  if (cleaned === null) return null;
  const result = eld.detect(cleaned);
  return result.language !== '' && result.isReliable() ? result.language : null;
}
