// Events that must each raise exactly one alert, planted well clear of their thresholds: a spike
// many times the usual volume from many people, a surge that is mostly negative without tripling
// the volume, big accounts with real engagement, a complaint whose replies accelerate, praise that
// grows steadily, and questions nobody from the brand answers in time.
import type { ScoredMention } from '@sl/contracts';
import { answer } from './background-traffic.ts';
import type { BrandTraffic } from './brand-traffic.ts';
import type { Prng } from './prng.ts';
import type { InjectedEvent } from './scenario.ts';
import { askerVoice, fillTemplate } from './text-composer.ts';
import { MINUTE } from './traffic-rhythm.ts';

export interface WindowEventOptions {
  day: number;
  /** Local hour the event starts (rounded down to the brand's window). */
  hour: number;
  /** Windows it lasts. Default 2. */
  windows?: number;
}

/** Volume `multiple` times the usual (6-10), from fresh accounts, after days of history. */
export function plantSpike(b: BrandTraffic, options: WindowEventOptions & { multiple?: number }): InjectedEvent {
  const start = b.windowStart(b.at(options.day, options.hour));
  const end = start + (options.windows ?? 2) * b.windowMs;
  const usual = b.usualPerWindow(start);
  // At least three times the quiet floor in every window, so a small brand's spike is not judged too small to count.
  const multiple = Math.max(options.multiple ?? 8, (3 * b.thresholds.minMentionsPerWindow) / Math.max(usual, 0.01));
  b.rhythm.episodes.push({ start, end, rateMultiplier: multiple, kind: 'spike' });
  return {
    kind: 'volume_spike',
    brandId: b.plan.id,
    at: start,
    windowStart: start,
    windowEnd: end,
    note: `${Math.round(multiple * 10) / 10}x the usual ${usual.toFixed(1)} a window`,
  };
}

/** Three quarters negative (the brand is usually ~10 %) at 1.4x the usual volume: a surge, not a spike. */
export function plantSurge(b: BrandTraffic, options: WindowEventOptions): InjectedEvent {
  const start = b.windowStart(b.at(options.day, options.hour));
  const end = start + (options.windows ?? 2) * b.windowMs;
  const usual = b.usualPerWindow(start);
  if (usual * 1.4 < 2 * b.thresholds.minMentionsPerWindow) {
    throw new Error(
      `${b.plan.id}: a surge at day ${options.day} ${options.hour}h would have ${usual.toFixed(1)} mentions a window, too few to judge`,
    );
  }
  b.rhythm.episodes.push({ start, end, rateMultiplier: 1.4, kind: 'surge' });
  return {
    kind: 'negative_surge',
    brandId: b.plan.id,
    at: start,
    windowStart: start,
    windowEnd: end,
    note: `~75 % negative over ${(usual * 1.4).toFixed(0)} a window`,
  };
}

export interface InfluencerOptions {
  /** Days the author posts; each is one event (one alert a day per author). */
  days: number[];
  /** Local hour of the first post of the first day; each later day starts an hour later (over 24 h apart). */
  hour: number;
  followers: number;
  handle: string;
  /** Posts a day (1-3). */
  perDay?: number;
  source?: string;
}

/**
 * A large account reviewing the brand on several days, with engagement to match its reach. Its
 * posts are lukewarm (never the positive kind that is an amplification opportunity) and draw no
 * replies here, so their spread cannot accelerate into a viral post.
 */
export function plantInfluencer(b: BrandTraffic, options: InfluencerOptions, rng: Prng): InjectedEvent[] {
  const handle = b.frame.handles.take(options.handle);
  const author = { handle, name: handle.replace(/[_.]/g, ' '), followers: options.followers };
  const source = options.source ?? 'microblog';
  return options.days.map((day, i) => {
    const first = b.at(day, options.hour + i);
    const ids: string[] = [];
    for (let k = 0; k < (options.perDay ?? 2); k++) {
      const t = first + k * rng.uniform(40, 80) * MINUTE;
      const likes = Math.round(options.followers * rng.uniform(0.002, 0.006));
      const text = fillTemplate(rng.pick(b.plan.industry.influencerPosts), b.words, rng);
      const label = rng.chance(0.5) ? 'neutral' : 'positive';
      const compound = label === 'neutral' ? rng.uniform(-0.03, 0.03) : rng.uniform(0.08, 0.22);
      const engagement = {
        likes,
        shares: Math.round(likes * rng.uniform(0.04, 0.1)),
        replies: Math.round(likes * rng.uniform(0.01, 0.03)),
      };
      ids.push(b.emit({ source, author, publishedAt: t, text, label, compound, engagement }, rng).id);
    }
    return {
      kind: 'influential_voice',
      brandId: b.plan.id,
      at: first,
      mentionIds: ids,
      note: `@${handle}, ${options.followers.toLocaleString('en')} followers`,
    };
  });
}

