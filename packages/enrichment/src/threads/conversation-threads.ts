// Threads of each brand's conversation: which posts belong to which brand (and to which of its
// threads), and the replies still waiting for a parent the enricher has not read yet.
//
// A reply read before its parent is common: a backfill arrives in any order, a comment feed is
// polled before the post's feed, partitions are read at different speeds. So a reply whose parent
// is unknown waits (bounded, oldest forgotten first), and joins every brand's conversation its
// parent joins when the parent arrives — the same replies end up in the same brands' threads
// whatever the order they were read in, as long as they wait within the capacity. A reply whose
// parent is known but itself waiting waits too: its parent may still join more brands' threads
// (its own post not read yet), and the reply must follow it into each.
//
// Replays: a waiting reply remembers, per brand, the origin of the record that attached it. The
// same record read again after an aborted transaction attaches it again (its first attachment
// was rolled back with the transaction); a re-sent copy of the parent from another origin does not.
import { parentKeys, postKeys, type RawMention } from '@sl/contracts';
import { LruKeyTable } from '../state/lru-key-table.ts';

/** Brand id → id of the thread (the brand's mention it goes back to). */
export type BrandThreads = ReadonlyMap<string, string>;

const NO_THREADS: BrandThreads = new Map();

export interface WaitingReply<V> {
  mention: RawMention;
  /** What the enricher worked out for it when it was read (spam, language, …), reused on attachment. */
  verdicts: V;
  /** Brand id → origin of the record whose reading attached it for that brand. */
  attachedBy: Map<string, string | undefined>;
  /** Brands whose threads it joined when it was read (its parent was in them already). */
  joinedWhenRead: readonly string[];
}

/** attachedBy's mark for a brand the reply joined when read: no record's origin equals it. */
const JOINED_WHEN_READ = '\u0000read';

export interface ThreadOptions {
  /** Posts remembered with their brands' threads, least recently used forgotten first. */
  postCapacity: number;
  /** Replies waiting for their parent, oldest forgotten first. */
  waitingCapacity: number;
}

/**
 * The brands whose conversation a post is in and their thread ids, as pairs (brand, thread, brand,
 * thread, …) in the order joined. Never changed once stored: a join stores a new list, so the keys
 * of one post share one list (a Map per key cost ~150 bytes more, for 100,000 keys by default).
 */
type ThreadPairs = readonly string[];

/**
 * Bytes of a post key kept inline: a pipeline id, or "url:" and a normalised URL (most of the
 * generator's are 50–90 characters; a longer one keeps its string).
 */
const POST_KEY_WIDTH = 96;

export class ConversationThreads<V> {
  private readonly options: ThreadOptions;
  /**
   * Post keys (postKeys), least recently joined first, and by slot the brands whose conversation
   * the post is in, with their thread ids. A table of keys in typed arrays, not a Map: 100,000
   * keys by default, and a URL key is a string of its own per post (~110 bytes with its Map entry).
   */
  private readonly postKeyTable: LruKeyTable;
  private readonly threadsBySlot: (ThreadPairs | undefined)[];
  private readonly forgetPost = (slot: number) => {
    this.threadsBySlot[slot] = undefined;
  };
  /** Parent key (parentKeys) → replies waiting for that parent. */
  private readonly waitingByParent = new Map<string, WaitingReply<V>[]>();
  /** Waiting replies by id, oldest first, for the capacity bound. */
  private readonly waitingById = new Map<string, WaitingReply<V>>();
  /** Post key (postKeys) of a waiting reply → how many waiting replies have it. */
  private readonly waitingPostKeys = new Map<string, number>();
  /** Replies forgotten while still waiting (the capacity was reached). */
  forgotten = 0;
  /** Post keys forgotten to stay within postCapacity. */
  forgottenPosts = 0;

  constructor(options: ThreadOptions) {
    this.options = options;
    this.postKeyTable = new LruKeyTable(options.postCapacity, POST_KEY_WIDTH);
    this.threadsBySlot = new Array(this.postKeyTable.slots).fill(undefined);
  }

  /** Post keys remembered with their brands' threads. */
  get posts(): number {
    return this.postKeyTable.size;
  }

  get waiting(): number {
    return this.waitingById.size;
  }

  /** The waiting reply with this id (read before its parent's brands were all known), if kept. */
  waitingReply(id: string): WaitingReply<V> | undefined {
    return this.waitingById.get(id);
  }

  /**
   * Whether the reply's parent may still join brands' threads it is not in yet: the parent is
   * unknown, or it is a reply that is itself waiting.
   */
  parentMayJoinMore(mention: RawMention): boolean {
    if (mention.parentId === null) return false;
    const keys = parentKeys(mention.source, mention.parentId);
    if (!keys.some((key) => this.postKeyTable.find(key) !== -1)) return true;
    return keys.some((key) => this.waitingPostKeys.has(key));
  }

