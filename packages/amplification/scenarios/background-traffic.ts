// Ordinary days for one brand: posts, replies in threads, the brand's own posts, questions the
// brand answers in time, and the planted episodes (spikes, surges) woven into the same stream.
// Counts per 15-minute slot are Poisson clamped to 1.5 standard deviations, and a slot's negatives
// to a little above the brand's share, so ordinary noise never looks like a planted spike or surge:
// a false alarm on this traffic is the engine's, not the dice's.
import type { ScoredMention, SentimentLabel } from '@sl/contracts';
import type { BrandTraffic } from './brand-traffic.ts';
import type { Prng } from './prng.ts';
import { askerVoice, customerVoice, fillTemplate } from './text-composer.ts';
import { HOUR, MINUTE } from './traffic-rhythm.ts';
import { THREADED_SOURCES } from './vocabulary/industry.ts';

const SLOT = 15 * MINUTE;
/** Replies attach to threads at most this old, and no thread gets more than this many ordinary replies. */
const THREAD_AGE = 6 * HOUR;
const MAX_ORDINARY_REPLIES = 3;

function clampedPoisson(mean: number, rng: Prng): number {
  const spread = 1.5 * Math.sqrt(mean);
  const drawn = rng.poisson(mean);
  return Math.min(Math.ceil(mean + spread + 1), Math.max(Math.floor(mean - spread), drawn));
}

/** How many more ordinary negatives the current slot may take. */
interface NegativeBudget {
  left: number;
}

function pickLabel(b: BrandTraffic, rng: Prng, budget: NegativeBudget): SentimentLabel {
  const roll = rng.next();
  const negative = b.plan.negativeShare ?? 0.1;
  if (roll < negative) {
    if (budget.left <= 0) return 'neutral';
    budget.left--;
    return 'negative';
  }
  if (roll < negative + (b.plan.positiveShare ?? 0.35)) return 'positive';
  return 'neutral';
}

/** A question the brand answers within a few minutes (or asked as a reply to one of the brand's posts). */
export function answeredQuestion(b: BrandTraffic, t: number, rng: Prng, parent: ScoredMention | null = null): ScoredMention {
  const industry = b.plan.industry;
  const source = parent ? parent.source : b.pickSource(rng, true);
  const asker = b.pool.draw(rng);
  const text = parent
    ? `@${b.plan.handle} ${fillTemplate(rng.pick(industry.followUps), b.words, rng)}`
    : askerVoice(fillTemplate(rng.pick(industry.questions), b.words, rng, {}, 'named'), industry.language, rng);
  const question = b.emit(
    { source, author: asker, publishedAt: t, text, label: 'neutral', parent, engagement: { likes: rng.int(0, 2), shares: 0, replies: 0 } },
    rng,
  );
  answer(b, question, t + rng.uniform(1.5, Math.min(11, b.thresholds.questionReplyMinutes * 0.75)) * MINUTE, rng);
  return question;
}

/** The brand's answer to `question` at `t`: a personal one, or the canned words (flagged as a copy). */
export function answer(b: BrandTraffic, question: ScoredMention, t: number, rng: Prng): ScoredMention {
  const canned = rng.chance(0.25);
  const day = Math.floor(t / (24 * HOUR));
  const text = canned
    ? b.plan.industry.cannedAnswer
    : fillTemplate(rng.pick(b.plan.industry.brandAnswers), b.words, rng, { asker: question.author.handle });
  return b.emit(
    {
      source: question.source,
      author: b.answerer(question.source),
      publishedAt: t,
      text,
      label: 'neutral',
      parent: question,
      engagement: { likes: rng.int(0, 2), shares: 0, replies: 0 },
      ...(canned ? { copyGroup: `${b.plan.id}:canned:${day}` } : {}),
    },
    rng,
  );
}

function recentParent(b: BrandTraffic, t: number, rng: Prng): ScoredMention | null {
  const posts = b.recentPosts;
  // Drop threads too old to reply to (in bulk: shifting a long array one by one is quadratic).
  let expired = 0;
  while (expired < posts.length && (posts[expired] as ScoredMention).publishedAt < t - THREAD_AGE) expired++;
  if (expired > 0) posts.splice(0, expired);
  for (let attempt = 0; attempt < 4 && posts.length > 0; attempt++) {
    // Newer threads draw more replies.
    const index = posts.length - 1 - Math.floor(posts.length * rng.next() ** 2);
    const parent = posts[Math.max(0, index)] as ScoredMention;
    if (parent.publishedAt < t && (b.replyCounts.get(parent.id) ?? 0) < MAX_ORDINARY_REPLIES) return parent;
  }
  return null;
}

