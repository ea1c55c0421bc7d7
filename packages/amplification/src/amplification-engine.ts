// The amplification engine: scored mentions in, in partition order, alerts and author influence
// out. One engine holds one input partition's brands. It reads no clock and draws no random
// number: the same input gives the same state, the same alerts and the same ids, which is what
// lets a worker rebuild a partition by replaying it silently.
import type { Alert, AuthorInfluence, Brand, ScoredMention } from '@sl/contracts';
import { buildAlert } from './alert-text.ts';
import { newAuthorStats, recordPost } from './author-stats.ts';
import { isBrandAccount } from './brand-accounts.ts';
import { type BrandState, newBrandState, type PartitionState, STATE_FORMAT } from './brand-state.ts';
import { DAY_MS, eventTime, HOUR_MS, MINUTE_MS } from './event-time.ts';
import { influenceScore, listedInfluencer, normaliseHandle } from './influence-score.ts';
import { influentialVoice, postSignals } from './mention-detectors.ts';
import { addPoint, prunePosts, type TrackedPost } from './post-tracker.ts';
import { isQuestionToBrand } from './question-detector.ts';
import { unansweredAlert } from './question-alert.ts';
import { expectedCount, foldWindow, isWarm } from './volume-baseline.ts';
import { negativeSurge, volumeSpike } from './window-detectors.ts';
import { addToTally, authorCap, excerpt, newWindowTally, type WindowTally } from './window-tally.ts';

export interface EngineLimits {
  /** Authors remembered per brand; the least recently seen go first. @default 20_000 */
  maxAuthorsPerBrand: number;
  /** Posts followed for virality per brand. @default 2_000 */
  maxPostsPerBrand: number;
  /** Posts are followed for this long after publication, ms. @default 48 h */
  postHorizonMs: number;
  /** Open questions per brand. @default 500 */
  maxOpenQuestions: number;
  /** Per-mention alerts are not raised for mentions this far behind the brand's latest, ms. @default 1 h */
  maxAlertLagMs: number;
}

export const DEFAULT_ENGINE_LIMITS: Readonly<EngineLimits> = Object.freeze({
  maxAuthorsPerBrand: 20_000,
  maxPostsPerBrand: 2_000,
  postHorizonMs: 48 * HOUR_MS,
  maxOpenQuestions: 500,
  maxAlertLagMs: HOUR_MS,
});

/** An author is announced as influential at most once a day per brand. */
const AUTHOR_QUIET_MS = DAY_MS;
/** A window closes this long after its end, for mentions that arrive a little out of order. */
const MAX_GRACE_MS = 2 * MINUTE_MS;
/** Folding a long silence stops after a week of empty windows. */
const MAX_EMPTY_WINDOWS_FOLDED = 7 * 24 * 4;
/** A mention this negative counts as negative (the sentiment label does too). */
const NEGATIVE_COMPOUND = -0.05;

/** The pipeline id of the mention this one replies to: parentId is the source's own id. */
function parentIdOf(mention: ScoredMention): string | null {
  return mention.parentId === null ? null : `${mention.source}:${mention.parentId}`;
}

export interface EngineOutput {
  alerts: Alert[];
  /** The author's new influence when the mention was about them; one per counted mention. */
  influence: AuthorInfluence | null;
}

export interface AmplificationEngine {
  /** Processes one mention; `brand` is the brand's current rules (undefined: unknown or deleted). */
  process(mention: ScoredMention, brand: Brand | undefined, createdAt: number): EngineOutput;
  /** The partition's state, JSON-able. */
  snapshot(): PartitionState;
  /** Brands held, for metrics. */
  brandCount(): number;
}