/** An author the brand lists (pinned score), with a small following: every day they post is one event. */
export function plantListedVoice(b: BrandTraffic, options: { handle: string; days: number[]; hour: number }, rng: Prng): InjectedEvent[] {
  const listed = b.brand.influencers.find((i) => i.handle === options.handle);
  if (!listed) throw new Error(`${b.plan.id}: ${options.handle} is not a listed influencer of the brand`);
  const author = { handle: options.handle, name: null, followers: 8_400 };
  return options.days.map((day, i) => {
    const first = b.at(day, options.hour + i);
    const ids = [0, 1].map((k) => {
      const text = fillTemplate(rng.pick(b.plan.industry.posts.neutral), b.words, rng);
      return b.emit(
        {
          source: 'microblog',
          author,
          publishedAt: first + k * 95 * MINUTE,
          text,
          label: 'neutral',
          engagement: b.ordinaryEngagement(rng),
        },
        rng,
      ).id;
    });
    return {
      kind: 'influential_voice',
      brandId: b.plan.id,
      at: first,
      mentionIds: ids,
      note: `listed @${options.handle} (${listed.mode} ${listed.score})`,
    };
  });
}

/**
 * A complaint by an ordinary account that takes off: engagement many times the brand's typical
 * post, and replies that come faster every quarter hour (2, 3, 5, 8, 12, 18).
 */
export function plantViral(b: BrandTraffic, options: { day: number; hour: number; followers?: number }, rng: Prng): InjectedEvent {
  const t = b.at(options.day, options.hour);
  const usual = b.usualPerWindow(b.windowStart(t));
  if (usual < 15)
    throw new Error(`${b.plan.id}: a viral thread at day ${options.day} ${options.hour}h would spike a window of ${usual.toFixed(1)}`);
  const industry = b.plan.industry;
  const author = { ...b.fresh(rng), followers: options.followers ?? rng.int(900, 30_000) };
  const perQuarter = [2, 3, 5, 8, 12, 18];
  const replyCount = perQuarter.reduce((a, n) => a + n, 0);
  const total = Math.round(3 * b.viralBar * rng.uniform(1, 2));
  const shares = Math.round((total - replyCount) * 0.3);
  const post = b.emit(
    {
      source: 'microblog',
      author,
      publishedAt: t,
      text: fillTemplate(rng.pick(industry.viralPosts), b.words, rng),
      label: 'negative',
      compound: -rng.uniform(0.55, 0.85),
      // The snapshot at ingest: the likes and shares it came in with; its replies arrive as mentions, each a new observation.
      engagement: { likes: total - replyCount - shares, shares, replies: 0 },
    },
    rng,
  );
  perQuarter.forEach((n, quarter) => {
    for (let k = 0; k < n; k++) {
      const at = t + 5 * MINUTE + quarter * 15 * MINUTE + ((k + rng.uniform(0.1, 0.9)) / n) * 15 * MINUTE;
      const label = rng.chance(0.45) ? 'negative' : 'neutral';
      const body = fillTemplate(rng.pick(industry.viralReplies), b.words, rng, { user: author.handle });
      b.emit(
        {
          source: 'microblog',
          author: b.fresh(rng),
          publishedAt: at,
          text: body,
          label,
          parent: post,
          engagement: { likes: rng.int(0, 9), shares: rng.int(0, 2), replies: 0 },
        },
        rng,
      );
    }
  });
  return {
    kind: 'viral_post',
    brandId: b.plan.id,
    at: t,
    mentionIds: [post.id],
    note: `engagement ${total}, ${replyCount} replies accelerating`,
  };
}

/**
 * Praise gaining traction: positive, 1.5x the traction bar, and a reply every five minutes for an
 * hour: growing, never accelerating (consecutive gaps differ by under 15 %), so not viral however
 * its engagement compares with the viral bar.
 */
