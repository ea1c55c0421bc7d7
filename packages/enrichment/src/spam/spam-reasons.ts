// The spam reasons, as codes (what EnrichedMention.spamReasons carries: plain strings, so a new
// code needs no schema version) and as text a brand manager reads.
//
// How they count (spam-score.ts): the reasons read from the text are features of the trained
// model, which weighs them with the words around them; the model's probability is the text's
// score. Reasons the training data cannot teach (sellers of followers, thread and author
// context) add their own weight as independent evidence: 1 - (1 - p)(1 - a)(1 - b)...
import { COPY_PASTE_MAX_WEIGHT } from '@sl/contracts';

export const SPAM_REASONS = {
  link_selling: 'sells followers, likes or views and drops a link',
  selling_engagement: 'offers to sell followers, likes or views',
  promo_link: 'drops a link with a sales pitch or a free offer (click here, promo code, gift cards...)',
  free_offer: 'promises free money, gift cards, prizes or easy earnings',
  self_promotion: "promotes the author's own channel, page or account (check out my channel, subscribe to me...)",
  own_work: "names the author's own channel, music or videos under someone else's (there is a video on my channel..., my new song...)",
  service_pitch: "offers SEO, backlinks, traffic, web design, loans or essays to the site's owner or its readers",
  engagement_bait: 'asks everyone for likes, subscriptions or shares',
  content_plug: 'points readers to a video, song, app or page to watch, look up or download',
  vote_or_fund: 'asks for votes, donations or likes for a contest, fundraiser or petition',
  contact_offer: 'gives a phone number, a messaging app (WhatsApp, Telegram...) or an e-mail address to take the talk elsewhere',
  link_only: 'is nothing but a link',
  praise_link: 'generic praise that carries a link, or signed by a name that advertises',
  keyword_author: 'the author is named after what it sells (cheap, SEO, followers, a web address...)',
  keyword_stuffing: 'repeats the same word or piles up hashtags',
  disguised_text:
    "disguises words or a web address to slip past filters (lookalike letters from other alphabets, 'youtube. com', 'dot com', 'delete the spaces')",
  copy_paste: 'the same text was posted by several different authors',
  pasted_post: 'repeats the text of the post it comments on',
  broadcast_only: 'the author only posts links and never replies',
  spam_wording: 'reads like comment spam to the trained model, though no single rule fired',
} as const;

export type SpamReasonCode = keyof typeof SPAM_REASONS;

/**
 * Weights of the reasons that add evidence beyond the model, each its score alone. The others
 * (absent here) count only through the model.
 */
export const SPAM_WEIGHTS: Readonly<Partial<Record<SpamReasonCode, number>>> = {
  link_selling: 0.9,
  selling_engagement: 0.6,
  // self_promotion chosen with the model by scripts/train-spam-model.ts --cv (training videos
  // only); promo_link kept at its old weight (0.3 and 0.5 score the videos alike, and a promo code
  // with a link from an unknown account is spam here).
  promo_link: 0.5,
  self_promotion: 0.3,
  // free_offer and vote_or_fund chosen by the same run: each video shows few of them, so a model
  // trained on the other video alone gives them little weight.
  free_offer: 0.5,
  vote_or_fund: 0.3,
  // Blog comment spam the videos do not show: a prior of our own, as free_offer's.
  service_pitch: 0.5,
  // Kinds of spam the training videos hardly show: a prior of our own, not fitted.
  contact_offer: 0.65,
  keyword_author: 0.4,
  keyword_stuffing: 0.5,
  // Ordinary writers have no reason to hide a word or an address; the training videos show a few
  // broken addresses and no lookalike letters, so this is a prior of our own, like contact_offer.
  disguised_text: 0.5,
  // copy_paste grows with the number of authors (copyPasteWeight in @sl/contracts); this is its cap.
  copy_paste: COPY_PASTE_MAX_WEIGHT,
  // Alone over the default threshold 0.7: a reply that is 80% its own post's words says nothing of
  // its own (bots paste the post to look on-topic). A quote-reply whose own answer is a fifth of
  // its words or more stays under the share.
  pasted_post: 0.75,
  broadcast_only: 0.4,
};

export function describeSpamReason(code: string): string {
  return (SPAM_REASONS as Record<string, string>)[code] ?? code;
}
