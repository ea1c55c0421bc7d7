// Is a mention a question put to the brand in public? A question mark or an interrogative opening
// in a sentence that names the brand (or addresses one of its accounts), or any question posted
// as a reply to the brand's own post.

const INTERROGATIVE_OPENING =
  /^(how|why|what|when|where|who|which|whom|whose|can|could|does|do|did|is|are|was|were|will|would|should|has|have|any ?one|anybody|is there)\b/i;

/**
 * Words by which a question turns to the brand just named: you. Not "it" or "they": "Took the
 * Metro to work. Why is it always raining?" asks the sky.
 */
const ADDRESSES_SOMEONE = /\b(you|your|yours|u|ur|y'all|yall)\b/i;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface QuestionContext {
  /** Lower-case words or phrases naming the brand (its name, matched terms, its accounts). */
  names: readonly string[];
  /** The mention replies to one of the brand's own posts. */
  repliesToBrand: boolean;
}

function isQuestionSentence(sentence: string): boolean {
  if (sentence.endsWith('?') || /\?\s*[)"'»]*$/.test(sentence)) return true;
  return INTERROGATIVE_OPENING.test(sentence) && sentence.includes('?');
}

export function isQuestionToBrand(text: string, context: QuestionContext): boolean {
  if (!text.includes('?')) return false;
  const all = sentences(text);
  if (context.repliesToBrand) return all.some(isQuestionSentence);
  const lowerNames = context.names.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  // The question sentence names the brand ("@acme is the store open on Sunday?"), or the one before
  // it does and the question turns to the brand ("Love Acme. Do you deliver?"). A question that turns to nobody after naming the brand ("Another evening with
  // @game. Who needs sleep anyway?") is the author talking, not asking the brand.
  for (const [i, sentence] of all.entries()) {
    if (!isQuestionSentence(sentence)) continue;
    const own = sentence.toLowerCase();
    if (lowerNames.some((name) => containsWord(own, name))) return true;
    const before = (all[i - 1] ?? '').toLowerCase();
    if (ADDRESSES_SOMEONE.test(own) && lowerNames.some((name) => containsWord(before, name))) return true;
  }
  return false;
}

function containsWord(haystack: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : (haystack[at - 1] ?? '');
    const after = haystack[at + word.length] ?? '';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
    from = at + 1;
  }
}