export function plantTraction(b: BrandTraffic, options: { day: number; hour: number }, rng: Prng): InjectedEvent {
  const t = b.at(options.day, options.hour);
  const industry = b.plan.industry;
  const replyCount = 12;
  const total = Math.round(1.5 * b.tractionBar);
  const shares = Math.round((total - replyCount) * 0.25);
  const author = b.fresh(rng);
  const post = b.emit(
    {
      source: 'microblog',
      author,
      publishedAt: t,
      text: fillTemplate(rng.pick(industry.tractionPosts), b.words, rng),
      label: 'positive',
      compound: rng.uniform(0.7, 0.92),
      engagement: { likes: total - replyCount - shares, shares, replies: 0 },
    },
    rng,
  );
  for (let k = 0; k < replyCount; k++) {
    const body = fillTemplate(rng.pick(industry.tractionReplies), b.words, rng);
    b.emit(
      {
        source: 'microblog',
        author: b.fresh(rng),
        publishedAt: t + (4 + 5 * k) * MINUTE + rng.int(0, 20_000),
        text: `@${author.handle} ${body}`,
        label: 'positive',
        parent: post,
        engagement: { likes: rng.int(0, 3), shares: 0, replies: 0 },
      },
      rng,
    );
  }
  return {
    kind: 'amplification_opportunity',
    brandId: b.plan.id,
    at: t,
    mentionIds: [post.id],
    note: `engagement ${total} with its replies (traction bar ${b.tractionBar}), steady replies`,
  };
}

export type QuestionShape =
  /** Names the brand; nobody from the brand replies. */
  | 'named'
  /** Replies to the brand's own post without naming it; the brand never answers. */
  | 'follow-up'
  /** Names the brand; the brand answers, but only after 35-50 minutes. */
  | 'late';

/** A question the brand does not answer in time (another customer may chime in; that is no answer). */
export function plantQuestion(b: BrandTraffic, options: { day: number; hour: number; shape: QuestionShape }, rng: Prng): InjectedEvent {
  const t = b.at(options.day, options.hour);
  const industry = b.plan.industry;
  // A fresh account: a regular might be named by the brand's answer to another question in the meantime.
  const asker = b.fresh(rng);
  let question: ScoredMention;
  if (options.shape === 'follow-up') {
    const brandPost = b.emit(
      {
        source: 'microblog',
        author: b.ownAccount,
        publishedAt: t - 25 * MINUTE,
        text: fillTemplate(rng.pick(industry.brandPosts), b.words, rng),
        label: 'neutral',
        engagement: b.ordinaryEngagement(rng),
      },
      rng,
    );
    question = b.emit(
      {
        source: 'microblog',
        author: asker,
        publishedAt: t,
        text: `@${b.plan.handle} ${fillTemplate(rng.pick(industry.followUps), b.words, rng)}`,
        label: 'neutral',
        parent: brandPost,
      },
      rng,
    );
  } else {
    question = b.emit(
      {
        source: b.pickSource(rng, true),
        author: asker,
        publishedAt: t,
        text: askerVoice(fillTemplate(rng.pick(industry.questions), b.words, rng, {}, 'named'), industry.language, rng),
        label: 'neutral',
      },
      rng,
    );
  }
  if (rng.chance(0.5)) {
    const helper = b.pool.draw(rng);
    const body = fillTemplate(rng.pick(industry.replies.neutral), b.words, rng);
    b.emit(
      {
        source: question.source,
        author: helper,
        publishedAt: t + rng.uniform(2, 9) * MINUTE,
        text: question.source === 'microblog' ? `@${asker.handle} ${body}` : body,
        label: 'neutral',
        parent: question,
      },
      rng,
    );
  }
  if (options.shape === 'late') answer(b, question, t + rng.uniform(35, 50) * MINUTE, rng);
  return { kind: 'unanswered_question', brandId: b.plan.id, at: t, mentionIds: [question.id], note: `${options.shape} question` };
}

/**
 * The same question word for word from `askers` people within 20 minutes (copies of each other,
 * as the enricher flags them); the brand answers the first `answered` of them in time. Each
 * unanswered asker is one event.
 */
export function plantSameQuestion(
  b: BrandTraffic,
  options: { day: number; hour: number; askers: number; answered: number },
  rng: Prng,
): InjectedEvent[] {
  const t0 = b.at(options.day, options.hour);
  const text = fillTemplate(b.plan.industry.sameQuestion, b.words, rng.fork('fixed-wording'), {}, 'named');
  const events: InjectedEvent[] = [];
  for (let i = 0; i < options.askers; i++) {
    const t = t0 + (i / options.askers) * 20 * MINUTE + rng.int(0, 60_000);
    const question = b.emit(
      { source: 'microblog', author: b.fresh(rng), publishedAt: t, text, label: 'neutral', copyGroup: `${b.plan.id}:same-question:${t0}` },
      rng,
    );
    if (i < options.answered) answer(b, question, t + rng.uniform(3, 9) * MINUTE, rng);
    else
      events.push({
        kind: 'unanswered_question',
        brandId: b.plan.id,
        at: t,
        mentionIds: [question.id],
        note: `same question, asker ${i + 1} of ${options.askers}`,
      });
  }
  return events;
}
