// The spam reasons, as codes (what EnrichedMention.spamReasons carries) and as text a brand
// manager reads. Each signal's weight is its score alone; signals combine as independent
// evidence: 1 - (1 - a)(1 - b)...
export const SPAM_REASONS = {
  link_selling: 'sells followers, likes or views and drops a link',
  selling_engagement: 'offers to sell followers, likes or views',
  promo_link: 'drops a link with a sales pitch (DM me, check my bio, discount code...)',
  copy_paste: 'the same text was posted by several different authors',
  keyword_stuffing: 'repeats the same word or piles up hashtags',
  broadcast_only: 'the author only posts links and never replies',
} as const;

export type SpamReasonCode = keyof typeof SPAM_REASONS;

export const SPAM_WEIGHTS: Readonly<Record<SpamReasonCode, number>> = {
  link_selling: 0.9,
  selling_engagement: 0.6,
  promo_link: 0.5,
  // copy_paste grows with the number of authors; this is its cap.
  copy_paste: 0.9,
  keyword_stuffing: 0.5,
  broadcast_only: 0.4,
};

export function describeSpamReason(code: string): string {
  return (SPAM_REASONS as Record<string, string>)[code] ?? code;
}
