// Accuracy and macro-F1. Macro-F1 averages F1 over the classes present in the slice's gold
// labels, so on the binary UCI sets a "neutral" prediction costs recall but neutral adds no class.
import type { SentimentLabel } from '@sl/contracts';

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
}

export function evaluate(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): Scores {
  const classes = [...new Set(gold)].sort();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  let f1Sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    f1Sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return {
    n: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1: classes.length === 0 ? 0 : f1Sum / classes.length,
  };
}
