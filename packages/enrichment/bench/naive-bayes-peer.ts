// A peer for the spam scorer: the npm package wink-naive-bayes-text-classifier, trained in the
// benchmark on the same comments as the model it is compared with, as its documentation sets it up
// (its default configuration, words as tokens). It predicts "spam", "ham" or "unknown" (no word it
// has seen); only "spam" counts as flagged.
import { createRequire } from 'node:module';
import type { LabelledComment } from '../scripts/youtube-spam-data.ts';
import { plainCommentText } from '../src/spam/comment-text.ts';

const require = createRequire(import.meta.url);

interface NaiveBayesTextClassifier {
  definePrepTasks(tasks: Array<(input: string) => string[]>): number;
  learn(input: string, label: string): boolean;
  consolidate(): boolean;
  predict(input: string): string;
}

export const NAIVE_BAYES_VERSION = (require('wink-naive-bayes-text-classifier/package.json') as { version: string }).version;

/** Lower-case words of the comment's plain text (HTML and entities gone, as the scorer reads it). */
const words = (text: string): string[] => plainCommentText(text).match(/[\p{L}\p{N}']+/gu) ?? [];

export function trainNaiveBayes(comments: readonly LabelledComment[]): (text: string) => boolean {
  const create = require('wink-naive-bayes-text-classifier') as () => NaiveBayesTextClassifier;
  const classifier = create();
  classifier.definePrepTasks([words]);
  for (const comment of comments) classifier.learn(comment.text, comment.spam ? 'spam' : 'ham');
  classifier.consolidate();
  return (text) => classifier.predict(text) === 'spam';
}