export function createAmplificationEngine(restored?: PartitionState, limits: Partial<EngineLimits> = {}): AmplificationEngine {
  const opts = { ...DEFAULT_ENGINE_LIMITS, ...limits };
  const state: PartitionState = restored?.format === STATE_FORMAT ? restored : { format: STATE_FORMAT, brands: {} };

  const brandState = (brand: Brand): BrandState => {
    const windowMs = brand.alertThresholds.windowMinutes * MINUTE_MS;
    let st = state.brands[brand.id];
    if (!st || st.windowMs !== windowMs) {
      // A new window length makes old windows and per-window baselines meaningless; authors,
      // posts and questions carry over.
      const fresh = newBrandState(windowMs);
      if (st) Object.assign(fresh, { watermark: st.watermark, authors: st.authors, authorCount: st.authorCount, posts: st.posts, postCount: st.postCount, questions: st.questions });
      st = fresh;
      state.brands[brand.id] = st;
    }
    return st;
  };

  return {
    process(mention, brand, createdAt) {
      if (!brand || brand.deleted) return { alerts: [], influence: null };
      const st = brandState(brand);
      const alerts: Alert[] = [];
      const emit = (draft: Parameters<typeof buildAlert>[1]) => alerts.push(buildAlert(brand.id, draft, createdAt, brand.alertThresholds.historyMinutes * MINUTE_MS));
      const t = eventTime(mention);
      if (t > st.watermark) advance(brand, st, t, emit);

      if (mention.spamScore >= brand.spamThreshold) return { alerts, influence: null };
      const handle = normaliseHandle(mention.author.handle);
      const authorKey = `${mention.source}:${handle}`;
      const own = isBrandAccount(brand.handles, mention.source, mention.author.handle);
      const fresh = t >= st.watermark - opts.maxAlertLagMs;
      // The brand's replies answer questions even when they are flagged as copies: canned answers
      // ("we have sent you a DM") look alike.
      if (own) answerQuestions(st, mention);

      // Seen before with the same id: a connector fetched the post again with newer counts.
      if (mention.isDuplicate && mention.duplicateOf === mention.id) {
        const post = st.posts[mention.id];
        if (post) {
          post.reported = { ...mention.engagement };
          addPoint(post, mention.ingestedAt);
          if (fresh) for (const draft of postSignals(brand, post)) emit(draft);
        } else if (fresh) {
          trackPost(st, mention, authorKey, own);
        }
        return { alerts, influence: null };
      }
      // A copy of someone else's text: counted once, under the original.
      if (mention.isDuplicate) return { alerts, influence: null };


      // The author's earned influence.
      let stats = st.authors[authorKey];
      if (!stats) {
        stats = newAuthorStats(mention.source, handle);
        st.authors[authorKey] = stats;
        st.authorCount += 1;
        if (st.authorCount > opts.maxAuthorsPerBrand) forgetAuthors(st, opts.maxAuthorsPerBrand);
      }
      const lower = mention.text.toLowerCase();
      recordPost(
        stats,
        {
          publishedAt: t,
          followers: mention.author.followers,
          likes: mention.engagement.likes,
          shares: mention.engagement.shares,
          replies: mention.engagement.replies,
          isReply: mention.parentId !== null,
          usesCategoryTerm: brand.categoryTerms.some((term) => lower.includes(term)),
        },
        t,
      );
      const listed = listedInfluencer(brand.influencers, mention.source, mention.author.handle);
      const influence = influenceScore(stats, { hasCategoryTerms: brand.categoryTerms.length > 0, listed, now: st.watermark });
      const record: AuthorInfluence = {
        brandId: brand.id,
        source: stats.source,
        handle: stats.handle,
        influence,
        followers: stats.followers,
        mentions: stats.mentions,
        replies: stats.replies,
        activeDays: stats.days.length,
        lastSeen: stats.lastSeen,
      };

      if (fresh && !own) {
        const quietKey = `influential_voice:${authorKey}`;
        if ((st.quietUntil[quietKey] ?? 0) <= t) {
          const draft = influentialVoice(brand, mention, influence, listed !== undefined);
          if (draft) {
            st.quietUntil[quietKey] = t + AUTHOR_QUIET_MS;
            emit(draft);
          }
        }
      }

      // Volume and negativity in the mention's window, unless that window already closed.
      const windowStart = Math.floor(t / st.windowMs) * st.windowMs;
      if (st.lastClosed === null || windowStart > st.lastClosed) {
        const key = String(windowStart);
        const tally = st.windows[key] ?? newWindowTally(windowStart, authorCap(isWarm(st.baseline, windowStart, st.windowMs) ? expectedCount(st.baseline, windowStart) : 0));
        st.windows[key] = tally;
        const negative = mention.sentiment.label === 'negative' || mention.sentiment.compound <= NEGATIVE_COMPOUND;
        const counted = addToTally(tally, {
          id: mention.id,
          author: authorKey,
          text: mention.text,
          followers: mention.author.followers ?? 0,
          compound: mention.sentiment.compound,
          negative: negative && mention.sentiment.label !== 'positive',
        });
        if (counted && windowStart + st.windowMs > st.watermark - MAX_GRACE_MS) {
          for (const draft of [volumeSpike(brand, st, tally), negativeSurge(brand, st, tally)]) if (draft) emit(draft);
        }
      }

      // Conversations: a reply adds a point to its parent; the post itself may take off later.
      const parentKey = parentIdOf(mention);
      if (parentKey !== null) {
        const parent = st.posts[parentKey];
        if (parent) {
          parent.childReplies += 1;
          addPoint(parent, mention.ingestedAt);
          if (fresh) for (const draft of postSignals(brand, parent)) emit(draft);
        }
      }
      trackPost(st, mention, authorKey, own);
      if (st.postCount > opts.maxPostsPerBrand) {
        prunePosts(st.posts, opts.maxPostsPerBrand, st.watermark - opts.postHorizonMs);
        st.postCount = Object.keys(st.posts).length;
      }

      if (!own && fresh) askIfQuestion(st, brand, mention, authorKey, t);
      return { alerts, influence: record };
    },

    snapshot: () => state,
    brandCount: () => Object.keys(state.brands).length,
  };

  function trackPost(st: BrandState, mention: ScoredMention, authorKey: string, own: boolean): void {
    if (st.posts[mention.id]) return;
    const post: TrackedPost = {
      id: mention.id,
      author: authorKey,
      text: excerpt(mention.text),
      url: mention.url,
      compound: mention.sentiment.compound,
      publishedAt: eventTime(mention),
      childReplies: 0,
      reported: { ...mention.engagement },
      points: [],
      ownPost: own,
      fired: [],
    };
    addPoint(post, mention.ingestedAt);
    st.posts[mention.id] = post;
    st.postCount += 1;
  }

  function askIfQuestion(st: BrandState, brand: Brand, mention: ScoredMention, authorKey: string, t: number): void {
    const parentKey = parentIdOf(mention);
    const parent = parentKey === null ? undefined : st.posts[parentKey];
    const names = [brand.name, brand.id, ...brand.handles.map((h) => `@${h.split(':').pop()}`), ...mention.matchedTerms.map((term) => term.replace(/^["#@]|"$/g, ''))];
    if (!isQuestionToBrand(mention.text, { names, repliesToBrand: parent?.ownPost === true })) return;
    if (Object.keys(st.questions).length >= opts.maxOpenQuestions) return;
    st.questions[mention.id] = {
      id: mention.id,
      author: authorKey,
      text: excerpt(mention.text),
      askedAt: t,
      dueAt: t + brand.alertThresholds.questionReplyMinutes * MINUTE_MS,
      url: mention.url,
    };
  }

  /** A post by the brand's own account answers the question it replies to, or the asker it names. */
  function answerQuestions(st: BrandState, mention: ScoredMention): void {
    const parentKey = parentIdOf(mention);
    if (parentKey !== null) delete st.questions[parentKey];
    const text = mention.text.toLowerCase();
    for (const [id, question] of Object.entries(st.questions)) {
      const handle = question.author.slice(question.author.indexOf(':') + 1);
      if (question.author.startsWith(`${mention.source}:`) && text.includes(`@${handle}`)) delete st.questions[id];
    }
  }

  /** Moves the brand's event time forward: questions fall due, windows close into the baseline. */
  function advance(brand: Brand, st: BrandState, t: number, emit: (draft: Parameters<typeof buildAlert>[1]) => void): void {
    st.watermark = t;
    for (const [id, question] of Object.entries(st.questions)) {
      if (question.dueAt <= t) {
        st.unanswered.push(question);
        delete st.questions[id];
      }
    }
    const grace = Math.min(st.windowMs, MAX_GRACE_MS);
    // Windows whose end plus grace has passed, oldest first, with silent windows in between as zero.
    // A window starting before closeBefore ends by t - grace.
    const closeBefore = Math.floor((t - grace) / st.windowMs) * st.windowMs;
    const openStarts = Object.keys(st.windows).map(Number);
    let next = st.lastClosed === null ? Math.min(...openStarts, closeBefore) : st.lastClosed + st.windowMs;
    if ((closeBefore - next) / st.windowMs > MAX_EMPTY_WINDOWS_FOLDED) next = closeBefore - MAX_EMPTY_WINDOWS_FOLDED * st.windowMs;
    for (let start = next; start < closeBefore; start += st.windowMs) {
      const tally: WindowTally = st.windows[String(start)] ?? newWindowTally(start);
      delete st.windows[String(start)];
      foldWindow(st.baseline, start, tally.count, tally.negatives);
      st.lastClosed = start;
      st.previous = { ...tally, perAuthor: {}, trackedAuthors: 0 };
      const due = st.unanswered.filter((q) => q.dueAt < start + st.windowMs);
      if (due.length > 0) {
        st.unanswered = st.unanswered.filter((q) => q.dueAt >= start + st.windowMs);
        const stale = start + st.windowMs < t - opts.maxAlertLagMs;
        if (!stale) emit(unansweredAlert(brand, start, st.windowMs, due));
      }
    }
    // Windows that were skipped over by a jump of more than a week are simply dropped.
    for (const key of Object.keys(st.windows)) if (Number(key) <= (st.lastClosed ?? Number.NEGATIVE_INFINITY)) delete st.windows[key];
    for (const [key, until] of Object.entries(st.quietUntil)) if (until <= t) delete st.quietUntil[key];
  }

  function forgetAuthors(st: BrandState, max: number): void {
    const keep = Math.floor(max * 0.9);
    const byRecency = Object.entries(st.authors).sort(([ka, a], [kb, b]) => b.lastSeen - a.lastSeen || (ka < kb ? -1 : 1));
    for (const [key] of byRecency.slice(keep)) delete st.authors[key];
    st.authorCount = Object.keys(st.authors).length;
  }
}
