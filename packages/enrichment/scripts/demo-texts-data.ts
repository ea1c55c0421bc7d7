// Ordinary product talk in the project's own demo traffic (@sl/generator), as not-spam examples:
// the YouTube videos' ham is chatter about a song, so without these the model took everyday
// customer posts ("support sorted out my subscription order...") for spam. Seed 1 trains; the
// benchmark reports false flags on seed 7, whose texts come from the same templates (so that
// figure is optimistic, and says so).
import { createGenerator } from '@sl/generator';
import type { LabelledComment } from './youtube-spam-data.ts';

/** The generator's spam accounts, known by their handles (generator/src/authors.ts spamAuthor). */
export const DEMO_SPAM_ACCOUNT = /^(?:u\/)?(?:deals|promo|growth|fans|bargain|offers)_/;

/** Every `every`-th ordinary mention of an hour of demo traffic from `seed`. */
export function readDemoTexts(seed: number, every = 20): LabelledComment[] {
  const start = Date.UTC(2025, 0, 6);
  return createGenerator({ seed })
    .history(start, start + 3_600_000)
    .filter((m, i) => i % every === 0 && !DEMO_SPAM_ACCOUNT.test(m.author.handle))
    .map((m) => ({ video: `demo-seed-${seed}`, id: m.id, author: m.author.name ?? m.author.handle, text: m.text, spam: false }));
}
