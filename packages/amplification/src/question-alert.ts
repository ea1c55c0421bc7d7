// unanswered_question: the questions that fell due in one window without a reply from the brand,
// raised together when the window closes, so each question is in exactly one alert.
import type { Brand } from '@sl/contracts';
import { type AlertDraft, span, windowAlertId } from './alert-text.ts';
import type { OpenQuestion } from './brand-state.ts';
import { MAX_MENTION_IDS, MAX_SAMPLES } from './window-tally.ts';

export function unansweredAlert(brand: Brand, windowStart: number, windowMs: number, questions: readonly OpenQuestion[]): AlertDraft {
  const minutes = brand.alertThresholds.questionReplyMinutes;
  const first = questions[0];
  const one = questions.length === 1 && first !== undefined;
  const who = one ? ` from @${first.author.slice(first.author.indexOf(':') + 1)}` : '';
  return {
    id: windowAlertId(brand.id, 'unanswered_question', windowStart),
    kind: 'unanswered_question',
    severity: questions.length >= 5 ? 'critical' : 'warning',
    windowStart,
    windowEnd: windowStart + windowMs,
    observed: questions.length,
    expected: 0,
    mentionIds: questions.slice(0, MAX_MENTION_IDS).map((q) => q.id),
    sampleTexts: questions.slice(0, MAX_SAMPLES).map((q) => q.text),
    author: one ? first.author : null,
    url: one ? first.url : null,
    explanation: `${one ? 'A public question' : `${questions.length} public questions`}${who} to ${brand.name} had no reply from its accounts within ${minutes} minutes (due ${span(windowStart, windowStart + windowMs)}).`,
  };
}
