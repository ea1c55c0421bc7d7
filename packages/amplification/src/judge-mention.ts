// Judging one mention, in event-time order (or late, behind the watermark): the author's earned
// influence, the per-mention kinds, the mention's window, its conversation and its question.
import { type AuthorInfluence, type Brand, copyPasteWeight, type MentionKind, type ScoredMention } from '@sl/contracts';
import type { AlertDraft } from './alert-text.ts';
import { newAuthorStats, recordPost } from './author-stats.ts';
import { isBrandAccount } from './brand-accounts.ts';
import { placeCopy, settleCopy } from './copy-links.ts';
import type { BrandState } from './brand-state.ts';
import { DAY_MS, eventTime, observedAt } from './event-time.ts';
import { influenceScore, listedInfluencer, normaliseHandle } from './influence-score.ts';
import { influentialVoice, postSignals } from './mention-detectors.ts';
import { parentCandidates, postUrl, spamThresholdOf } from '@sl/contracts';
import { addPoint, prunePosts, rememberPostTotal, spreadOf, type TrackedPost, typicalPostTotal } from './post-tracker.ts';
import { isQuestionToBrand } from './question-detector.ts';
import { noteAdded } from './earliest-bound.ts';
import { expectedCount, isWarm } from './volume-baseline.ts';
import type { StateEvictions } from './state-evictions.ts';
import { addToTally, authorCap, excerpt, newWindowTally } from './window-tally.ts';

export interface JudgeLimits {
  /** Authors remembered per brand; the least recently seen go first. @default 20_000 */
  maxAuthorsPerBrand: number;
  /** Posts followed for virality per brand. @default 2_000 */
  maxPostsPerBrand: number;
  /** Posts are followed for this long after publication, ms. @default 48 h */
  postHorizonMs: number;
  /** Open questions per brand. @default 500 */
  maxOpenQuestions: number;
  /**
   * Texts remembered per brand for finding copies (copy-index.ts), and copy groups (one per
   * original), the oldest judged forgotten first. Each text costs about 0.5 KB in memory and
   * 0.25 KB in the partition's snapshot. @default 20_000
   */
  maxCopyGroupsPerBrand: number;
  /** Distinct authors tracked per window for the per-author cap; later new authors count without it. @default 20_000 */
  maxWindowAuthors: number;
}

/** An author is announced as influential at most once a day per brand. */
const AUTHOR_QUIET_MS = DAY_MS;
/** Authors remembered per near-duplicate group. */
const MAX_COPY_AUTHORS = 50;

interface JudgeContext {
  /** Behind the watermark: its window may be closed and its question cannot be timed. */
  late: boolean;
  limits: JudgeLimits;
  emit: (draft: AlertDraft) => void;
  /** Where what the limits make the engine forget is counted. */
  evicted: StateEvictions;
}

/** The tracked post a reply answers, in its own source, by pipeline id, or by URL. */
function parentOf(st: BrandState, mention: ScoredMention): TrackedPost | undefined {
  if (mention.parentId === null) return undefined;
  const { ids, url } = parentCandidates(mention.source, mention.parentId);
  for (const id of ids) {
    const post = st.posts[id];
    if (post) return post;
  }
  const byUrl = url === null ? undefined : st.postsByUrl[url];
  return byUrl === undefined ? undefined : st.posts[byUrl];
}

/**
 * What judging one mention gave: the author's new influence when it counted, and how it counts
 * for the brand in event time — `kind` null where the engine has no verdict of its own (thread
 * replies, records from before similarTo existed) and the enricher's stands.
 */
export interface Judgement {
  influence: AuthorInfluence | null;
  kind: MentionKind | null;
  /** Why, in a person's words, when the kind is the engine's own. */
  reason: string;
}

const enrichers: Judgement = Object.freeze({ influence: null, kind: null, reason: '' });
const judged = (kind: MentionKind, reason: string, influence: AuthorInfluence | null = null): Judgement => ({ influence, kind, reason });

