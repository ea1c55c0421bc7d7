// Turns phrase pools into texts: fills slots, joins a lead with a detail and, sometimes, a context
// clause and a closer, in a style that suits the source (hashtags on microblogs, titles on
// forums, blogs and reviews).
import { type BrandProfile, displayName } from './brand-profiles.ts';
import {
  COMPARISON_LEADS,
  NEGATIVE_CLOSERS,
  NEGATIVE_DETAILS,
  NEGATIVE_LEADS,
  NEUTRAL_CLOSERS,
  NEUTRAL_DETAILS,
  NEUTRAL_LEADS,
  OPENERS,
  POSITIVE_CLOSERS,
  POSITIVE_DETAILS,
  POSITIVE_LEADS,
  SLOT_VALUES,
  SPIKE_LEADS,
  SURGE_LEADS,
} from './phrases.ts';
import type { Random } from './random.ts';

export type Polarity = 'positive' | 'neutral' | 'negative';

/** Which lead pool a text starts from: the brand's ordinary conversation, its launch buzz or a backlash. */
export type Mood = 'ordinary' | 'spike' | 'surge';

export interface SlotContext {
  brand: BrandProfile;
  /** A competitor, for {X}. */
  rival?: BrandProfile;
  /** Fixed values for some slots (e.g. {H}, the asker's handle). */
  fixed?: Readonly<Record<string, string>>;
}

/** Replaces every {X} slot; unknown slots stay as written so a typo shows in the output. */
export function fillSlots(template: string, random: Random, context: SlotContext): string {
  return template.replace(/\{([A-Z])\}/g, (whole, slot: string) => {
    const fixed = context.fixed?.[slot];
    if (fixed !== undefined) return fixed;
    if (slot === 'B') return random.pick(context.brand.names);
    if (slot === 'X') return context.rival ? random.pick(context.rival.names) : whole;
    if (slot === 'P') return random.pick(context.brand.products);
    if (slot === 'O') return `#${random.int(10_000, 99_999)}`;
    const values = SLOT_VALUES[slot];
    return values ? random.pick(values) : whole;
  });
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!]$/.test(trimmed) ? capitalise(trimmed) : `${capitalise(trimmed)}.`;
}

const LEADS: Record<Polarity, readonly string[]> = { positive: POSITIVE_LEADS, neutral: NEUTRAL_LEADS, negative: NEGATIVE_LEADS };
const DETAILS: Record<Polarity, readonly string[]> = { positive: POSITIVE_DETAILS, neutral: NEUTRAL_DETAILS, negative: NEGATIVE_DETAILS };
const CLOSERS: Record<Polarity, readonly string[]> = { positive: POSITIVE_CLOSERS, neutral: NEUTRAL_CLOSERS, negative: NEGATIVE_CLOSERS };

export interface ComposeOptions {
  polarity: Polarity;
  mood?: Mood;
  /** Name a competitor too. */
  rival?: BrandProfile;
}

/** The body of one ordinary mention: lead, detail, maybe context and closer; no question marks. */
export function composeBody(random: Random, brand: BrandProfile, options: ComposeOptions): string {
  const context: SlotContext = options.rival ? { brand, rival: options.rival } : { brand };
  const mood = options.mood ?? 'ordinary';
  const pool = options.rival ? COMPARISON_LEADS : mood === 'spike' ? SPIKE_LEADS : mood === 'surge' ? SURGE_LEADS : LEADS[options.polarity];
  const lead = fillSlots(random.pick(pool), random, context);
  const detail = fillSlots(random.pick(DETAILS[options.polarity]), random, context);
  const parts = random.chance(0.5) ? [lead, detail] : [`${lead}, ${detail}`];
  if (random.chance(0.45)) parts.push(fillSlots(random.pick(NEUTRAL_DETAILS), random, context));
  const opener = random.chance(0.3) ? `${fillSlots(random.pick(OPENERS), random, context)} ` : '';
  const first = parts[0] ?? '';
  // After an opener the lead carries on the sentence; otherwise it starts one.
  if (opener !== '') parts[0] = `${first.trim()}${/[.!]$/.test(first) ? '' : '.'}`;
  const body = `${opener}${parts.map((part, i) => (i === 0 && opener !== '' ? part : sentence(part))).join(' ')}`;
  return random.chance(0.4) ? `${body} ${random.pick(CLOSERS[options.polarity])}` : body;
}

/** Hashtags a microblog post carries: sometimes the brand's, sometimes a topic's. */
export function hashtags(random: Random, brand: BrandProfile): string {
  const tags: string[] = [];
  const brandTags = brand.tags.filter((t) => t.startsWith('#'));
  if (brandTags.length > 0 && random.chance(0.35)) tags.push(random.pick(brandTags));
  if (random.chance(0.4)) tags.push(random.pick(brand.topics));
  return tags.join(' ');
}

/** A short title for a post or review about the brand. */
export function composeTitle(random: Random, brand: BrandProfile, polarity: Polarity): string {
  const product = random.pick(brand.products);
  const name = displayName(brand);
  const titles: Record<Polarity, readonly string[]> = {
    positive: [`${name} ${product}: better than I hoped`, `Why I am keeping the ${name} ${product}`, `${name} ${product}, ${random.pick(SLOT_VALUES.D ?? ['a month'])} in`, `Impressed by the ${name} ${product}`],
    neutral: [`${name} ${product} notes`, `First look at the ${name} ${product}`, `${name} ${product} vs the old model`, `Setting up the ${name} ${product}`],
    negative: [`${name} ${product} problems`, `Returning the ${name} ${product}`, `My ${name} ${product} failed`, `${name} ${product}: not recommended`],
  };
  return random.pick(titles[polarity]);
}

/** A review's star line: 4-5 stars for positive, 1-2 for negative, 3 for neutral. */
export function stars(random: Random, polarity: Polarity): number {
  if (polarity === 'positive') return random.chance(0.6) ? 5 : 4;
  if (polarity === 'negative') return random.chance(0.6) ? 1 : 2;
  return 3;
}

/** A short slug for URLs. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
}
