// The words one kind of business hears about itself, and when. Templates use slots the text
// composer fills: {brand} (name, @handle or #tag), {name} (always the name), {handle} (@ the main
// account), {product}, {place}, {n} (a small number), {time} (a clock time), {friend} (@ someone),
// {asker} (@ the author answered). Only the question lists may contain '?': every other template is
// written so that no sentence in it asks the brand anything.
import type { SentimentLabel } from '@sl/contracts';

export type Language = 'en' | 'de';

export interface SourceWeight {
  source: string;
  weight: number;
}

export interface Industry {
  key: string;
  language: Language;
  products: string[];
  places: string[];
  /** Ordinary posts by customers, by the label the sentiment stage gives them. */
  posts: Record<SentimentLabel, string[]>;
  /** Replies to another customer's post (they still name the brand, or they would not match it). */
  replies: Record<SentimentLabel, string[]>;
  /** One sentence naming {brand} and ending in '?'. */
  questions: string[];
  /** A reply to the brand's own post asking something, without naming the brand. */
  followUps: string[];
  /** Names the brand in one sentence and asks something unrelated in another: not a question to the brand. */
  rhetorical: string[];
  /** The brand's own announcements. */
  brandPosts: string[];
  /** The brand answering {asker}. */
  brandAnswers: string[];
  /** The brand's canned answer, the same words every time (the enricher flags repeats as copies). */
  cannedAnswer: string;
  /** Negative posts about one incident (outage, recall, strike…), for a negative surge. */
  surge: string[];
  /** What a burst of attention is about (news, launch, weather), neutral or positive. */
  buzz: string[];
  /** A complaint that goes viral, and what people reply to it (never positive). */
  viralPosts: string[];
  viralReplies: string[];
  /** Praise worth amplifying, and its replies (positive). */
  tractionPosts: string[];
  tractionReplies: string[];
  /** A measured review by a large account (neutral or lukewarm). */
  influencerPosts: string[];
  spam: string[];
  /** One automated account's status lines. */
  bot: string[];
  /** A copy-and-paste campaign; {friend} is the only part people change. */
  copies: string[];
  /** Asked word for word by many people at once. */
  sameQuestion: string;
  categoryTerms: string[];
  sources: SourceWeight[];
  /** Relative volume per local hour 0-23. */
  dailyShape: number[];
  /** Relative volume per local weekday, Monday first. */
  weeklyShape: number[];
}

/** Sources where people reply to each other in threads. */
export const THREADED_SOURCES: readonly string[] = ['microblog', 'forum', 'video-comments'];
