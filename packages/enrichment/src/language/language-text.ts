// What a language detector should read of a mention: links, handles, hashtags, digits, emoji and
// punctuation say nothing about the language, so they are removed; with too few letters left
// nobody can tell, so no detector is asked.

/** Fewer letters than this (after removing links, handles, hashtags) and we do not guess. */
export const MIN_LETTERS_FOR_LANGUAGE = 4;

const NOT_LANGUAGE = /(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_.]+|[^\p{L}\p{M}\s'’-]+/gu;
const LETTER = /\p{L}/gu;

/** The text a detector reads, or null when it has fewer than MIN_LETTERS_FOR_LANGUAGE letters. */
export function languageText(text: string): string | null {
  const cleaned = text.replace(NOT_LANGUAGE, ' ');
  return hasLetters(cleaned, MIN_LETTERS_FOR_LANGUAGE) ? cleaned : null;
}

/** At least `min` letters in `text`; stops counting there. */
function hasLetters(text: string, min: number): boolean {
  LETTER.lastIndex = 0;
  let letters = 0;
  while (LETTER.test(text)) if (++letters >= min) return true;
  return false;
}