function ordinaryMention(b: BrandTraffic, t: number, rng: Prng, slotStart: number, budget: NegativeBudget): void {
  const industry = b.plan.industry;
  const lastQuestionAt = b.frame.end - 2 * HOUR;
  const roll = rng.next();
  const questionShare = Math.max(0.012, 0.5 / b.plan.perDay);
  if (roll < questionShare && t < lastQuestionAt && !b.rhythm.silentAt(t + 15 * MINUTE)) {
    answeredQuestion(b, t, rng);
    return;
  }
  // A few a day: enough to tell a question to the brand from a question in passing.
  if (roll < questionShare + Math.min(0.004, 4 / b.plan.perDay)) {
    const template = rng.pick(industry.rhetorical);
    const text = customerVoice(template, fillTemplate(template, b.words, rng), industry.language, rng);
    b.emit(
      {
        source: b.pickSource(rng),
        author: b.pool.draw(rng),
        publishedAt: t,
        text,
        label: 'neutral',
        engagement: b.ordinaryEngagement(rng),
      },
      rng,
    );
    return;
  }
  if (roll < 0.24) {
    const parent = recentParent(b, slotStart, rng);
    if (parent) {
      const ownPost = b.isOwnAccount(parent.source, parent.author.handle);
      if (ownPost && rng.chance(0.3) && t < lastQuestionAt && !b.rhythm.silentAt(t + 15 * MINUTE)) {
        answeredQuestion(b, t, rng, parent);
        return;
      }
      const label = pickLabel(b, rng, budget);
      const template = rng.pick(industry.replies[label]);
      const body = customerVoice(template, fillTemplate(template, b.words, rng), industry.language, rng);
      const text = parent.source === 'microblog' ? `@${parent.author.handle} ${body}` : body;
      b.emit(
        {
          source: parent.source,
          author: b.pool.draw(rng),
          publishedAt: t,
          text,
          label,
          parent,
          engagement: { likes: rng.int(0, 2), shares: 0, replies: 0 },
        },
        rng,
      );
      return;
    }
  }
  const label = pickLabel(b, rng, budget);
  const template = rng.pick(industry.posts[label]);
  const text = customerVoice(template, fillTemplate(template, b.words, rng), industry.language, rng);
  const post = b.emit(
    { source: b.pickSource(rng), author: b.pool.draw(rng), publishedAt: t, text, label, engagement: b.ordinaryEngagement(rng) },
    rng,
  );
  if (THREADED_SOURCES.includes(post.source)) b.recentPosts.push(post);
}

function episodeMention(b: BrandTraffic, kind: 'spike' | 'surge', t: number, rng: Prng, budget: NegativeBudget): void {
  const industry = b.plan.industry;
  const author = rng.chance(kind === 'spike' ? 0.9 : 0.6) ? b.fresh(rng) : b.pool.draw(rng);
  let label: SentimentLabel;
  let template: string;
  if (kind === 'surge') {
    label = rng.chance(0.75) ? 'negative' : rng.chance(0.5) ? 'neutral' : 'positive';
    template = label === 'negative' ? rng.pick(industry.surge) : rng.pick(industry.posts[label]);
  } else {
    // A burst of attention with the brand's usual mood: as negative as any other day.
    label = pickLabel(b, rng, budget) === 'negative' ? 'negative' : rng.chance(0.45) ? 'positive' : 'neutral';
    template = label === 'negative' ? rng.pick(industry.posts.negative) : rng.pick(industry.buzz);
  }
  const text = customerVoice(template, fillTemplate(template, b.words, rng), industry.language, rng);
  b.emit({ source: b.pickSource(rng), author, publishedAt: t, text, label, engagement: b.ordinaryEngagement(rng) }, rng);
}

function brandPosts(b: BrandTraffic, rng: Prng): void {
  const perDay = Math.min(6, Math.max(1, Math.round(b.plan.perDay / 400)));
  for (let day = 0; day < b.frame.days; day++) {
    for (let i = 0; i < perDay; i++) {
      const t = b.at(day, rng.uniform(9, 18));
      if (b.rhythm.silentAt(t) || t >= b.frame.end - 3 * HOUR) continue;
      const post = b.emit(
        {
          source: 'microblog',
          author: b.ownAccount,
          publishedAt: t,
          text: fillTemplate(rng.pick(b.plan.industry.brandPosts), b.words, rng),
          label: 'neutral',
          engagement: b.ordinaryEngagement(rng),
        },
        rng,
      );
      b.recentPosts.push(post);
    }
  }
}

/** Fills the brand's whole scenario with ordinary traffic and its episodes. */
export function generateBackground(b: BrandTraffic): void {
  const rng = b.rng.fork('background');
  const pending: ScoredMention[] = [];
  // The brand's posts go in first so threads can hang off them; they are re-sorted by time below.
  brandPosts(b, rng.fork('brand-posts'));
  pending.push(...b.recentPosts.splice(0));
  pending.sort((a, c) => a.publishedAt - c.publishedAt);
  for (let slot = b.frame.start; slot < b.frame.end; slot += SLOT) {
    while (pending.length > 0 && (pending[0] as ScoredMention).publishedAt < slot) b.recentPosts.push(pending.shift() as ScoredMention);
    if (b.rhythm.silentAt(slot)) continue;
    const usual = b.rhythm.usualCount(slot, 15);
    const episode = b.rhythm.episodeAt(slot);
    const count = clampedPoisson(usual * (episode?.rateMultiplier ?? 1), rng);
    const expectedNegatives = count * (b.plan.negativeShare ?? 0.1);
    const budget = { left: Math.floor(expectedNegatives + 1.2 * Math.sqrt(expectedNegatives) + 0.5) };
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(slot + Math.floor(rng.next() * SLOT));
    times.sort((a, c) => a - c);
    for (const t of times) {
      const planted = episode !== undefined && rng.chance(episode.kind === 'surge' ? 1 : 1 - 1 / episode.rateMultiplier);
      if (planted && episode) episodeMention(b, episode.kind, t, rng, budget);
      else ordinaryMention(b, t, rng, slot, budget);
    }
  }
}
