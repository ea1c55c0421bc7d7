// Language of a mention's text, or null when there is too little to tell. Uses tinyld (MIT,
// bundled, 62 languages, no network): on text nobody here wrote (UDHR paragraphs in 13
// languages, `npm run bench:language -w @sl/enrichment`) it is nearly as right as eld's small
// database, which it replaced, but adds ~40 MB to a process where eld added ~140 MB, most of the
// enricher's 300 MB budget (figures in the package README).
import { detect } from 'tinyld';
import { languageText } from './language-text.ts';

export { MIN_LETTERS_FOR_LANGUAGE } from './language-text.ts';

/** ISO 639-1 code such as "en" or "pt" (a valid BCP 47 tag), or null when not confident. */
export function detectLanguage(text: string): string | null {
  const cleaned = languageText(text);
  if (cleaned === null) return null;
  // tinyld answers '' when no language is likely enough.
  return detect(cleaned) || null;
}
