// The per-mention enrichment step: which brands a raw mention is about, whether it repeats one
// already seen for each brand, how spammy it looks and what language it is in. One RawMention
// in, one EnrichedMention per matched brand out, plus one per brand whose conversation it joins
// as a reply in a thread (role 'thread_reply'), and the replies that were waiting for it.
//
// State (recent ids, the near-duplicate index, author activity) lives in the enricher and is
// updated by every call in call order, with no clock and no randomness: replaying the same input
// in the same order from the same state gives the same output, which the worker relies on after
// a crash.
import type { Brand, EnrichedMention, RawMention } from '@sl/contracts';
import {
  compileQuery,
  isQueryError,
  type Matcher,
  parseQuery,
  type QueryError,
  type QueryNode,
  QueryIndex,
  shingleHashes,
  tokenizeDocument,
} from '@sl/matching';
import { BrandOriginals } from './dedupe/brand-originals.ts';
import { type DuplicateCluster, fingerprint, NearDuplicateIndex, type SimilarMention, withAuthor } from './dedupe/near-duplicate-index.ts';
import { RecentIds } from './dedupe/recent-ids.ts';
import { type EnricherOptions, resolveEnricherOptions } from './enricher-options.ts';
import { detectLanguage } from './language/detect-language.ts';
import { AuthorActivity } from './spam/author-activity.ts';
import { RecentPosts } from './spam/recent-posts.ts';
import { readCommentText } from './spam/score-comment.ts';
import { SPAM_WEIGHTS, type SpamReasonCode } from './spam/spam-reasons.ts';
import { combineSpamSignals, copyPasteWeight, type SpamResult } from './spam/spam-score.ts';
import { ConversationThreads } from './threads/conversation-threads.ts';

export interface RejectedBrand {
  brandId: string;
  error: QueryError;
}

export interface BrandsUpdate {
  /** Ids of the brands now matched, sorted. */
  active: string[];
  /** Brands left out because their query does not parse (the rest still apply). */
  rejected: RejectedBrand[];
}

export interface Enricher {
  /**
   * `origin` names the physical record (the worker passes "<partition>:<offset>"): reading the same
   * record again after a crash or an aborted transaction gives the same verdicts instead of
   * marking the mention a duplicate of itself.
   */
  enrich(raw: RawMention, origin?: string): EnrichedMention[];
  /**
   * The same step as `enrich` (same state changes), with the mention's own verdicts even when it
   * matches no brand: what `sl enrich` prints. `enrich` skips spam and language for those.
   */
  assess(raw: RawMention, origin?: string): MentionAssessment;
  /** Replaces the brand list; deleted brands and unparsable queries are left out. */
  setBrands(brands: readonly Brand[]): BrandsUpdate;
  /** Replies waiting for their parent now, and those forgotten while waiting (capacity reached). */
  readonly threadStats: { waitingReplies: number; forgottenReplies: number };
  /** How full each bounded memory is, and how many entries each forgot to stay within its capacity. */
  readonly stateStats: EnricherStateStats;
}

export interface EnricherStateStats {
  nearDuplicates: { size: number; evicted: number };
  recentIds: { size: number; evicted: number };
  threadPosts: { size: number; evicted: number };
  waitingReplies: { size: number; evicted: number };
  /** Authors whose recent posts are tracked (broadcast_only). */
  authors: { size: number; evicted: number };
  /** Posts whose shingles are kept (pasted_post). */
  recentPosts: { size: number; evicted: number };
}

export interface MentionAssessment {
  /** What `enrich` returns: one record per matched brand, in brand id order. */
  mentions: EnrichedMention[];
  spam: SpamResult;
  detectedLang: string | null;
}

export interface CreateEnricherInput {
  brands: readonly Brand[];
  options?: Partial<EnricherOptions>;
}

interface ActiveBrand {
  id: string;
  match: Matcher;
}

interface Duplicate {
  isDuplicate: boolean;
  duplicateOf: string | null;
}

