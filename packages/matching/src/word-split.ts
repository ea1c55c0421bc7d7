// What counts as a word, shared by queries and documents so both split the same way. A word is a
// run of letters, digits and marks; punctuation, spaces, emoji and `_` separate words. Scripts
// written without spaces (Han, Hiragana, Katakana, Thai) have no word boundaries to find
// without a dictionary, so each of their characters is a word of its own and a term in them
// matches as a phrase of characters, i.e. as a substring.
export const UNSPACED_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]`;
export const SPACED_WORD = String.raw`[[\p{L}\p{N}\p{M}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]]+`;

const WORD = new RegExp(`${UNSPACED_CHAR}|${SPACED_WORD}`, 'gv');

/** Splits already-folded text into words. */
export function splitWords(folded: string): string[] {
  return folded.match(WORD) ?? [];
}
