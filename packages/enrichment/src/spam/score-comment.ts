// A comment's spam score from what it says and who it says it as, with no context: the reasons of
// text-signals.ts, weighed by the trained model, plus the weights of the reasons the training data
// cannot teach. The enricher adds thread and author context (spam-score.ts); `sl enrich` and the
// benchmark call this directly.
import { plainCommentText } from './comment-text.ts';
import { revealDisguisedText } from './disguised-text.ts';
import { type SpamModel, shippedSpamModel } from './spam-model.ts';
import type { SpamReasonCode } from './spam-reasons.ts';
import { combineSpamSignals, type SpamResult } from './spam-score.ts';
import { type CommentShape, commentShape, textSignals } from './text-signals.ts';

export interface CommentToScore {
  text: string;
  /** Display name or handle, when the source gives one. */
  author?: string | null;
}

export interface TextSpamVerdict {
  /** The model's probability alone, before rule weights. */
  modelScore: number;
  /** Reasons read from the text and author name, in catalogue order. */
  textReasons: SpamReasonCode[];
}

/** What the model reads of a comment: its shape and text reasons (training reads the same). */
export function readComment(comment: CommentToScore): { shape: CommentShape; reasons: SpamReasonCode[] } {
  let text = plainCommentText(comment.text);
  let shape = commentShape(text, comment.text);
  // Most comments have nothing to reveal, and commentShape says which might: read twice only those.
  if (shape.mayBeDisguised) {
    const revealed = revealDisguisedText(text);
    if (revealed.disguised || revealed.text !== text) {
      text = revealed.text;
      shape = commentShape(text, comment.text, revealed.disguised);
    }
  }
  return { shape, reasons: textSignals(text, comment.author ?? null, shape) };
}

export function readCommentText(comment: CommentToScore, model: SpamModel = shippedSpamModel()): TextSpamVerdict {
  const { shape, reasons } = readComment(comment);
  return { modelScore: model.probability(shape, reasons), textReasons: reasons };
}

const NO_CONTEXT: ReadonlyMap<SpamReasonCode, number> = new Map();

/** Score and reasons of one comment on its own (no copies, thread or author history). */
export function scoreComment(comment: CommentToScore, model: SpamModel = shippedSpamModel()): SpamResult {
  return combineSpamSignals(readCommentText(comment, model), NO_CONTEXT);
}