/** Judges one mention. */
export function judgeMention(brand: Brand, st: BrandState, mention: ScoredMention, context: JudgeContext): Judgement {
  const { limits, emit, evicted } = context;
  const own = isBrandAccount(brand.handles, mention.source, mention.author.handle);
  // The brand's replies answer questions even when they are copies or look like spam: support
  // teams answer with canned texts, which the enricher rightly sees as copies of each other.
  if (own) answerQuestions(st, mention);
  // Copies are judged here, in event time (below): the enricher's copy_paste weight depends on
  // which copy it read first. Records from before that score existed carry only spamScore.
  const spamScore = mention.spamScoreBeforeCopies ?? mention.spamScore;
  // The threshold the enricher stamped on the record (v3), as the rollups classify it; else the brand's.
  const threshold = spamThresholdOf(mention, brand.spamThreshold);
  const spam = spamScore >= threshold;
  // Spam counts nowhere; a v2 mention's text still starts its copy group below (its copies are
  // copies, as the rollups count them), a v1 one's group came from the enricher.
  if (spam && (mention.similarTo === null || mention.role === 'thread_reply')) return enrichers;
  const t = observedAt(mention);
  const handle = normaliseHandle(mention.author.handle);
  const authorKey = `${mention.source}:${handle}`;
  const typical = st.typicalPostTotal;

  // A reply in one of the brand's threads that does not name the brand: one more person answering
  // the post, and perhaps a question to the brand (under its own post); not a mention, so no
  // window, no earned influence and no copy group (the rollups count it apart, too).
  if (mention.role === 'thread_reply') {
    if (mention.isDuplicate) return enrichers;
    const parent = parentOf(st, mention);
    if (parent) countReply(brand, parent, t, typical, emit);
    if (!own && !context.late) askIfQuestion(st, brand, mention, authorKey, t, limits, evicted);
    return enrichers;
  }
  // A record from before similarTo existed: its copies are the enricher's (copyGroupKey).
  const ownVerdicts = mention.similarTo !== null;

  // The same post again (a connector fetched it anew, with newer counts): its counts move on.
  const seen = st.posts[mention.id];
  if (seen || (mention.isDuplicate && mention.duplicateOf === mention.id)) {
    const again = ownVerdicts ? judged('duplicate', 'the same mention again (re-sent or re-fetched)') : enrichers;
    if (spam) return again;
    if (seen) {
      const before = spreadOf(seen);
      seen.reported = {
        likes: Math.max(seen.reported.likes, mention.engagement.likes),
        shares: Math.max(seen.reported.shares, mention.engagement.shares),
        replies: Math.max(seen.reported.replies, mention.engagement.replies),
      };
      addPoint(seen, t, before);
      for (const draft of postSignals(brand, seen, typical)) emit(draft);
    } else {
      trackPost(st, mention, authorKey, own, limits, evicted);
    }
    return again;
  }

  // Copies of one text: the earliest published is the original, whichever the enricher read first.
  const place = placeCopy(st, mention);
  const groupKey = place.key;
  const group = st.copies[groupKey];
  evicted.copyTexts += settleCopy(st, mention, place, limits.maxCopyGroupsPerBrand);
  if (group) {
    const copy = ownVerdicts ? judged('duplicate', `a copy of ${groupKey}, published earlier`) : enrichers;
    if (spam) return copy;
    if (!group.authors.includes(authorKey)) {
      // Someone else saying the same words: not counted again, but their question is theirs (ten
      // people asking the same thing are ten questions, however they word it), and their reply is
      // one more person answering the post ("Same here!" is said by many) — unless so many people
      // say it that it is a copy-paste campaign (the enricher's rule, in event time): a spam signal,
      // never a reason to drop someone's question.
      const remembered = group.authors.length < MAX_COPY_AUTHORS;
      if (remembered) group.authors.push(authorKey);
      if (!own && !context.late) askIfQuestion(st, brand, mention, authorKey, t, limits, evicted);
      const copied =
        mention.spamScoreBeforeCopies !== null && 1 - (1 - spamScore) * (1 - copyPasteWeight(group.authors.length)) >= threshold;
      if (copied) return copy;
      // Their voice is theirs too: what they repeat reaches their audience.
      const { record } = earnInfluence(brand, st, mention, authorKey, own, t, limits, emit, evicted);
      const parent = remembered ? parentOf(st, mention) : undefined;
      if (parent) countReply(brand, parent, t, typical, emit);
      return { ...copy, influence: record };
    }
    // The author's own words again: a double send within a day is nothing new, a repost a day or
    // more after the first is the author speaking again (still once a day at most).
    if (t - group.firstAt >= AUTHOR_QUIET_MS)
      return { ...copy, influence: earnInfluence(brand, st, mention, authorKey, own, t, limits, emit, evicted).record };
    return copy;
  }
  st.copies[groupKey] = { firstAt: t, authors: [authorKey] };
  st.copyOrder.push(groupKey);
  evicted.copyGroups += forgetOldCopies(st, limits.maxCopyGroupsPerBrand);
  if (spam)
    return ownVerdicts
      ? judged('spam', `spam score ${spamScore.toFixed(2)} before copies are weighed, at or above the brand's ${threshold}`)
      : enrichers;

  const { record, announced } = earnInfluence(brand, st, mention, authorKey, own, t, limits, emit, evicted);
  const parent = parentOf(st, mention);

  // A late mention still counts in its window while that is open (a moment behind the watermark).
  if (countInWindow(st, mention, authorKey, t, limits.maxWindowAuthors)) evicted.windowAuthorsUntracked += 1;

  // Conversations: a reply adds a point to its parent, from any source.
  if (parent) countReply(brand, parent, t, typical, emit);
  const post = trackPost(st, mention, authorKey, own, limits, evicted);
  // The team already heard about this post as an influential voice; its traction is that story.
  if (announced) post.fired.push('amplification_opportunity');
  if (!own) {
    for (const draft of postSignals(brand, post, typical)) emit(draft);
    rememberPostTotal(st.recentPostTotals, spreadOf(post).total);
    // The percentile moves slowly: recomputed every 20 posts, not sorted on every mention.
    st.postsRemembered += 1;
    if (st.postsRemembered <= 20 || st.postsRemembered % 20 === 0) st.typicalPostTotal = typicalPostTotal(st.recentPostTotals);
  }

  if (!own && !context.late) askIfQuestion(st, brand, mention, authorKey, t, limits, evicted);
  return ownVerdicts
    ? judged('counted', 'the earliest published of its text, and not spam before copies are weighed', record)
    : { ...enrichers, influence: record };
}