const NOT_DUPLICATE: Duplicate = { isDuplicate: false, duplicateOf: null };
const NO_ORIGINALS = new BrandOriginals();

/** Near-duplicates listed on a record (EnrichedMention.similarTo), most similar first. */
const MAX_SIMILAR_LISTED = 16;

/** The spam verdict, and the score without copy_paste (which depends on which copies were read first). */
interface MentionSpam extends SpamResult {
  scoreBeforeCopies: number;
}

/** What a reply waiting for its parent was judged when read; it joins threads with these verdicts. */
interface ReadVerdicts {
  spam: MentionSpam;
  /** Brands it was a mention of when read (it is never also their thread reply). */
  mentionOf: readonly string[];
  /** The stored texts it was similar to when read, for its copy verdict in a thread it joins later. */
  similar: SimilarMention[];
  /** Its near-duplicate index entry's brand → original map, completed as it joins threads. */
  originals: BrandOriginals;
}

export function createEnricher(input: CreateEnricherInput): Enricher & { readonly rejectedBrands: readonly RejectedBrand[] } {
  const options = resolveEnricherOptions(input.options);
  const recentIds = new RecentIds(options.exactDuplicateCapacity);
  const nearDuplicates = new NearDuplicateIndex({
    capacity: options.nearDuplicateCapacity,
    threshold: options.nearDuplicateThreshold,
    maxBucketSize: options.maxBucketSize,
    maxCandidates: options.maxCandidates,
  });
  const authors = new AuthorActivity(options.authorCapacity);
  const posts = new RecentPosts(options.postCapacity);
  const threads = new ConversationThreads<ReadVerdicts>({
    postCapacity: options.threadPostCapacity,
    waitingCapacity: options.threadWaitingCapacity,
  });
  let active: ActiveBrand[] = [];
  // Which of `active` a mention could match: most mentions name few brands, so only those run.
  let index = new QueryIndex([]);
  let rejected: RejectedBrand[] = [];
  // The brands' own accounts: what they post belongs to the brand's conversation (replies to
  // customers rarely repeat the brand's name), so it is matched without the query.
  let ownAccounts = new Map<string, string[]>();
  // Each brand's spam threshold, stamped on its records so every reader classifies them alike.
  let spamThresholds = new Map<string, number>();

  function setBrands(brands: readonly Brand[]): BrandsUpdate {
    const next: ActiveBrand[] = [];
    const queries: QueryNode[] = [];
    const problems: RejectedBrand[] = [];
    for (const brand of [...brands].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (brand.deleted) continue;
      try {
        const query = parseQuery(brand.query);
        next.push({ id: brand.id, match: compileQuery(query) });
        queries.push(query);
      } catch (error) {
        if (!isQueryError(error)) throw error;
        problems.push({ brandId: brand.id, error });
      }
    }
    active = next;
    index = new QueryIndex(queries);
    spamThresholds = new Map(brands.filter((brand) => !brand.deleted).map((brand) => [brand.id, brand.spamThreshold]));
    ownAccounts = new Map();
    for (const brand of brands) {
      if (brand.deleted || !next.some((b) => b.id === brand.id)) continue;
      for (const entry of brand.handles ?? []) {
        const key = entry.includes(':') ? entry.toLowerCase() : `*:${entry.toLowerCase()}`;
        ownAccounts.set(key, [...(ownAccounts.get(key) ?? []), brand.id]);
      }
    }
    rejected = problems;
    return { active: next.map((brand) => brand.id), rejected: problems };
  }

  /** Brands whose own account wrote the mention (a fediverse user@instance also answers to user). */
  function ownAccountBrands(raw: RawMention): readonly string[] {
    const handle = raw.author.handle.trim().replace(/^@/, '').toLowerCase();
    const at = handle.indexOf('@');
    const local = at === -1 ? handle : handle.slice(0, at);
    // Key by key, most specific first, each brand once: almost no author is a brand's own account,
    // so nothing is allocated for the others (this ran on every mention).
    let found = ownersOf(ownAccounts, `${raw.source}:${handle}`, null);
    found = ownersOf(ownAccounts, `*:${handle}`, found);
    if (local !== handle) {
      found = ownersOf(ownAccounts, `${raw.source}:${local}`, found);
      found = ownersOf(ownAccounts, `*:${local}`, found);
    }
    return found ?? NO_OWNERS;
  }

  function enrich(raw: RawMention, origin?: string): EnrichedMention[] {
    return step(raw, origin, false)?.mentions ?? [];
  }

  function assess(raw: RawMention, origin?: string): MentionAssessment {
    return step(raw, origin, true) as MentionAssessment;
  }

  /** Null when the mention matched no brand and joined no thread, and `unmatchedToo` is false. */
  function step(raw: RawMention, origin: string | undefined, unmatchedToo: boolean): MentionAssessment | null {
    const doc = tokenizeDocument({ text: raw.text, title: raw.title, url: raw.url });
    const matches: Array<{ brandId: string; terms: string[] }> = [];
    for (const candidate of index.candidates(doc)) {
      const brand = active[candidate] as ActiveBrand;
      const result = brand.match(doc);
      if (result.matched) matches.push({ brandId: brand.id, terms: result.terms });
    }
    if (ownAccounts.size > 0) {
      for (const brandId of ownAccountBrands(raw)) {
        if (!matches.some((m) => m.brandId === brandId)) matches.push({ brandId, terms: [`from:@${raw.author.handle.replace(/^@/, '')}`] });
      }
      matches.sort((a, b) => (a.brandId < b.brandId ? -1 : a.brandId > b.brandId ? 1 : 0));
    }

    // Threads: the brands whose conversation the parent is in take this reply into theirs.
    const parentThreads = threads.parentThreads(raw);
    const mentionOf = matches.map((match) => match.brandId);

    // Dedupe and author state are updated for every mention, matched or not, so copies of an
    // unmatched text are still recognised as copies later.
    const seen = recentIds.get(raw.id);
    const replay = seen !== undefined && origin !== undefined && seen.origin === origin;
    const emittedFor = replay ? undefined : seen?.brands;
    // A record read again (same origin) was judged before: if it waited then, whatever attached
    // it since emitted it for those brands; it joins now only the threads it joined when read.
    const waited = replay ? threads.waitingReply(raw.id) : undefined;
    const threadOf =
      waited !== undefined
        ? [...waited.joinedWhenRead]
        : [...parentThreads.keys()].filter((brandId) => !mentionOf.includes(brandId)).sort();
    const wordCount = countWords(doc.words);
    const shingles = wordCount >= options.minWordsForNearDuplicate ? shingleHashes(doc.words, options.shingleWords) : null;
    const print = shingles === null ? null : fingerprint(shingles);
    const similar = print === null ? [] : nearDuplicates.findSimilar(print, raw.id);
    const duplicates = new Map<string, Duplicate>();
    // Most mentions match no brand and answer nothing: their index entries share one empty map. A
    // reply's map is its own, as it may join a thread later (joinThread adds the brand then).
    const originals = matches.length > 0 || raw.parentId !== null ? new BrandOriginals() : null;
    for (const brandId of [...mentionOf, ...threadOf]) {
      const duplicate = duplicateFor(brandId, raw.id, emittedFor, similar);
      duplicates.set(brandId, duplicate);
      originals?.set(brandId, duplicate.duplicateOf ?? raw.id);
    }

    const authorKey = `${raw.source}:${raw.author.handle}`;
    // A re-send or a replay (known id) changes no state: it is the same post, not a new copy or a new post.
    let cluster: DuplicateCluster | null = null;
    if (print !== null && seen === undefined) {
      const best = similar[0];
      if (best !== undefined) nearDuplicates.touch(best.entry);
      cluster = best?.entry.cluster ?? { rootId: raw.id, authors: [] };
      withAuthor(cluster, authorKey);
      nearDuplicates.add(raw.id, print, cluster, originals ?? NO_ORIGINALS);
    }
    recentIds.record(raw.id, [...mentionOf, ...threadOf], origin);
    const activity = seen === undefined ? authors.record(authorKey, doc.linkCount > 0, raw.parentId !== null) : null;
    // Read before recording: a comment is compared with its parent, never with itself.
    const pastedPost = raw.parentId !== null && shingles !== null && posts.repeats(`${raw.source}:${raw.parentId}`, shingles);
    if (shingles !== null) posts.record(`${raw.source}:${raw.sourceId}`, shingles);

    if (matches.length === 0 && raw.parentId === null && !unmatchedToo) return null;
    const spam = scoreSpam(raw, cluster, activity, pastedPost);
    if (originals !== null && threads.parentMayJoinMore(raw)) threads.wait(raw, { spam, mentionOf, similar, originals }, threadOf);
    if (matches.length === 0 && threadOf.length === 0 && !unmatchedToo) return null;
    const detectedLang = detectLanguage(raw.text);
    const verdicts = (brandId: string) => ({
      ...(duplicates.get(brandId) ?? NOT_DUPLICATE),
      spamScore: spam.score,
      spamReasons: spam.reasons,
      detectedLang,
      similarTo: similarFor(brandId, similar),
      spamScoreBeforeCopies: spam.scoreBeforeCopies,
      spamThreshold: spamThresholds.get(brandId) ?? null,
    });
    const out: EnrichedMention[] = matches.map(({ brandId, terms }) => ({
      ...raw,
      brandId,
      matchedTerms: terms,
      ...verdicts(brandId),
      role: 'mention',
      threadId: parentThreads.get(brandId) ?? raw.id,
    }));
    for (const brandId of threadOf) {
      out.push({
        ...raw,
        brandId,
        matchedTerms: [],
        ...verdicts(brandId),
        role: 'thread_reply',
        threadId: parentThreads.get(brandId) as string,
      });
    }
    for (const mention of [...out]) joinThread(raw, mention.brandId, mention.threadId as string, origin, out);
    return { mentions: out, spam: { score: spam.score, reasons: spam.reasons }, detectedLang };
  }

  /**
   * Puts `post` in `brandId`'s thread, then the replies that were waiting for it, and theirs in
   * turn (a reply to a reply joins the same thread), appending the replies to `out`. A reply
   * keeps the spam verdict it was given when read; its copy verdict for the brand is decided
   * against what had been read before it, as if it had joined then.
   */
  function joinThread(post: RawMention, brandId: string, threadId: string, origin: string | undefined, out: EnrichedMention[]): void {
    threads.join(post, brandId, threadId);
    const queue: RawMention[] = [post];
    // A reply is taken once per call: the same record read again takes what it took before, and
    // a loop of parents (two comments naming each other) must not go round for ever.
    const taken = new Set<string>([post.id]);
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const { mention: reply, verdicts } of threads.take(next, brandId, origin)) {
        if (taken.has(reply.id) || verdicts.mentionOf.includes(brandId)) continue;
        taken.add(reply.id);
        const duplicate = duplicateFor(brandId, reply.id, undefined, verdicts.similar);
        verdicts.originals.set(brandId, duplicate.duplicateOf ?? reply.id);
        out.push({
          ...reply,
          brandId,
          matchedTerms: [],
          ...duplicate,
          spamScore: verdicts.spam.score,
          spamReasons: verdicts.spam.reasons,
          detectedLang: detectLanguage(reply.text),
          similarTo: similarFor(brandId, verdicts.similar),
          spamScoreBeforeCopies: verdicts.spam.scoreBeforeCopies,
          spamThreshold: spamThresholds.get(brandId) ?? null,
          role: 'thread_reply',
          threadId,
        });
        recentIds.record(reply.id, [brandId]);
        threads.join(reply, brandId, threadId);
        queue.push(reply);
      }
    }
  }

  function scoreSpam(
    raw: RawMention,
    cluster: DuplicateCluster | null,
    activity: { broadcastOnly: boolean } | null,
    pastedPost: boolean,
  ): MentionSpam {
    const author = raw.author.name === null ? raw.author.handle : `${raw.author.name} ${raw.author.handle}`;
    const text = readCommentText({ text: raw.title === null ? raw.text : `${raw.title}\n${raw.text}`, author });
    const context = new Map<SpamReasonCode, number>();
    if (pastedPost) context.set('pasted_post', SPAM_WEIGHTS.pasted_post ?? 0);
    if (activity?.broadcastOnly) context.set('broadcast_only', SPAM_WEIGHTS.broadcast_only ?? 0);
    const before = combineSpamSignals(text, context);
    const copies = copyPasteWeight(cluster?.authors.length ?? 0);
    if (copies === 0) return { ...before, scoreBeforeCopies: before.score };
    context.set('copy_paste', copies);
    return { ...combineSpamSignals(text, context), scoreBeforeCopies: before.score };
  }

  setBrands(input.brands);
  return {
    enrich,
    assess,
    setBrands,
    get threadStats() {
      return { waitingReplies: threads.waiting, forgottenReplies: threads.forgotten };
    },
    get stateStats() {
      return {
        nearDuplicates: { size: nearDuplicates.size, evicted: nearDuplicates.evicted },
        recentIds: { size: recentIds.size, evicted: recentIds.evicted },
        threadPosts: { size: threads.posts, evicted: threads.forgottenPosts },
        waitingReplies: { size: threads.waiting, evicted: threads.forgotten },
        authors: { size: authors.size, evicted: authors.evicted },
        recentPosts: { size: posts.size, evicted: posts.evicted },
      };
    },
    get rejectedBrands() {
      return rejected;
    },
  };
}