  /** The brands' threads of the post a reply answers, or an empty map when the parent is unknown. */
  parentThreads(mention: RawMention): BrandThreads {
    if (mention.parentId === null) return NO_THREADS;
    for (const key of parentKeys(mention.source, mention.parentId)) {
      const slot = this.postKeyTable.find(key);
      if (slot === -1) continue;
      const pairs = this.threadsBySlot[slot] as ThreadPairs;
      const threads = new Map<string, string>();
      for (let i = 0; i < pairs.length; i += 2) threads.set(pairs[i] as string, pairs[i + 1] as string);
      return threads;
    }
    return NO_THREADS;
  }

  /** Records that `mention` is in `brandId`'s conversation, in thread `threadId`. */
  join(mention: RawMention, brandId: string, threadId: string): void {
    // The list made for the previous key, so a key that held the same list shares the new one.
    let before: ThreadPairs | undefined;
    let after: ThreadPairs | undefined;
    for (const key of postKeys(mention)) {
      let slot = this.postKeyTable.find(key);
      const pairs = slot === -1 ? undefined : this.threadsBySlot[slot];
      // The first thread a post joined for a brand stays its thread (a re-send does not move it).
      let next: ThreadPairs;
      if (pairs !== undefined && hasBrand(pairs, brandId)) next = pairs;
      else if (after !== undefined && pairs === before) next = after;
      else next = pairs === undefined ? [brandId, threadId] : [...pairs, brandId, threadId];
      before = pairs;
      after = next;
      // Made the most recently joined, as a Map's delete and set did.
      if (slot === -1) slot = this.postKeyTable.add(key);
      else this.postKeyTable.touch(slot);
      this.threadsBySlot[slot] = next;
    }
    this.forgottenPosts += this.postKeyTable.trim(this.forgetPost);
  }

  /**
   * Keeps a reply whose parent may still join more brands' threads until the parent comes (or the
   * capacity is reached); `joinedWhenRead` are the brands' threads it joined already.
   */
  wait(mention: RawMention, verdicts: V, joinedWhenRead: readonly string[]): void {
    if (mention.parentId === null || this.waitingById.has(mention.id)) return;
    const attachedBy = new Map<string, string | undefined>(joinedWhenRead.map((brandId) => [brandId, JOINED_WHEN_READ]));
    const reply: WaitingReply<V> = { mention, verdicts, attachedBy, joinedWhenRead };
    this.waitingById.set(mention.id, reply);
    for (const key of postKeys(mention)) this.waitingPostKeys.set(key, (this.waitingPostKeys.get(key) ?? 0) + 1);
    for (const key of parentKeys(mention.source, mention.parentId)) {
      const list = this.waitingByParent.get(key);
      if (list === undefined) this.waitingByParent.set(key, [reply]);
      else list.push(reply);
    }
    while (this.waitingById.size > this.options.waitingCapacity) {
      const oldest = this.waitingById.values().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
      this.forgotten += 1;
    }
  }

  /**
   * Replies waiting for `post` that `brandId` has not taken yet (or that the same origin took
   * before, read again), marked as taken for the brand by `origin`.
   */
  take(post: RawMention, brandId: string, origin: string | undefined): WaitingReply<V>[] {
    const taken: WaitingReply<V>[] = [];
    for (const key of postKeys(post)) {
      for (const reply of this.waitingByParent.get(key) ?? []) {
        if (taken.includes(reply)) continue;
        if (reply.attachedBy.has(brandId) && (origin === undefined || reply.attachedBy.get(brandId) !== origin)) continue;
        reply.attachedBy.set(brandId, origin);
        taken.push(reply);
      }
    }
    return taken;
  }

  private forget(reply: WaitingReply<V>): void {
    this.waitingById.delete(reply.mention.id);
    for (const key of postKeys(reply.mention)) {
      const count = (this.waitingPostKeys.get(key) ?? 1) - 1;
      if (count <= 0) this.waitingPostKeys.delete(key);
      else this.waitingPostKeys.set(key, count);
    }
    if (reply.mention.parentId === null) return;
    for (const key of parentKeys(reply.mention.source, reply.mention.parentId)) {
      const list = this.waitingByParent.get(key);
      if (list === undefined) continue;
      const at = list.indexOf(reply);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) this.waitingByParent.delete(key);
    }
  }
}

function hasBrand(pairs: ThreadPairs, brandId: string): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === brandId) return true;
  return false;
}
