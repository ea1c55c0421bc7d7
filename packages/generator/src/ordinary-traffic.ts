// Ordinary traffic: what every minute of a brand's conversation holds. Mostly mentions of one
// brand (sometimes two, compared), replies in threads (some never naming a brand), a little
// off-topic noise the queries leave out, spam (engagement sellers' link drops and promo text
// pasted by several accounts), re-sent ids, copy-pasted texts, and public questions the brand's
// own account answers within minutes.
import { type Author, type SourceName, spamAuthor } from './authors.ts';
import { type BrandProfile, displayName } from './brand-profiles.ts';
import { capitalise, composeBody, composeTitle, fillSlots, hashtags, type Mood, type Polarity, stars } from './compose-text.ts';
import type { MentionJson } from './mention-json.ts';
import {
  ANSWER_ACTIONS,
  ANSWER_OPENINGS,
  ANSWER_SIGNOFFS,
  BRAND_POSTS,
  BRAND_REPLIES,
  NEGATIVE_DETAILS,
  NEUTRAL_DETAILS,
  OFF_TOPIC,
  PLAIN_REPLIES,
  POSITIVE_DETAILS,
  QUESTIONS,
  SPAM_DOMAINS,
} from './phrases.ts';
import { localHandle, shapeMention, SOURCE_WEIGHTS, SOURCES } from './source-shapes.ts';
import type { World } from './world.ts';

/** What one ordinary slot becomes, by share. Brand mentions are the rest. */
export const TRAFFIC_MIX = Object.freeze({
  plainReply: 0.05,
  offTopic: 0.035,
  spamLink: 0.012,
  promoWave: 0.004,
  question: 0.002,
  brandPost: 0.002,
});
/** Share of ordinary slots that are one brand's mention (before events). */
export const BRAND_SHARE = 1 - Object.values(TRAFFIC_MIX).reduce((sum, share) => sum + share, 0);
/** How a brand's ordinary mentions feel. */
export const POLARITY_MIX: Readonly<Record<Polarity, number>> = Object.freeze({ positive: 0.44, neutral: 0.38, negative: 0.18 });
/** After a brand mention: the same id sent again (a client retry), or its text copied by someone else. */
export const RESEND_SHARE = 0.02;
export const COPY_SHARE = 0.02;
const COMPARISON_SHARE = 0.06;
/** A brand answers its public questions within this long. */
export const MAX_ANSWER_DELAY_MS = 7 * 60_000;
/** Share of each source's brand mentions that are replies in a thread. */
const REPLY_SHARE: Readonly<Record<SourceName, number>> = { mastodon: 0.2, reddit: 0.45, hackernews: 0.5, rss: 0.25, reviews: 0 };
const POLARITIES: readonly Polarity[] = ['positive', 'neutral', 'negative'];
const DETAILS_BY_POLARITY: Readonly<Record<Polarity, readonly string[]>> = { positive: POSITIVE_DETAILS, neutral: NEUTRAL_DETAILS, negative: NEGATIVE_DETAILS };
const COPY_REMARKS = ['This.', 'So true.', 'Exactly this.', 'Same experience here.', 'Could not agree more.', 'Sharing for visibility.'];

export interface BrandMentionOptions {
  mood?: Mood;
  polarity?: Polarity;
  /** Draw authors uniformly from the pool: many voices, as in a spike. */
  manyVoices?: boolean;
}

export function pickBrand(world: World): BrandProfile {
  return world.random.weighted(
    world.brands,
    world.brands.map((b) => b.weight),
  );
}

function pickPolarity(world: World): Polarity {
  return world.random.weighted(
    POLARITIES,
    POLARITIES.map((p) => POLARITY_MIX[p]),
  );
}

