// Spam signals read from one comment's own text and its author's name, each a reason a person can
// read (spam-reasons.ts). They are evidence, not verdicts: the trained model weighs them with the
// words around them (spam-model.ts), so "check out my channel" under a music video and "check out
// my new Acme blender" do not count the same. Matched against plainCommentText (lower-case).
import type { SpamReasonCode } from './spam-reasons.ts';

const LINK =
  /(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ly|io|co|me|tv|us|uk|de|ru|pl|br|in|xyz|site|online|shop|club|gl|be|to|cc)(?:\/[^\s<>"']*)?(?![a-z0-9])|(?:^|\s)\/?watch\?v=[\w-]+/g;
const HANDLE = /(?:^|[^\w@.])@[a-z0-9_][a-z0-9_.]{2,}/;

const ENGAGEMENT = '(?:followers?|likes|views|subscribers|subs|upvotes|retweets|seguidores|abonnes|abonnements|abonnenten)';
// A seller's verb before the goods, or a count of them with a price. "she likes a lot of your
// songs" and "2,124,821,694 views" are not offers.
const SELLING_ENGAGEMENT = new RegExp(
  [
    String.raw`\b(?:buy|buying|cheap|sell|selling|boost|gain|instant|comprar|acheter|kaufen)\b[^.!?\n]{0,40}\b${ENGAGEMENT}\b`,
    String.raw`\b(?:get|real|free|grow)\b[^.!?\n]{0,20}\b\d+\s*k?\+?\s*(?:real |active |instant |cheap )?${ENGAGEMENT}\b`,
    String.raw`\b\d+\s*k?\+?\s*(?:real |active |instant |cheap )?${ENGAGEMENT}\b[^.!?\n]{0,30}(?:\$|€|£|\busd\b|\bcheap\b|\bfor \$?\d)`,
  ].join('|'),
);
const SALES_PITCH =
  /\b(?:dm me|check (?:out )?my (?:bio|profile)|link in (?:my )?bio|click (?:here|the link|below|this link|on the link)|promo code|discount code|coupon|earn \$?\d+|work from home|limited offer|100% free|order now|buy now|shop now|best price|lowest price)\b/;
const FREE_OFFER =
  /\b(?:free (?:gift ?cards?|iphone|ipad|money|v-?bucks|robux|psn|xbox|itunes|codes?|cs ?go|skins?|credits?|games?|apps?|stuff|samples?|followers|likes|views|subscribers|subs)|gift ?cards?|(?:make|earn|making|earning) (?:easy |extra |real |quick |some |more )?(?:money|cash|\$)|paypal (?:money|cash)|\$\d+ (?:a|per|every) (?:day|hour|week)|get paid|win (?:an? )?(?:iphone|ipad|xbox|ps4|gift|prize)|giveaway|casino|viagra|payday loans?|bitcoin (?:doubl|invest)|crypto (?:signals?|invest)|investment (?:plan|opportunit))/;
// The asks of a channel owner: subscribe to me, check out my music, sub4sub.
const SELF_PROMOTION = new RegExp(
  [
    String.raw`\b(?:subscribe|subscribing|sub|subs|suscribe|subcribe|subscibe)\s+(?:to\s+|in\s+|on\s+)?(?:me|my|us|our)\b`,
    String.raw`\b(?:subscribe|sub) back\b|\bsub\s*(?:4|for)\s*sub\b|\bfollow\s*(?:4|for)\s*follow\b|\blike\s*(?:4|for)\s*like\b|\b(?:f4f|l4l|s4s)\b`,
    String.raw`\b(?:check(?:ing)?|visit|watch|look (?:at|up)|listen to|follow|support|see|view|go to|like)\s+(?:out\s+)?(?:my|our)\s+(?:\S+\s+){0,2}?(?:channel|chanel|vids?|videos?|songs?|music|mixtape|covers?|playlist|page|blog|website|site|instagram|insta|twitter|facebook|fb|soundcloud|twitch|youtube|stream|shop|store|profile|remix|beats?|raps?|rapping|podcast|tracks?|art|work|account|app|game|parody|band)\b`,
    String.raw`\b(?:follow|add) me (?:on|at|@)\b|\bmy (?:youtube |yt )?(?:channel|chanel)\b|\bcheck (?:me|us) out\b`,
  ].join('|'),
);
const ENGAGEMENT_BAIT =
  /\b(?:thumbs up if|like (?:this|my) comment|like if|like and share|like and subscribe|please (?:subscribe|sub|share|like)|pls (?:subscribe|sub|share|like)|plz (?:subscribe|sub|share|like)|share this (?:video|post|page)|(?:who(?:'?s| is)|anyone) (?:still )?(?:watching|listening) (?:this )?in 20\d\d|comment and subscribe|subscribe for more)\b/;
// Grouped like a phone number (dots left out: "2.124.821.694 views" is a count), or + and digits.
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s-])\d{3,4}[\s-]\d{3,5}\b|\+\d{9,14}\b/;
const MESSAGING = /\b(?:whats ?app|telegram|kik|snapchat|wechat|viber|line id|skype id)\b/;
const MESSAGING_CONTACT = /\b(?:me|us|my|id|number|contact|add|inbox|text|call|chat|reach)\b|\d{6,}|@\w/;
const GENERIC_PRAISE =
  /\b(?:nice|great|good|awesome|amazing|cool|love|lovely|beautiful|excellent|wonderful|informative|helpful|useful|interesting|thanks? (?:you )?for (?:sharing|this|the))\b/;
const AUTHOR_KEYWORDS =
  /\b(?:buy|cheap|free|followers|likes|views|subscribers|seo|smm|marketing|promo|promotions?|deals?|discounts?|coupons?|casino|loans?|crypto|forex|bitcoin|viagra|pharmacy|escorts?|replica|outlet|insurance|essays?|hacks?|cheats?|money|cash|earn|backlinks?|traffic|web ?design|agency|giveaways?|offers?|best price)\b|^[a-z0-9-]+\.(?:com|net|org|info|biz)$/;

/** Praise with a link and at most this many other words is a link drop wearing a compliment. */
const PRAISE_LINK_MAX_WORDS = 15;
/** A link with at most this many other words is nothing but the link. */
const LINK_ONLY_MAX_WORDS = 3;
/** At least this many hashtags, or this share of all words being hashtags (with 5+). */
const HASHTAG_PILE = 8;
const HASHTAG_SHARE = 0.5;
/** One word repeated at least this often and making up this share of the words. */
const REPEATED_WORD_COUNT = 4;
const REPEATED_WORD_SHARE = 0.25;
const COMMON_WORDS = new Set(
  'the and for you that this with are was but not have your its our all too very so just of in on to is it a i me my'.split(' '),
);

export interface CommentShape {
  /** The text with every link replaced by LINK_TOKEN (no word, no letters: links count once, in `links`). */
  rest: string;
  /** Hosts of the links (without `www.`), in order. */
  hosts: string[];
  /** Links (with a scheme, `www.`, a bare domain or a YouTube watch path) in the text. */
  links: number;
  /** Words outside the links. */
  words: number;
  /** The most frequent word's count, when it is not a common word. */
  topWordCount: number;
  /** Hashtags (`#` followed by a letter or digit after a space or the start). */
  hashtags: number;
}

export const LINK_TOKEN = ' \u0001 ';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const COMMON_WORD_HASHES = new Set([...COMMON_WORDS].map((word) => wordHash(word, 0, word.length)));

function wordHash(text: string, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/** Letters, digits and apostrophes; anything beyond ASCII but spaces and common punctuation. */
export function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || (code >= 65 && code <= 90);
  return !(code === 0xa0 || (code >= 0x2000 && code <= 0x206f) || code === 0x3000 || code === 0xfeff);
}

/** Splits once what every signal and the model read: links apart, words counted. */
export function commentShape(plain: string): CommentShape {
  let links = 0;
  const hosts: string[] = [];
  const rest =
    plain.includes('.') || plain.includes('watch?')
      ? plain.replace(LINK, (link: string) => {
          links++;
          const host = link
            .trim()
            .replace(/^(?:https?:\/\/)?(?:www\.)?/, '')
            .split(/[/?#:]/, 1)[0];
          if (host) hosts.push(host);
          return LINK_TOKEN;
        })
      : plain;
  let words = 0;
  let hashtags = 0;
  let topWordCount = 0;
  const counts = new Map<number, number>();
  let start = -1;
  for (let i = 0; i <= rest.length; i++) {
    const code = i < rest.length ? rest.charCodeAt(i) : 32;
    if (i < rest.length && isWordCode(code)) {
      if (start < 0) {
        start = i;
        const before = i > 0 ? rest.charCodeAt(i - 1) : 32;
        if (before === 35 && (i < 2 || !isWordCode(rest.charCodeAt(i - 2)))) hashtags++;
      }
      continue;
    }
    if (start >= 0) {
      words++;
      const hash = wordHash(rest, start, i);
      const count = (counts.get(hash) ?? 0) + 1;
      counts.set(hash, count);
      if (count > topWordCount && !COMMON_WORD_HASHES.has(hash)) topWordCount = count;
      start = -1;
    }
  }
  return { rest, hosts, links, words, topWordCount, hashtags };
}

/**
 * The reasons the text and author name give, in catalogue order. `plain` comes from
 * plainCommentText; `authorName` is the display name or handle, when the source gives one.
 */
export function textSignals(plain: string, authorName: string | null, shape: CommentShape = commentShape(plain)): SpamReasonCode[] {
  const reasons: SpamReasonCode[] = [];
  const hasLink = shape.links > 0;
  const selling = SELLING_ENGAGEMENT.test(plain);
  if (selling && hasLink) reasons.push('link_selling');
  else if (selling) reasons.push('selling_engagement');
  const free = FREE_OFFER.test(plain);
  if (hasLink && !selling && (free || SALES_PITCH.test(plain))) reasons.push('promo_link');
  else if (!selling && free) reasons.push('free_offer');
  if (SELF_PROMOTION.test(plain) || (HANDLE.test(plain) && /\bfollow\b/.test(plain))) reasons.push('self_promotion');
  if (ENGAGEMENT_BAIT.test(plain)) reasons.push('engagement_bait');
  if (PHONE.test(plain) || (MESSAGING.test(plain) && MESSAGING_CONTACT.test(plain))) reasons.push('contact_offer');
  if (hasLink && shape.words <= LINK_ONLY_MAX_WORDS) reasons.push('link_only');
  else if (hasLink && shape.words <= PRAISE_LINK_MAX_WORDS && GENERIC_PRAISE.test(plain)) reasons.push('praise_link');
  if (authorName !== null && AUTHOR_KEYWORDS.test(authorName.toLowerCase().replace(/[_-]+/g, ' '))) reasons.push('keyword_author');
  if (isStuffed(shape)) reasons.push('keyword_stuffing');
  return reasons;
}

function isStuffed(shape: CommentShape): boolean {
  const { hashtags, words, topWordCount } = shape;
  if (hashtags >= HASHTAG_PILE || (hashtags >= 5 && hashtags / Math.max(words, 1) >= HASHTAG_SHARE)) return true;
  return topWordCount >= REPEATED_WORD_COUNT && topWordCount / words >= REPEATED_WORD_SHARE;
}
