// Traffic that looks like an event and must raise nothing: a spam burst, one account posting
// hundreds of times in an hour, the same text from hundreds of accounts, a silent day and the
// ordinary day after it, questions the brand answers in time. Each leaves a QuietSpan, so a false
// alarm in the report says which temptation it fell for.
import type { SentimentLabel } from '@sl/contracts';
import { answeredQuestion } from './background-traffic.ts';
import type { BrandTraffic } from './brand-traffic.ts';
import type { Prng } from './prng.ts';
import type { QuietSpan } from './scenario.ts';
import { fillTemplate } from './text-composer.ts';
import { DAY, MINUTE } from './traffic-rhythm.ts';

export interface DecoyOptions {
  day: number;
  hour: number;
  minutes?: number;
}

function span(b: BrandTraffic, start: number, minutes: number, reason: string): QuietSpan {
  // Through the end of the window the decoy finishes in, plus one: the alert it would cause is judged there.
  return { brandId: b.plan.id, start: b.windowStart(start), end: b.windowStart(start + minutes * MINUTE) + 2 * b.windowMs, reason };
}

/** `multiple` times the usual volume, every mention scored as spam (0.93-0.99) from throwaway accounts. */
export function plantSpamBurst(b: BrandTraffic, options: DecoyOptions & { multiple?: number }, rng: Prng): QuietSpan {
  const minutes = options.minutes ?? 30;
  const start = b.at(options.day, options.hour);
  const count = Math.round(
    Math.max(
      b.rhythm.usualCount(start, minutes) * (options.multiple ?? 10),
      (4 * b.thresholds.minMentionsPerWindow * minutes) / b.thresholds.windowMinutes,
    ),
  );
  for (let i = 0; i < count; i++) {
    const handle = b.frame.handles.take(
      `${rng.pick(['deals', 'promo', 'win', 'gift', 'free'])}${rng.int(1000, 99999)}${rng.pick(['x', 'z', 'q', ''])}`,
    );
    const label: SentimentLabel = rng.chance(0.6) ? 'positive' : 'neutral';
    b.emit(
      {
        source: b.pickSource(rng),
        author: { handle, name: null, followers: rng.int(0, 40) },
        publishedAt: start + rng.next() * minutes * MINUTE,
        // Spam links carry a tracking path, so no two are the same text.
        text: `${fillTemplate(rng.pick(b.plan.industry.spam), b.words, rng)} /r/${rng.int(36 ** 4, 36 ** 5 - 1).toString(36)}`,
        label,
        spamScore: Number(rng.uniform(0.93, 0.99).toFixed(3)),
        spamReasons: rng.pick([
          ['link', 'promo-phrase'],
          ['link', 'new-account'],
          ['promo-phrase', 'new-account', 'link'],
        ]),
      },
      rng,
    );
  }
  return span(b, start, minutes, `spam burst (${count} mentions, spamScore >= 0.93)`);
}

/**
 * One account posting `posts` times in `minutes`: a status bot (neutral), or one furious customer
 * (negative). Not spam by score, not copies (every text differs).
 */
export function plantBusyAuthor(
  b: BrandTraffic,
  options: DecoyOptions & { posts: number; mood: 'bot' | 'angry'; handle: string },
  rng: Prng,
): QuietSpan {
  const minutes = options.minutes ?? 60;
  const start = b.at(options.day, options.hour);
  const author = { handle: b.frame.handles.take(options.handle), name: null, followers: options.mood === 'bot' ? 1_240 : 310 };
  const industry = b.plan.industry;
  for (let i = 0; i < options.posts; i++) {
    const t = start + ((i + rng.next()) / options.posts) * minutes * MINUTE;
    const angry = options.mood === 'angry';
    const template = angry ? rng.pick([...industry.posts.negative, ...industry.surge]) : rng.pick(industry.bot);
    // A counter keeps every text different, as a real bot's sequence numbers or a ranter's variations do.
    const text = `${fillTemplate(template, b.words, rng)} ${angry ? `(${i + 1})` : `#${1000 + i}`}`;
    b.emit(
      {
        source: 'microblog',
        author,
        publishedAt: t,
        text,
        label: angry ? 'negative' : 'neutral',
        spamScore: Number(rng.uniform(0.3, 0.5).toFixed(3)),
        spamReasons: ['high-rate'],
      },
      rng,
    );
  }
  return span(b, start, minutes, `one busy ${options.mood === 'bot' ? 'bot' : 'angry'} author (${options.posts} posts in ${minutes} min)`);
}