/** One mention of `brand` at `t`: a post, a reply in a thread, or a comparison with a competitor. */
export function brandMention(world: World, t: number, brand: BrandProfile, options: BrandMentionOptions = {}): MentionJson {
  const { random } = world;
  const mood = options.mood ?? 'ordinary';
  const polarity = options.polarity ?? pickPolarity(world);
  const source = random.weighted(SOURCES, SOURCE_WEIGHTS);
  const author = options.manyVoices ? world.pools[source].anyone(random) : world.pools[source].pick(random);
  const others = world.brands.filter((b) => b.id !== brand.id);
  const rival = mood === 'ordinary' && others.length > 0 && random.chance(COMPARISON_SHARE) ? random.pick(others) : undefined;
  const parent = random.chance(REPLY_SHARE[source]) ? world.recentPost(source, brand.id) : undefined;

  let text: string;
  let title: string | undefined;
  if (parent) {
    // A quick reply plus a detail of its own: a bare stock reply would repeat word for word.
    const short = mood === 'ordinary' && random.chance(0.4);
    text = short ? replyBody(world, brand, polarity) : composeBody(random, brand, { polarity, mood });
    if (source === 'mastodon') text = `@${localHandle(parent.mention.author.handle)} ${text}`;
  } else {
    text = composeBody(random, brand, rival ? { polarity, mood, rival } : { polarity, mood });
    if (source === 'mastodon') text = `${text} ${hashtags(random, brand)}`.trim();
    if (source === 'rss') text = `${text} ${composeBody(random, brand, { polarity, mood })}`;
    if (source === 'reddit' || source === 'hackernews' || source === 'rss') title = composeTitle(random, brand, polarity);
    if (source === 'reviews') title = `${stars(random, polarity)}/5 ${composeTitle(random, brand, polarity)}`;
  }
  const mention = shapeMention(world.ids, random, { source, author, text, publishedAt: t, brandId: brand.id, ...(title ? { title } : {}), ...(parent ? { parent: parent.mention } : {}) });
  if (!parent && source !== 'reviews') world.remember(source, { mention, brandId: brand.id });

  if (random.chance(RESEND_SHARE)) world.later(t + random.int(500, 4_000), mention);
  else if (random.chance(COPY_SHARE)) {
    const at = t + random.int(20_000, 600_000);
    world.later(at, copyOf(world, mention, source, at));
  }
  return mention;
}

function replyBody(world: World, brand: BrandProfile, polarity: Polarity): string {
  const { random } = world;
  const reply = fillSlots(random.pick(BRAND_REPLIES), random, { brand });
  const detail = fillSlots(random.pick(DETAILS_BY_POLARITY[polarity]), random, { brand });
  const context = random.chance(0.5) ? ` ${capitalise(fillSlots(random.pick(NEUTRAL_DETAILS), random, { brand }))}.` : '';
  return `${capitalise(reply)}, ${detail}.${context}`;
}

/** Someone else posts the same text with a remark: a near duplicate, counted once under the original. */
function copyOf(world: World, original: MentionJson, source: SourceName, at: number): MentionJson {
  const { random } = world;
  const author = world.pools[source].anyone(random);
  const remark = random.pick(COPY_REMARKS);
  const text = random.chance(0.5) ? `${original.text} ${remark}` : `${remark} ${original.text}`;
  return shapeMention(world.ids, random, { source, author, text, publishedAt: at, brandId: '', ...(original.title ? { title: original.title } : {}) });
}

/** A reply that names no brand: the enricher matches it to nobody. */
export function plainReply(world: World, t: number): MentionJson | undefined {
  const { random } = world;
  const source = random.pick<SourceName>(['reddit', 'hackernews', 'mastodon']);
  const parent = world.recentPost(source);
  if (!parent) return undefined;
  const author = world.pools[source].pick(random);
  const body = `${fillSlots(random.pick(PLAIN_REPLIES), random, { brand: world.brands[0] as BrandProfile })}.`;
  const text = source === 'mastodon' ? `@${localHandle(parent.mention.author.handle)} ${body}` : body;
  return shapeMention(world.ids, random, { source, author, text, publishedAt: t, parent: parent.mention, brandId: '' });
}

/** Looks like a brand mention, is not one: every brand's query leaves it out. */
export function offTopic(world: World, t: number): MentionJson {
  const { random } = world;
  const source = random.weighted(SOURCES, SOURCE_WEIGHTS);
  const text = fillSlots(random.pick(OFF_TOPIC), random, { brand: world.brands[0] as BrandProfile });
  return shapeMention(world.ids, random, { source, author: world.pools[source].pick(random), text: `${text.charAt(0).toUpperCase()}${text.slice(1)}`, publishedAt: t, brandId: '' });
}

function brandRef(world: World, brand: BrandProfile): string {
  const tags = brand.tags.filter((tag) => tag.startsWith('#'));
  return tags.length > 0 && world.random.chance(0.5) ? world.random.pick(tags) : world.random.pick(brand.names);
}

/** An engagement seller's link drop, tagged with a brand to be seen. */
export function spamLink(world: World, t: number): MentionJson {
  const { random } = world;
  const brand = pickBrand(world);
  const source = random.pick<SourceName>(['mastodon', 'mastodon', 'reddit', 'reviews']);
  const k = random.int(1, 20);
  const text = random.pick([
    `Get ${k}k real followers for $${random.int(3, 49)} only at https://${random.pick(SPAM_DOMAINS)}/${random.int(100, 999)} ${brandRef(world, brand)}`,
    `${brandRef(world, brand)} fans: buy cheap likes and views, ${k}000 in one hour, https://${random.pick(SPAM_DOMAINS)}/go`,
    `Instant ${k}k followers, boost your page today https://${random.pick(SPAM_DOMAINS)} ${brandRef(world, brand)}`,
  ]);
  return shapeMention(world.ids, random, { source, author: spamAuthor(random, source), text, publishedAt: t, brandId: brand.id });
}

