// Fills an industry template for one brand, and scores it the way the sentiment stage would label
// it: the label is chosen first (it is what the scenario plants), the compound and drivers follow.
import type { Sentiment, SentimentDriver, SentimentLabel } from '@sl/contracts';
import type { Prng } from './prng.ts';
import type { Industry, Language } from './vocabulary/industry.ts';

export interface BrandWords {
  name: string;
  /** Main account, without '@'. */
  handle: string;
  /** Hashtag, without '#'. */
  tag: string;
  industry: Industry;
}

export interface SlotValues {
  asker?: string;
  user?: string;
  friend?: string;
}

/** How {brand} is written: any form for chatter, only the name or the @account where the brand must be named. */
export type BrandForm = 'any' | 'named';

function brandMention(words: BrandWords, form: BrandForm, rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.72) return words.name;
  if (roll < 0.92 || form === 'named') return `@${words.handle}`;
  return `#${words.tag}`;
}

function clock(rng: Prng): string {
  const hour = rng.int(6, 22);
  const minute = rng.pick(['00', '05', '10', '15', '20', '25', '30', '35', '40', '45', '50', '55']);
  return `${hour}:${minute}`;
}

export function fillTemplate(template: string, words: BrandWords, rng: Prng, slots: SlotValues = {}, form: BrandForm = 'any'): string {
  return template.replace(/\{(\w+)\}/g, (whole, slot: string) => {
    switch (slot) {
      case 'brand':
        return brandMention(words, form, rng);
      case 'name':
        return words.name;
      case 'handle':
        return `@${words.handle}`;
      case 'product':
        return rng.pick(words.industry.products);
      case 'place':
        return rng.pick(words.industry.places);
      case 'n':
        return String(rng.int(2, 45));
      case 'time':
        return clock(rng);
      case 'friend':
        return `@${slots.friend ?? 'a_friend'}`;
      case 'asker':
        return `@${slots.asker ?? 'there'}`;
      case 'user':
        return slots.user ?? 'you';
      default:
        throw new Error(`unknown template slot ${whole}`);
    }
  });
}

const OPENERS: Record<Language, string[]> = {
  en: ['', '', '', '', 'Honestly, ', 'Ok so ', 'Not gonna lie, ', 'Update: ', 'So. ', 'Fun fact: '],
  de: ['', '', '', '', 'Ehrlich gesagt: ', 'Also ', 'Kurzes Update: ', 'Ok, '],
};
const CLOSERS: Record<Language, string[]> = {
  en: ['', '', '', '', ' Anyway.', ' 😅', ' 👍', ' Long day.', ' As usual.', ' Happy Friday to me.', ' #local'],
  de: ['', '', '', '', ' Naja.', ' 🙄', ' 👍', ' Wie immer.'],
};

// A second sentence people add; none of them asks anything.
const DETAILS: Record<Language, string[]> = {
  en: [
    'Third time this month.',
    'Took {n} minutes.',
    'Around {time} today.',
    'With the kids.',
    'Before work.',
    'After the gym.',
    'On my lunch break.',
    'In the pouring rain.',
    'Day {n} of this.',
    'My partner agrees.',
    'Telling everyone at work.',
    'First time in {n} weeks.',
    'Not complaining, just noting.',
    'Photo in the replies.',
    'Mum says hi.',
    'Week {n} of the new routine.',
  ],
  de: [
    'Zum dritten Mal diesen Monat.',
    'Hat {n} Minuten gedauert.',
    'Heute gegen {time}.',
    'Mit den Kindern.',
    'Vor der Arbeit.',
    'In der Mittagspause.',
    'Im strömenden Regen.',
    'Tag {n}.',
    'Foto in den Antworten.',
  ],
};

/** A customer's own wording around a filled template: most people write the bare sentence. */
export function customerVoice(template: string, text: string, language: Language, rng: Prng): string {
  const opener = rng.pick(OPENERS[language]);
  const closer = rng.pick(CLOSERS[language]);
  // A sentence that starts with a name (a slot, or any German noun) keeps its capital after "Ok, ".
  const keepCase = template.startsWith('{') || language === 'de' || /[.:] $/.test(opener);
  const body = opener === '' || keepCase ? opener + text : opener + text.charAt(0).toLowerCase() + text.slice(1);
  const detail = rng.chance(0.55)
    ? ` ${rng
        .pick(DETAILS[language])
        .replace('{n}', String(rng.int(2, 30)))
        .replace('{time}', `${rng.int(6, 22)}:${rng.pick(['00', '10', '20', '30', '40', '50'])}`)}`
    : '';
  return body + detail + closer;
}

const QUESTION_LEADS: Record<Language, string[]> = {
  en: ['', '', '', 'Quick one. ', 'Hi all. ', 'Asking for a friend. ', 'Sorry if this was asked before. ', 'Hello. ', 'Planning ahead. '],
  de: ['', '', '', 'Kurze Frage. ', 'Hallo zusammen. ', 'Sorry, falls das schon gefragt wurde. '],
};

/** A question as people write it: sometimes a short sentence before it, never a second question. */
export function askerVoice(text: string, language: Language, rng: Prng): string {
  return rng.pick(QUESTION_LEADS[language]) + text;
}

// Words the sentiment stage would name as drivers, with their sign.
const LEXICON: Record<Language, Record<string, number>> = {
  en: Object.fromEntries([
    ...'love lovely great best perfect friendly fresh delicious recommend brilliant smooth helpful impressed wonderful kind kindest amazing beautiful fun thanks thank heroes good nice stunning gorgeous spotless incredible'
      .split(' ')
      .map((w) => [w, 1]),
    ...'stale rude awful terrible disgusting horrifying broken down late delayed cancelled lost worst furious angry useless disgrace disgraceful shameful unacceptable mess crash crashes declined overdrawn sick poisoning scam fraud leak leaked outrageous appalling nightmare disappointing annoying hopeless chaos dangerous criminal ashamed'
      .split(' ')
      .map((w) => [w, -1]),
  ]),
  de: Object.fromEntries([
    ...'super danke gut toll schön nett freut besser'.split(' ').map((w) => [w, 1]),
    ...'kaputt ärgerlich furchtbar katastrophe unmöglich wütend unfassbar verspätet ausgefallen schämt witz überfüllt'
      .split(' ')
      .map((w) => [w, -1]),
  ]),
};

function drivers(text: string, language: Language, label: SentimentLabel, rng: Prng): SentimentDriver[] {
  if (label === 'neutral') return [];
  const lexicon = LEXICON[language];
  const found = new Map<string, number>();
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const sign = lexicon[word];
    if (sign !== undefined && !found.has(word)) found.set(word, sign * Number(rng.uniform(0.15, 0.65).toFixed(3)));
  }
  return [...found]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 4);
}

/** Compound in the label's range: mostly clear, sometimes mild (a mild positive is below the 0.3 traction bar). */
export function sentimentFor(text: string, language: Language, label: SentimentLabel, rng: Prng, compound?: number): Sentiment {
  let value = compound;
  if (value === undefined) {
    if (label === 'positive') value = rng.chance(0.85) ? rng.uniform(0.3, 0.95) : rng.uniform(0.06, 0.29);
    else if (label === 'negative') value = rng.chance(0.85) ? -rng.uniform(0.3, 0.95) : -rng.uniform(0.06, 0.29);
    else value = rng.uniform(-0.04, 0.04);
  }
  return { compound: Number(value.toFixed(4)), label, drivers: drivers(text, language, label, rng) };
}
