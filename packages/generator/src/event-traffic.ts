// The one-off parts of scheduled events: an influential author's post, an unanswered public
// question, a post that goes viral (re-fetched with shares and replies accelerating) and a
// positive story gaining traction (re-fetched with likes growing). Spikes and surges are not
// here: they change the ordinary traffic's rate and mood (see create-generator.ts).
import type { Author } from './authors.ts';
import { type BrandProfile, displayName } from './brand-profiles.ts';
import { STORY_OBSERVATIONS, VIRAL_OBSERVATIONS } from './events.ts';
import type { MentionJson } from './mention-json.ts';
import { shapeMention } from './source-shapes.ts';
import type { World } from './world.ts';

/** The demo's influential voice: far beyond any ordinary author's audience, engaged followers. */
export const INFLUENTIAL_AUTHOR: Readonly<Author> = Object.freeze({ handle: 'gadget_grace@mastodon.social', name: 'Grace Okafor', followers: 640_000 });

function product(world: World, brand: BrandProfile): string {
  return world.random.pick(brand.products);
}

export function influencerPost(world: World, t: number, brand: BrandProfile): MentionJson {
  const tag = brand.tags.find((x) => x.startsWith('#')) ?? '';
  const text = `Spent a week with the ${displayName(brand)} ${product(world, brand)} and honestly it is the best gadget I have used this year. Full review on my channel soon. ${tag}`.trim();
  return shapeMention(world.ids, world.random, {
    source: 'mastodon',
    author: INFLUENTIAL_AUTHOR,
    text,
    publishedAt: t,
    brandId: brand.id,
    engagement: { likes: 9_800, shares: 1_150, replies: 430 },
  });
}

/** A customer's public question that nobody from the brand answers. */
export function unansweredQuestion(world: World, t: number, brand: BrandProfile): MentionJson {
  const asker = world.pools.mastodon.anyone(world.random);
  const to = brand.askAt[0];
  const opening = to === undefined ? `${displayName(brand)}, I` : `@${to} I`;
  const text = `${opening} was charged twice for my ${product(world, brand)} order last week and nobody has replied to my emails. Can someone from ${displayName(brand)} look into it?`;
  return shapeMention(world.ids, world.random, { source: 'mastodon', author: asker, text, publishedAt: t, brandId: brand.id });
}

/** A post first seen with little engagement, then re-fetched every 20 s with spread accelerating. */
export function viralPost(world: World, t: number, brand: BrandProfile): MentionJson {
  const author: Author = { handle: 'deskjet_dan@mastodon.social', name: 'Dan Marsh', followers: 2_300 };
  const text = `You have to see what our ${displayName(brand)} ${product(world, brand)} did during the quarterly deadline. The whole floor stopped to film it. Video in the thread.`;
  const spread = VIRAL_OBSERVATIONS.spread;
  const counts = (s: number) => ({ likes: 2 * s, shares: Math.round(s * 0.7), replies: s - Math.round(s * 0.7) });
  const post = shapeMention(world.ids, world.random, { source: 'mastodon', author, text, publishedAt: t, brandId: brand.id, engagement: counts(spread[0] ?? 1) });
  for (const [i, s] of spread.slice(1).entries()) world.later(t + (i + 1) * VIRAL_OBSERVATIONS.everyMs, { ...post, engagement: counts(s) });
  return post;
}

/** A positive story, re-fetched every 30 s with likes growing steadily (not accelerating). */
export function positiveStory(world: World, t: number, brand: BrandProfile): MentionJson {
  const city = world.random.pick(['Lisbon', 'Leeds', 'Ghent', 'Porto']);
  const author: Author = { handle: 'local_news_liz@mastodon.social', name: 'Liz Byrne', followers: 8_400 };
  const text = `${displayName(brand)} volunteers rebuilt the children's clinic playground in ${city} over the weekend. Wonderful people, thank you all.`;
  const likes = STORY_OBSERVATIONS.likes;
  const counts = (l: number) => ({ likes: l, shares: Math.round(l / 10), replies: Math.round(l / 15) });
  const post = shapeMention(world.ids, world.random, { source: 'mastodon', author, text, publishedAt: t, brandId: brand.id, engagement: counts(likes[0] ?? 1) });
  for (const [i, l] of likes.slice(1).entries()) world.later(t + (i + 1) * STORY_OBSERVATIONS.everyMs, { ...post, engagement: counts(l) });
  return post;
}