/**
 * For one brand: a re-sent id already emitted for the brand duplicates itself; otherwise the most
 * similar stored mention that was emitted for the brand is the original (its own original, if it
 * was a copy too). A copy of a text that never matched this brand is not a duplicate for it:
 * marking it would drop the brand's only count of that text.
 */
function duplicateFor(brandId: string, id: string, emittedFor: readonly string[] | undefined, similar: SimilarMention[]): Duplicate {
  if (emittedFor?.includes(brandId)) return { isDuplicate: true, duplicateOf: id };
  for (const { entry } of similar) {
    const original = entry.originalByBrand.get(brandId);
    // A replayed original finds its own later copies in the index; it is not their duplicate.
    if (original !== undefined && original !== id) return { isDuplicate: true, duplicateOf: original };
  }
  return NOT_DUPLICATE;
}

/**
 * The near-duplicates read before that were emitted for `brandId` (the ones its amplification
 * worker sees), most similar first. Each similar pair of the brand's records is listed on the one
 * read second, so the pairs over a set of mentions do not depend on read order (up to the cap).
 */
function similarFor(brandId: string, similar: readonly SimilarMention[]): string[] {
  const ids: string[] = [];
  for (const { entry } of similar) {
    if (!entry.originalByBrand.has(brandId)) continue;
    ids.push(entry.id);
    if (ids.length === MAX_SIMILAR_LISTED) break;
  }
  return ids;
}

const NO_OWNERS: readonly string[] = [];

/** `found` with the brands whose own account `key` is appended (those not in it yet); null while none. */
function ownersOf(owners: ReadonlyMap<string, readonly string[]>, key: string, found: string[] | null): string[] | null {
  const brandIds = owners.get(key);
  if (brandIds === undefined) return found;
  const into = found ?? [];
  for (const brandId of brandIds) if (!into.includes(brandId)) into.push(brandId);
  return into;
}

/** Words, not counting the empty strings that mark sentence breaks. */
function countWords(words: readonly string[]): number {
  let count = 0;
  for (const word of words) if (word !== '') count++;
  return count;
}