/** One promo text pasted by several new accounts over a few minutes. Returns the first; the rest come later. */
export function promoWave(world: World, t: number): MentionJson {
  const { random } = world;
  const brand = pickBrand(world);
  const code = `${random.pick(['SAVE', 'DEAL', 'VIP', 'MEGA'])}${random.int(10, 90)}`;
  const text = `${displayName(brand)} ${random.pick(brand.products)} at ${random.int(5, 9)}0% off today only, use promo code ${code} at https://${random.pick(SPAM_DOMAINS)}/${brand.id} ${random.pick(brand.topics)}`;
  const copies = random.int(4, 7);
  const post = (at: number) => {
    const source = random.pick<SourceName>(['mastodon', 'reddit']);
    return shapeMention(world.ids, random, { source, author: spamAuthor(random, source), text, publishedAt: at, brandId: brand.id });
  };
  for (let i = 1; i < copies; i += 1) {
    const at = t + random.int(10_000, 240_000);
    world.later(at, post(at));
  }
  return post(t);
}

/** A public question to a brand's account; the brand answers it from its own account within minutes. */
export function answeredQuestion(world: World, t: number): MentionJson | undefined {
  const { random } = world;
  const askable = world.brands.filter((b) => b.askAt.length > 0 && b.handles.length > 0);
  if (askable.length === 0) return undefined;
  const brand = random.weighted(
    askable,
    askable.map((b) => b.weight),
  );
  const asker: Author = world.pools.mastodon.pick(random);
  const text = fillSlots(random.pick(QUESTIONS), random, { brand, fixed: { A: random.pick(brand.askAt) } });
  const question = shapeMention(world.ids, random, { source: 'mastodon', author: asker, text, publishedAt: t, brandId: brand.id });
  // Within 7 minutes: the backfill plan (backfill-plan.ts) relies on it.
  const answeredAt = t + random.int(60_000, MAX_ANSWER_DELAY_MS);
  const account = brandAccount(world, brand);
  const answer = shapeMention(world.ids, random, {
    source: 'mastodon',
    author: account,
    text: answerText(world, brand, localHandle(asker.handle)),
    publishedAt: answeredAt,
    parent: question,
    brandId: brand.id,
  });
  world.later(answeredAt, answer);
  return question;
}

function answerText(world: World, brand: BrandProfile, asker: string): string {
  const { random } = world;
  const initials = `^${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))}`;
  const parts = [`@${asker}`, random.pick(ANSWER_OPENINGS), fillSlots(random.pick(ANSWER_ACTIONS), random, { brand }), fillSlots(random.pick(ANSWER_SIGNOFFS), random, { brand }), initials];
  return parts.filter((part) => part !== '').join(' ');
}

function brandAccount(world: World, brand: BrandProfile): Author {
  const handle = world.random.pick(brand.handles);
  return { handle: `${handle}@mastodon.social`, name: displayName(brand), followers: 38_000 };
}

/** The brand's own announcement. */
export function brandPost(world: World, t: number): MentionJson | undefined {
  const { random } = world;
  const own = world.brands.filter((b) => b.handles.length > 0);
  if (own.length === 0) return undefined;
  const brand = random.pick(own);
  const text = fillSlots(random.pick(BRAND_POSTS), random, { brand });
  return shapeMention(world.ids, random, { source: 'mastodon', author: brandAccount(world, brand), text, publishedAt: t, brandId: brand.id });
}

/** One ordinary slot at `t`: whatever the traffic mix draws. */
export function ordinarySlot(world: World, t: number, brandOptions: (brand: BrandProfile) => BrandMentionOptions): MentionJson | undefined {
  const { random } = world;
  const r = random.next();
  let edge = 0;
  const within = (share: number) => {
    edge += share;
    return r < edge;
  };
  if (within(TRAFFIC_MIX.plainReply)) return plainReply(world, t);
  if (within(TRAFFIC_MIX.offTopic)) return offTopic(world, t);
  if (within(TRAFFIC_MIX.spamLink)) return spamLink(world, t);
  if (within(TRAFFIC_MIX.promoWave)) return promoWave(world, t);
  if (within(TRAFFIC_MIX.question)) return answeredQuestion(world, t);
  if (within(TRAFFIC_MIX.brandPost)) return brandPost(world, t);
  const brand = pickBrand(world);
  return brandMention(world, t, brand, brandOptions(brand));
}
