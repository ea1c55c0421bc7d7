// Undoes the disguises comment spam uses to slip past word filters, so the rules and the model read
// the words underneath, and says whether a disguise was there (the `disguised_text` reason):
// - lookalike letters from other alphabets inside Latin words ("сhесk" with Cyrillic с and е);
//   a word wholly in another alphabet is that language's word and is left alone;
// - fancy letters (full-width "ｃｈｅｃｋ", mathematical bold "𝐜𝐡𝐞𝐜𝐤"): folded by NFKC, but no
//   disguise by themselves (people style their text with them);
// - web addresses broken up so no link is found: "youtube. com", "youtube dot com", "site(dot)net",
//   and the "(delete the spaces)" that comes with them.
// Letters spaced out ("c h e c k") are joined by plainCommentText, which still sees the double
// spaces between words; they are no disguise by themselves either ("L O V E this song").
// Reads lower-case plain text (plainCommentText). Each step runs only when its cheap test passes:
// most comments are plain ASCII with no broken address and cost three quick regular expression tests.
export interface RevealedText {
  text: string;
  disguised: boolean;
}

/** Cyrillic and Greek lower-case letters drawn like Latin ones, and the Latin letter each mimics. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};
const LOOKALIKE_CLASS = Object.keys(LOOKALIKES).join('');
/** A word with at least one ASCII letter and at least one lookalike. */
const MIXED_WORD = new RegExp(`[a-z${LOOKALIKE_CLASS}]*(?:[a-z][${LOOKALIKE_CLASS}]|[${LOOKALIKE_CLASS}][a-z])[a-z${LOOKALIKE_CLASS}]*`, 'g');
const LOOKALIKE = new RegExp(`[${LOOKALIKE_CLASS}]`, 'g');
const GREEK_OR_CYRILLIC = /[\u0370-\u052f]/;
/** Full-width forms and the mathematical alphanumerics (a surrogate pair starting U+D835). */
const FANCY = /[\uff01-\uff5e]|\ud835/;

// After a bare ". " only top-level domains that are no English word ("love me. me too" is no address).
const DOTTED_TLD = '(?:com|net|org|info|biz|xyz)';
const SPELLED_TLD = '(?:com|net|org|info|biz|ru|ly|gl|xyz|be|tv|co|me|io|us|uk|de)';
/**
 * A host broken before its top-level domain: "youtube. com", "youtube .com", "youtube dot com",
 * "site(dot)net". After a dot and a space the domain must end the address (a path, punctuation or
 * the end follow): "the co-op. com is short for company" is a sentence.
 */
const BROKEN_HOST = new RegExp(
  String.raw`\b([a-z0-9][a-z0-9-]*)(?:(?:\s*\.\s+|\s+\.\s*)(${DOTTED_TLD})(?=[/:?#]|\s*$|\s*[^\sa-z0-9])|(?:\s+dot\s+|\s*[([{]dot[)\]}]\s*)(${SPELLED_TLD})(?![a-z0-9]))`,
  'g',
);
/** "www. youtube.com" and "www .youtube": the other place an address is broken. */
const BROKEN_WWW = /\bwww\s*\.\s+|\bwww\s+\.\s*/g;
/** Said with a broken address: "(delete spaces)", "remove the dots". */
const REMOVE_SPACES = /\b(?:delete|remove|take out) (?:the |all )?(?:spaces|space|dots)\b/;
const ADDRESS = /\.[a-z]{2}/;
/**
 * Every broken address has one of these words, and most comments none: a cheaper test than the
 * broken forms themselves (a bare " me" or " us" is no hint: those domains must be spelt "dot me").
 */
const BROKEN_HINT = /\b(?:com|net|org|info|biz|xyz|dot|www|dots)\b|[([{]dot|spaces?\b/;
const BROKEN_FORM = new RegExp(String.raw`\s\.?\s*${DOTTED_TLD}(?![a-z0-9])|\.\s+${DOTTED_TLD}(?![a-z0-9])|\bdot\b|[([{]dot|\bwww\s|\bwww\.\s|spaces?\b|\bdots\b`);

export function revealDisguisedText(plain: string): RevealedText {
  let text = plain;
  let disguised = false;
  if (FANCY.test(text)) text = text.normalize('NFKC').toLowerCase();
  if (GREEK_OR_CYRILLIC.test(text))
    text = text.replace(MIXED_WORD, (word) => {
      disguised = true;
      return word.replace(LOOKALIKE, (letter) => LOOKALIKES[letter] ?? letter);
    });
  if (BROKEN_HINT.test(text) && BROKEN_FORM.test(text)) {
    const before = text;
    text = text
      .replace(BROKEN_WWW, 'www.')
      .replace(BROKEN_HOST, (_, host: string, dotted?: string, spelled?: string) => `${host}.${dotted ?? spelled}`);
    if (text !== before || (REMOVE_SPACES.test(text) && ADDRESS.test(text))) disguised = true;
  }
  return { text, disguised };
}
