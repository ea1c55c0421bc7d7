// Spam signals read from one mention's own text: selling engagement, sales links, stuffing.
import type { TokenizedDocument } from '@sl/matching';
import type { SpamReasonCode } from './spam-reasons.ts';

// Matched against folded (lower-case, accent-free) text.
const ENGAGEMENT = '(?:followers?|likes|views|subscribers|subs|upvotes|retweets|seguidores|abonnes|abonnements|abonnenten)';
const SELLING_ENGAGEMENT = new RegExp(
  String.raw`\b(?:buy|cheap|get|gain|boost|grow|instant|real|free|comprar|acheter|kaufen)\b[^.!?\n]{0,40}\b${ENGAGEMENT}\b|\b\d+\s*k?\+?\s*${ENGAGEMENT}\b[^.!?\n]{0,30}(?:\$|€|£|usd|only|cheap|for)`,
);
const SALES_PITCH =
  /\b(?:dm me|check (?:out )?my (?:bio|profile)|link in (?:my )?bio|click (?:here|the link|below)|whatsapp|telegram|promo code|discount code|coupon|earn \$?\d+|work from home|limited offer|100% free)\b/;

/** At least this many hashtags, or this share of all words being hashtags (with 5+). */
const HASHTAG_PILE = 8;
const HASHTAG_SHARE = 0.5;
/** One word repeated at least this often and making up this share of the words. */
const REPEATED_WORD_COUNT = 4;
const REPEATED_WORD_SHARE = 0.25;
const COMMON_WORDS = new Set(
  'the and for you that this with are was but not have your its our all too very so just of in on to is it a i'.split(' '),
);

export function textSignals(folded: string, doc: TokenizedDocument): SpamReasonCode[] {
  const reasons: SpamReasonCode[] = [];
  const selling = SELLING_ENGAGEMENT.test(folded);
  if (selling && doc.linkCount > 0) reasons.push('link_selling');
  else if (selling) reasons.push('selling_engagement');
  else if (doc.linkCount > 0 && SALES_PITCH.test(folded)) reasons.push('promo_link');
  if (isStuffed(doc)) reasons.push('keyword_stuffing');
  return reasons;
}

function isStuffed(doc: TokenizedDocument): boolean {
  const words = doc.words.length - countBreaks(doc.words);
  const tags = doc.hashtags.size;
  if (tags >= HASHTAG_PILE || (tags >= 5 && tags / Math.max(words, 1) >= HASHTAG_SHARE)) return true;
  for (const [word, at] of doc.wordIndex) {
    if (at.length >= REPEATED_WORD_COUNT && at.length / words >= REPEATED_WORD_SHARE && !COMMON_WORDS.has(word)) return true;
  }
  return false;
}

function countBreaks(words: readonly string[]): number {
  let breaks = 0;
  for (const word of words) if (word === '') breaks++;
  return breaks;
}
