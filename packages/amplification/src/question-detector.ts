// Is a mention a question put to the brand in public? A question mark or an interrogative opening
// in a sentence that names the brand (or addresses one of its accounts), or any question posted
// as a reply to the brand's own post.

const INTERROGATIVE_OPENING =
  /^(how|why|what|when|where|who|which|whom|whose|can|could|does|do|did|is|are|was|were|will|would|should|has|have|any ?one|anybody|is there)\b/i;

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
  // The question sentence, or the one before it, names the brand: "Acme: does it ship to Oslo?"
  for (const [i, sentence] of all.entries()) {
    if (!isQuestionSentence(sentence)) continue;
    const scope = `${all[i - 1] ?? ''} ${sentence}`.toLowerCase();
    if (lowerNames.some((name) => containsWord(scope, name))) return true;
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
