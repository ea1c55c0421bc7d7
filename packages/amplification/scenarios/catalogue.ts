// Every scenario of the suite, tune first. Build one at a time: the largest is ~300,000 mentions.
import { HOLDOUT_SCENARIOS } from './holdout-scenarios.ts';
import type { ScenarioRecipe } from './scenario.ts';
import { TUNE_SCENARIOS } from './tune-scenarios.ts';

export const SCENARIOS: readonly ScenarioRecipe[] = [...TUNE_SCENARIOS, ...HOLDOUT_SCENARIOS];

export function scenarioRecipe(name: string): ScenarioRecipe {
  const recipe = SCENARIOS.find((s) => s.name === name);
  if (!recipe) throw new Error(`no scenario named ${name} (have: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  return recipe;
}
