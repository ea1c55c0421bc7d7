// Case and accent folding shared by queries and documents, so both sides meet in one form:
// "Café" and "CAFE" both become "cafe". NFKD splits accented letters into base + combining
// mark; marks are dropped only after Latin, Greek and Cyrillic letters, where they are accents.
// In scripts such as Devanagari or Arabic the marks are vowels and stay.
const ACCENTS_AFTER_ALPHABETIC = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const NEEDS_FOLDING = /[^\x20-\x40\x5b-\x7e]/;

export function foldText(text: string): string {
  // Fast path: plain lower-case ASCII needs nothing but lowercasing.
  if (!NEEDS_FOLDING.test(text)) return text;
  return text.normalize('NFKD').replace(ACCENTS_AFTER_ALPHABETIC, '$1').toLowerCase().replace(/ß/g, 'ss');
}