/**
 * The author's earned influence with this mention, and the influential-voice alert when it is due.
 * Run for a counted mention and for a copy of someone else's words: an influential person repeating
 * a complaint is still an influential person speaking.
 */
function earnInfluence(
  brand: Brand,
  st: BrandState,
  mention: ScoredMention,
  authorKey: string,
  own: boolean,
  t: number,
  limits: JudgeLimits,
  emit: (draft: AlertDraft) => void,
  evicted: StateEvictions,
): { record: AuthorInfluence; announced: boolean } {
  const handle = normaliseHandle(mention.author.handle);
  let stats = st.authors[authorKey];
  if (!stats) {
    // Room is made before the author is added: added first, with nothing seen yet, the newcomer
    // was the least recently seen and forgotten at once.
    if (st.authorCount >= limits.maxAuthorsPerBrand) evicted.authors += forgetAuthors(st, limits.maxAuthorsPerBrand);
    stats = newAuthorStats(mention.source, handle);
    st.authors[authorKey] = stats;
    st.authorCount += 1;
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
  const influence = influenceScore(stats, { hasCategoryTerms: brand.categoryTerms.length > 0, listed, now: t });
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

  let announced = false;
  if (!own) {
    const quietKey = `influential_voice:${authorKey}`;
    if ((st.quietUntil[quietKey] ?? 0) <= t) {
      const draft = influentialVoice(brand, mention, influence, listed !== undefined);
      if (draft) {
        st.quietUntil[quietKey] = t + AUTHOR_QUIET_MS;
        noteAdded(st.quietUntil, t + AUTHOR_QUIET_MS);
        emit(draft);
        announced = true;
      }
    }
  }
  return { record, announced };
}

function countReply(brand: Brand, parent: TrackedPost, t: number, typical: number, emit: (draft: AlertDraft) => void): void {
  const before = spreadOf(parent);
  parent.childReplies += 1;
  addPoint(parent, t, before);
  for (const draft of postSignals(brand, parent, typical)) emit(draft);
}

/**
 * Volume and negativity in the mention's window; judged when the window closes (window-clock.ts).
 * True when it counted without the per-author cap, its window tracking `maxAuthors` authors already.
 */
function countInWindow(st: BrandState, mention: ScoredMention, authorKey: string, t: number, maxAuthors: number): boolean {
  const windowStart = Math.floor(t / st.windowMs) * st.windowMs;
  if (st.lastClosed !== null && windowStart <= st.lastClosed) return false;
  const key = String(windowStart);
  const tally =
    st.windows[key] ??
    newWindowTally(windowStart, authorCap(isWarm(st.baseline, windowStart, st.windowMs) ? expectedCount(st.baseline, windowStart) : 0));
  st.windows[key] = tally;
  const { untracked } = addToTally(
    tally,
    {
      id: mention.id,
      author: authorKey,
      thread: mention.parentId === null ? null : `${mention.source}:${mention.parentId}`,
      text: mention.text,
      followers: mention.author.followers ?? 0,
      compound: mention.sentiment.compound,
      // The rollups' definition, so an alert's figures are the rollups' figures.
      negative: mention.sentiment.label === 'negative',
    },
    maxAuthors,
  );
  return untracked;
}

function trackPost(
  st: BrandState,
  mention: ScoredMention,
  authorKey: string,
  own: boolean,
  limits: JudgeLimits,
  evicted: StateEvictions,
): TrackedPost {
  const existing = st.posts[mention.id];
  if (existing) return existing;
  const t = observedAt(mention);
  const post: TrackedPost = {
    id: mention.id,
    author: authorKey,
    text: excerpt(mention.text),
    url: mention.url,
    compound: mention.sentiment.compound,
    negative: mention.sentiment.label === 'negative',
    publishedAt: eventTime(mention),
    childReplies: 0,
    reported: { ...mention.engagement },
    points: [],
    origin: null,
    ownPost: own,
    fired: [],
  };
  addPoint(post, t);
  st.posts[mention.id] = post;
  st.postCount += 1;
  const url = postUrl(mention.url);
  if (url !== null) st.postsByUrl[url] = mention.id;
  if (st.postCount > limits.maxPostsPerBrand) evicted.posts += prune(st, t - limits.postHorizonMs, limits.maxPostsPerBrand);
  return post;
}

/**
 * Forgets the oldest copy groups past the cap. Not by age: the enricher's near-duplicate index is
 * bounded by count, so a text that comes back days later is still a copy in the rollups, and it
 * must stay one here. Groups are made in event-time order (late ones aside), so the oldest are at
 * the front of copyOrder: a read head moves past them, and the array is compacted once the head
 * is halfway.
 */
function forgetOldCopies(st: BrandState, max: number): number {
  const order = st.copyOrder;
  let forgotten = 0;
  // The newest entry is the group just made: it always stays.
  while (st.copyHead < order.length - 1) {
    const key = order[st.copyHead] as string;
    const group = st.copies[key];
    if (group && order.length - st.copyHead <= max) break;
    // A key whose group is already gone (made again under its old key, copy-links.ts) is only skipped.
    if (group) forgotten += 1;
    delete st.copies[key];
    st.copyHead += 1;
  }
  if (st.copyHead > 1_000 && st.copyHead * 2 > order.length) {
    order.splice(0, st.copyHead);
    st.copyHead = 0;
  }
  return forgotten;
}

/** Forgets posts and their URLs past the horizon (and the least engaged posts past the cap); how many went for the cap. */
function prune(st: BrandState, olderThan: number, maxPosts: number): number {
  const evicted = prunePosts(st.posts, maxPosts, olderThan);
  st.postCount = Object.keys(st.posts).length;
  for (const [url, id] of Object.entries(st.postsByUrl)) if (!st.posts[id]) delete st.postsByUrl[url];
  return evicted;
}

function askIfQuestion(
  st: BrandState,
  brand: Brand,
  mention: ScoredMention,
  authorKey: string,
  t: number,
  limits: JudgeLimits,
  evicted: StateEvictions,
): void {
  const parent = parentOf(st, mention);
  const names = [
    brand.name,
    brand.id,
    ...brand.handles.map((h) => `@${h.split(':').pop()}`),
    ...mention.matchedTerms.map((term) => term.replace(/^["#@]|"$/g, '')),
  ];
  if (!isQuestionToBrand(mention.text, { names, repliesToBrand: parent?.ownPost === true })) return;
  if (Object.keys(st.questions).length >= limits.maxOpenQuestions) {
    evicted.questionsRefused += 1;
    return;
  }
  st.questions[mention.id] = {
    id: mention.id,
    author: authorKey,
    text: excerpt(mention.text),
    askedAt: t,
    dueAt: t + brand.alertThresholds.questionReplyMinutes * 60_000,
    url: mention.url,
  };
  noteAdded(st.questions, t + brand.alertThresholds.questionReplyMinutes * 60_000);
}

/** A post by the brand's own account answers the question it replies to, or the askers it names. */
function answerQuestions(st: BrandState, mention: ScoredMention): void {
  const parent = parentOf(st, mention);
  if (parent) delete st.questions[parent.id];
  if (mention.parentId !== null) for (const id of parentCandidates(mention.source, mention.parentId).ids) delete st.questions[id];
  const text = mention.text.toLowerCase();
  for (const [id, question] of Object.entries(st.questions)) {
    const handle = question.author.slice(question.author.indexOf(':') + 1);
    if (question.author.startsWith(`${mention.source}:`) && text.includes(`@${handle}`)) delete st.questions[id];
  }
}

/** Keeps the 90 % most recently seen of `max` authors; how many were forgotten. */
function forgetAuthors(st: BrandState, max: number): number {
  const keep = Math.floor(max * 0.9);
  const byRecency = Object.entries(st.authors).sort(([ka, a], [kb, b]) => b.lastSeen - a.lastSeen || (ka < kb ? -1 : 1));
  const forgotten = byRecency.slice(keep);
  for (const [key] of forgotten) delete st.authors[key];
  st.authorCount = Object.keys(st.authors).length;
  return forgotten.length;
}
