// The peer scorers, each with the label mapping its documentation gives: VADER's compound with
// its ±0.05 thresholds; the sign of the AFINN score for `sentiment`, of wink-sentiment's
// normalizedScore and of wink-nlp's document sentiment (zero is neutral).
import { createRequire } from 'node:module';
import type { SentimentLabel } from '@sl/contracts';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { scoreSentiment } from '../src/index.ts';

const require = createRequire(import.meta.url);

export interface Scorer {
  name: string;
  /** Package, version and how its score becomes a label. */
  about: string;
  label(text: string): SentimentLabel;
}

function bySign(x: number, threshold = 0): SentimentLabel {
  if (x > threshold || (threshold > 0 && x >= threshold)) return 'positive';
  if (x < -threshold || (threshold > 0 && x <= -threshold)) return 'negative';
  return 'neutral';
}

function versionOf(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

export function createScorers(): Scorer[] {
  const vader = require('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
  };
  const AfinnSentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };
  const afinn = new AfinnSentiment();
  const winkSentiment = require('wink-sentiment') as (text: string) => { normalizedScore: number };
  const nlp = winkNLP(model);
  const its = nlp.its;
  return [
    { name: '@sl/sentiment', about: 'this package, compound ≥ 0.05 / ≤ -0.05', label: (text) => scoreSentiment(text).label },
    {
      name: 'vader-sentiment',
      about: `vader-sentiment ${versionOf('vader-sentiment')}, compound ≥ 0.05 / ≤ -0.05`,
      label: (text) => bySign(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound, 0.05),
    },
    {
      name: 'sentiment (AFINN)',
      about: `sentiment ${versionOf('sentiment')}, sign of score`,
      label: (text) => bySign(afinn.analyze(text).score),
    },
    {
      name: 'wink-sentiment',
      about: `wink-sentiment ${versionOf('wink-sentiment')}, sign of normalizedScore`,
      label: (text) => bySign(winkSentiment(text).normalizedScore),
    },
    {
      name: 'wink-nlp',
      about: `wink-nlp ${versionOf('wink-nlp')} + wink-eng-lite-web-model ${versionOf('wink-eng-lite-web-model')}, sign of its.sentiment`,
      label: (text) => bySign(nlp.readDoc(text).out(its.sentiment) as number),
    },
  ];
}
