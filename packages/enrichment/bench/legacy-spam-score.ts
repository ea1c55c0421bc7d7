// The spam scorer as it was before the trained model (commit bdbcb23), kept so the benchmark can
// measure it in the same run as its replacement: three regular expressions over the folded text
// and the tokenized document, combined as independent evidence with their fixed weights. Only
// the text signals: copy-paste and broadcast need a stream and never fire on single comments.
import { foldText, type TokenizedDocument, tokenizeDocument } from '@sl/matching';

const ENGAGEMENT = '(?:followers?|likes|views|subscribers|subs|upvotes|retweets|seguidores|abonnes|abonnements|abonnenten)';
const SELLING_ENGAGEMENT = new RegExp(
  String.raw`\b(?:buy|cheap|get|gain|boost|grow|instant|real|free|comprar|acheter|kaufen)\b[^.!?\n]{0,40}\b${ENGAGEMENT}\b|\b\d+\s*k?\+?\s*${ENGAGEMENT}\b[^.!?\n]{0,30}(?:\$|€|£|usd|only|cheap|for)`,
);
const SALES_PITCH =
  /\b(?:dm me|check (?:out )?my (?:bio|profile)|link in (?:my )?bio|click (?:here|the link|below)|whatsapp|telegram|promo code|discount code|coupon|earn \$?\d+|work from home|limited offer|100% free)\b/;
const WEIGHTS = { link_selling: 0.9, selling_engagement: 0.6, promo_link: 0.5, keyword_stuffing: 0.5 } as const;
const COMMON_WORDS = new Set(
  'the and for you that this with are was but not have your its our all too very so just of in on to is it a i'.split(' '),
);

export function legacySpamScore(text: string): number {
  const doc = tokenizeDocument({ text });
  const folded = foldText(text);
  const fired: Array<keyof typeof WEIGHTS> = [];
  const selling = SELLING_ENGAGEMENT.test(folded);
  if (selling && doc.linkCount > 0) fired.push('link_selling');
  else if (selling) fired.push('selling_engagement');
  else if (doc.linkCount > 0 && SALES_PITCH.test(folded)) fired.push('promo_link');
  if (isStuffed(doc)) fired.push('keyword_stuffing');
  let clean = 1;
  for (const code of fired) clean *= 1 - WEIGHTS[code];
  return Math.round((1 - clean) * 1000) / 1000;
}

function isStuffed(doc: TokenizedDocument): boolean {
  let words = 0;
  for (const word of doc.words) if (word !== '') words++;
  const tags = doc.hashtags.size;
  if (tags >= 8 || (tags >= 5 && tags / Math.max(words, 1) >= 0.5)) return true;
  for (const [word, at] of doc.wordIndex) {
    if (at.length >= 4 && at.length / words >= 0.25 && !COMMON_WORDS.has(word)) return true;
  }
  return false;
}