/** The same campaign text from `accounts` accounts in `minutes`; only the tagged friend changes. */
export function plantCopyCampaign(b: BrandTraffic, options: DecoyOptions & { accounts: number }, rng: Prng): QuietSpan {
  const minutes = options.minutes ?? 40;
  const start = b.at(options.day, options.hour);
  const template = rng.pick(b.plan.industry.copies);
  for (let i = 0; i < options.accounts; i++) {
    const author = b.fresh(rng);
    const friend = b.pool.draw(rng).handle;
    b.emit(
      {
        source: 'microblog',
        author,
        publishedAt: start + rng.next() * minutes * MINUTE,
        text: fillTemplate(template, b.words, rng, { friend }),
        label: rng.chance(0.7) ? 'positive' : 'neutral',
        copyGroup: `${b.plan.id}:campaign:${start}`,
      },
      rng,
    );
  }
  return span(b, start, minutes, `copies from ${options.accounts} accounts`);
}

/** No traffic at all for the brand's local day `day`; the ordinary days after it must stay quiet. */
export function plantSilentDay(b: BrandTraffic, options: { day: number }): QuietSpan[] {
  const start = b.at(options.day, 0);
  b.rhythm.silences.push({ start, end: start + DAY });
  return [
    { brandId: b.plan.id, start, end: start + DAY, reason: 'silent day' },
    // A baseline that averages the silent day in stays low for days, not just the next one.
    { brandId: b.plan.id, start: start + DAY, end: start + 4 * DAY, reason: 'ordinary days after a silent day' },
  ];
}

/** Questions the brand answers within minutes: named ones and ones under the brand's own post. */
export function plantAnsweredQuestions(b: BrandTraffic, options: DecoyOptions & { count: number }, rng: Prng): QuietSpan {
  const minutes = options.minutes ?? 120;
  const start = b.at(options.day, options.hour);
  for (let i = 0; i < options.count; i++) {
    const t = start + (i / options.count) * minutes * MINUTE;
    if (i % 3 === 2) {
      const post = b.emit(
        {
          source: 'microblog',
          author: b.ownAccount,
          publishedAt: t - 20 * MINUTE,
          text: fillTemplate(rng.pick(b.plan.industry.brandPosts), b.words, rng),
          label: 'neutral',
          engagement: b.ordinaryEngagement(rng),
        },
        rng,
      );
      answeredQuestion(b, t, rng, post);
    } else {
      answeredQuestion(b, t, rng);
    }
  }
  return span(b, start, minutes + 20, `${options.count} questions answered in time`);
}

/**
 * Large accounts below the brand's own influential bar (a brand may raise it above the default):
 * ordinary, lukewarm posts that must not be taken for influential voices.
 */
export function plantAccountsUnderBar(b: BrandTraffic, options: DecoyOptions & { count: number }, rng: Prng): QuietSpan {
  const minutes = options.minutes ?? 180;
  const start = b.at(options.day, options.hour);
  const low = Math.min(120_000, b.followerCap * 0.6);
  for (let i = 0; i < options.count; i++) {
    const author = { ...b.fresh(rng), followers: Math.round(rng.uniform(low, b.followerCap)) };
    const text = fillTemplate(rng.pick(b.plan.industry.posts.neutral), b.words, rng);
    b.emit(
      {
        source: b.pickSource(rng),
        author,
        publishedAt: start + (i / options.count) * minutes * MINUTE,
        text,
        label: 'neutral',
        engagement: b.ordinaryEngagement(rng),
      },
      rng,
    );
  }
  return span(
    b,
    start,
    minutes,
    `${options.count} accounts with ${Math.round(low / 1000)}k-${Math.round(b.followerCap / 1000)}k followers, under the brand's bar of ${b.thresholds.influentialFollowers.toLocaleString('en')}`,
  );
}
