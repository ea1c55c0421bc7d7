// Spam signals read from one comment's own text and its author's name, each a reason a person can
// read (spam-reasons.ts). They are evidence, not verdicts: the trained model weighs them with the
// words around them (spam-model.ts), so "check out my channel" under a music video and "check out
// my new Acme blender" do not count the same. Matched against plainCommentText (lower-case).
import type { SpamReasonCode } from './spam-reasons.ts';

const LINK =
  /(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ly|io|co|me|tv|us|uk|de|ru|pl|br|in|xyz|site|online|shop|club|gl|be|to|cc)(?:\/[^\s<>"']*)?(?![a-z0-9])|(?:^|\s)\/?watch\?v=[\w-]+/g;
/** Every link LINK finds has one of these; most texts have neither, and LINK is slow to say so. */
const LINK_HINT = /\.[a-z]{2}|watch\?/;
const HANDLE = /(?:^|[^\w@.])@[a-z0-9_][a-z0-9_.]{2,}/;
const FOLLOW_ASK = /\bfollow (?:me|us|him|her|them|my|our)\b|\bfollow\s*@/;
const HANDLES = /(?:^|[^\w@.])@[a-z0-9_][a-z0-9_.]{2,}/g;

/** "10k instagram followers": the platform may stand between the count and the goods. */
const PLATFORM = '(?:(?:instagram|insta|ig|youtube|yt|twitter|tiktok|facebook|fb|spotify|soundcloud|twitch) )?';
const ENGAGEMENT = '(?:followers?|likes|views|subscribers|subs|upvotes|retweets|seguidores|abonnes|abonnements|abonnenten)';
// Gates: a rule's regular expression runs only when the text has one of the words it needs.
// commentShape looks every word up once (a hash lookup), which is several times cheaper than
// scanning the text for each rule. Each list must hold every word its rule can start from; the
// unit tests check that gated and ungated rules agree on the training comments.
const TRIGGER = {
  engagement: 1,
  free: 2,
  vote: 4,
  messaging: 8,
  owner: 16,
  service: 32,
  foreign: 64,
  ask: 128,
  plug: 256,
  bait: 512,
  address: 1024,
  own: 2048,
} as const;
const TRIGGER_WORDS: Readonly<Record<keyof typeof TRIGGER, string>> = {
  engagement: 'follower followers likes views subscribers subs upvotes retweets seguidores abonnes abonnements abonnenten',
  free: 'free gift gifts giftcard giftcards easiest easyest esyest easy fast make earn making earning paypal paid win giveaway giveaways casino casinos viagra payday bitcoin crypto investment',
  vote: 'vote votes voting voted donate donates donated donating donation donations sponsor help gofundme fund indiegogo kickstarter patreon petition petitions fundraiser like need',
  messaging: 'whatsapp whats telegram kik snapchat wechat viber line skype',
  foreign:
    'suscríbete suscribete suscríbanse suscribanse suscribirse inscreva inscrevam inscrevase abonniert abonnez abonnieren iscrivetevi iscriviti canal kanal chaîne chaine canale visiten visitem visita visitez pasen pasa pásate pasate miren vean confiram conheçam conhecam veja vejam schaut regardez guarda guardate escuchen ouçam oucam',
  ask: 'my our follow add check subscribe subscribing sub subs suscribe subcribe subscibe sucscribe sub4sub subforsub follow4follow like like4like f4f l4l s4s',
  // Words of a broken-up web address (disguised-text.ts): "youtube. com", "dot com", "delete spaces".
  address: 'com net org info biz xyz dot www dots space spaces',
  // OWN_WORK's gate: `owner`'s words and its own nouns, apart from `owner`, whose rule is slow and
  // would run on every "video" and "song". OWN_WORK also takes a word that starts with one of its
  // nouns ("my chanell"), so the owner words open its gate too, as they did when it was chosen.
  own: 'youtuber youtubers rapper rappers singer singers producer producers songwriter songwriters channel channels chanel cover covers subscribers subs video videos vids vlog vlogs music song songs beat beats rap raps mixtape playlist track tracks single album ep content artist artists musician musicians scroll scrolling skip ignore',
  plug: 'check watch look search give would will really take go come download install free click',
  bait: "thumbs like please pls plz share who who's whos anyone comment subscribe",
  service: 'seo rank ranking google backlinks backlink traffic web webdesign offer loan loans essay essays paper papers hire',
  owner:
    'youtuber youtubers rapper rappers singer singers producer producers songwriter songwriters channel channels chanel cover covers subscribers subs videos vids vlogs music songs beats raps content artist artists musician musicians scroll scrolling skip ignore',
};
// A seller's verb before the goods, or a count of them with a price. "she likes a lot of your
// songs" and "2,124,821,694 views" are not offers.
const SELLING_ENGAGEMENT = new RegExp(
  [
    String.raw`\b(?:buy|buying|cheap|cheapest|sell|selling|boost|gain|instant|smm|comprar|acheter|kaufen)\b[^.!?\n]{0,40}\b${ENGAGEMENT}\b`,
    String.raw`\b(?:get|real|free|grow)\b[^.!?\n]{0,20}\b\d+\s*k?\+?\s*(?:real |active |instant |cheap )?${PLATFORM}${ENGAGEMENT}\b`,
    String.raw`\b\d+\s*k?\+?\s*(?:real |active |instant |cheap )?${PLATFORM}${ENGAGEMENT}\b[^.!?\n]{0,30}(?:\$|€|£|\busd\b|\bcheap\b|\bfor \$?\d)`,
  ].join('|'),
);
const SALES_PITCH =
  /\b(?:i sell|(?:you can|to) (?:find and )?buy|buy (?:these|this|it|my|our|here|at)|sold (?:worldwide|here|at)|join (?:me|us|our team|now|here)|(?:please )?open this link|click on the link|(?:please )?visit (?:this|my|our) (?:site|page|link|website)|dm me|check (?:out )?my (?:bio|profile)|link in (?:my )?bio|click (?:here|the link|below|this link|on the link)|promo code|discount code|coupon|earn \$?\d+|work from home|limited offer|100% free|order now|buy now|shop now|best price|lowest price)\b/;
const FREE_OFFER =
  /\b(?:free (?:gift ?cards?|iphone|ipad|money|v-?bucks|robux|psn|xbox|itunes|codes?|cs ?go|skins?|credits?|games?|apps?|stuff|samples?|followers|likes|views|subscribers|subs|leads|traffic)|gift ?cards?|(?:easiest|easyest|esyest|easy|fast) (?:money|cash)|(?:make|earn|making|earning) (?:easy |extra |real |quick |some |more )?(?:money|cash|\$)|paypal (?:money|cash)|\$\d+ (?:a|per|every) (?:day|hour|week)|get paid|win (?:an? )?(?:iphone|ipad|xbox|ps4|gift|prize)|giveaway|casino|viagra|payday loans?|bitcoin (?:doubl|invest)|crypto (?:signals?|invest)|investment (?:plan|opportunit))/;
// The asks of a channel owner: subscribe to me, check out my music, sub4sub. "my channel" alone is
// no ask ("reviewing the grinder for my channel next week" is a reviewer talking about a product).
const SELF_PROMOTION = new RegExp(
  [
    String.raw`\b(?:subscribe|subscribing|sub|subs|suscribe|subcribe|subscibe|sucscribe)\s+(?:to\s+|in\s+|on\s+)?(?:me|my|us|our)\b`,
    String.raw`\b(?:subscribe|sub) back\b|\bsub\s*(?:4|for)\s*sub\b|\bfollow\s*(?:4|for)\s*follow\b|\blike\s*(?:4|for)\s*like\b|\b(?:f4f|l4l|s4s)\b`,
    String.raw`\b(?:check(?:ing)?|chacking|visit|watch|look (?:at|up)|listen to|follow|support|see|view|go to|like|share|spread)\s+(?:out\s+)?(?:my|our)\s+(?:\S+\s+){0,2}?(?:channel|chanel|vids?|vidios|videos?|songs?|music|mixtape|covers?|playlist|page|blog|website|site|instagram|insta|twitter|facebook|fb|soundcloud|twitch|youtube|stream|shop|store|profile|remix(?:es)?|beats?|raps?|rapping|podcast|tracks?|art|work|account|app|game|parody|band|stuff|book|clip)\b`,
    String.raw`\b(?:follow|add) me (?:on|at|here|now|back|please|pls|plz)\b|\b(?:follow|add) me\s*[@+]|\bcheck (?:me|us) out\b`,
    String.raw`\b(?:this is|here'?s|here is) (?:my|our) (?:new |latest )?(?:channel|chanel|playlist|song|video|mixtape|music|page|remix)\b|^\W*(?:please |pls |plz )?subscribe\b`,
  ].join('|'),
);
// Channel owners introducing themselves: "I'm a new youtuber", "I did a cover", "help me reach 100
// subscribers", "I make videos", "a small artist", "I know you'll scroll past this". Part of
// self_promotion; apart so that it runs only on texts with its words. The last three are wordings
// of comment spam in general, not read from the training videos.
const CHANNEL_OWNER = new RegExp(
  [
    String.raw`\b(?:i'?m|i am|we'?re|we are) (?:a |an )?(?:\S+ )?(?:youtuber|rapper|singer|music producer|producer|songwriter|new channel)s?\b`,
    String.raw`\b(?:i|we) (?:just )?(?:made|started|created|opened|have) (?:a |my |our )?(?:new |first |own )?(?:yt |youtube |gaming |music )?(?:channel|chanel)\b`,
    String.raw`\b(?:i|we) (?:did|made|recorded|do) (?:a |some |my own )?(?:\S+ )?covers?\b|\b(?:reach|get|hit) (?:to )?\d+k? (?:subscribers|subs)\b|\bi have (?:over )?\d[\d,]* (?:subscribers|subs)\b`,
    String.raw`\b(?:i|we) (?:also |now |just )?(?:make|upload|post|create|produce|record) (?:my own |our own |some |new |daily |weekly )?(?:\S+ )?(?:videos|vids|vlogs|music|songs|beats|raps|covers|content)\b`,
    String.raw`\b(?:a|an|i'?m|im) (?:small|new|upcoming|up and coming|aspiring|struggling|unknown|independent|indie) (?:youtuber|channel|artist|rapper|singer|musician)s?\b`,
    String.raw`\bscroll(?:ing)? (?:past|by|down past) (?:this|my)\b|\b(?:don'?t|dont|please don'?t) (?:just )?(?:scroll|skip|ignore)(?: past)? (?:this|my)\b`,
  ].join('|'),
);
// The same asks in Spanish, Portuguese, German, French and Italian ("suscríbete", "visiten mi
// canal", "inscreva-se no meu canal"): videos with fans abroad get them in their fans' languages.
// Written from what such spam says, not from the training videos (which have three of them).
const FOREIGN_SELF_PROMOTION = new RegExp(
  [
    String.raw`(?<!\p{L})(?:suscr[ií]bete|suscr[ií]banse|suscribirse|inscreva-?\s?se|inscrevam-?\s?se|se inscrevam|abonniert|abonnieren sie|abonnez-vous|iscrivetevi|iscriviti)(?![\p{L}])`,
    String.raw`(?<!\p{L})(?:visit(?:en|em|a|ez)|pasen por|pasa por|p[aá]sate por|miren|vean|confiram|conhe[cç]am|vejam?|schaut|regardez|guarda(?:te)?|escuchen|ou[cç]am)\s+(?:a |o |en |auf |sur )?(?:mi|meu|meus|mis|mein(?:en)?|ma|mon|mes|il mio|la mia)\s+(?:\S+\s+)?(?:canal|kanal|cha[iî]ne|canale|videos?|v[ií]deos?|musica|música|musik|blog|p[aá]gina|seite)(?![\p{L}])`,
  ].join('|'),
  'u',
);
// Pointing readers to something to watch, play or look up elsewhere, the author's or not.
const CONTENT_PLUG =
  /\b(?:check (?:out )?this (?:video|song|channel|playlist|page|site|link|trailer)\b|check this out\b|watch this (?:video|trailer|clip)\b|(?:look|search) (?:up |for )?["'“][^"'”]{2,60}["'”]|(?:look|search) (?:up )?\S+(?: \S+){0,3} on (?:youtube|yt|itunes|spotify|soundcloud|google|the internet)\b|look (?:\S+ ){1,3}up on\b|check (?:them|'em|em|it) out\b|give (?:it|me|us|them|my \S+) a (?:chance|like|listen)\b|(?:would|will) (?:mean|appreciate) (?:a lot|so much|the (?:absolute )?world)|(?:would|really) appreciate (?:it )?if (?:you|u|some of you)\b|take (?:a |one |1 )?(?:second|minute|min) (?:and|to) (?:watch|check|listen)|(?:go|come) (?:and )?(?:watch|check|see) (?:my|our|this)\b|download (?:it|now|free|for free|here|the app)\b|install (?:or update )?(?:it|now|the app|your)\b|free downloads?\b|click (?:on )?(?:the )?subscribe)/;
// The author's own channel or work named with no ask ("there is a video on my channel about...",
// "my new song"): under a video that is how many channel plugs start. Only the words a creator
// uses: "my music", "my videos" and "my playlist" are also a customer's library ("iTunes deleted
// all my music"). A reviewer talks the same way about a product ("reviewing the grinder for my
// channel"), so not with the words of a review (REVIEW_TALK). Model only: its weight is what the
// videos teach.
const OWN_WORK =
  /\b(?:my|our) (?:(?:own |new |latest |first )?(?:channel|chanel|mixtape|vlogs?|vids|raps|beats|covers?)|(?:own|new|latest|first) (?:songs?|videos?|music|tracks?|single|album|ep)\b)/;
const REVIEW_TALK =
  /\b(?:review(?:s|ed|ing)?|unbox(?:ing|ed)?|test(?:s|ed|ing)?|tried|trying|compar(?:e|ed|es|ing|ison)|hands-on|first (?:look|impressions?)|teardown|tutorial|how-to)\b/;
// A referral or affiliate code in a link ("site.com/?ref=2tGg", "game.com#friend=cd92"): the
// author is paid per click. Part of promo_link.
const REFERRAL_LINK = /[?&#](?:ref|referral|referrer|refid|aff|affiliate|affid|friend|invite|promo)\w*=|\/(?:ref|referral|invite)\/\w/;
// Asking for votes, money or likes for a contest, fundraiser or petition.
const VOTE_OR_FUND =
  /\b(?:(?:please |pls |plz |do )?vote (?:for )?(?:me|her|him|us|my|our|daily|now)\b|please vote|votes? for \S+ (?:please|pls|plz)|donat(?:e|es|ed|ing|ions?)\b|sponsor (?:me|us)|help me (?:reach|raise|win|go to|give)|gofundme|go fund me|indiegogo|kickstarter|patreon|petitions?|fundraiser|(?:like|vote for) (?:this|my) (?:pic|photo|picture|poster|page) on\b|#vote\w+|and vote\b|(?:we|i) need \d[\d,.]*\s*(?:million|billion|m|k|b)? (?:more )?(?:views|votes)\b)/;
const FUNDING_HOST =
  /(?:^|\.)(?:gofundme\.com|indiegogo\.com|kickstarter\.com|patreon\.com|change\.org|vakinha\.com\.br|gogetfunding\.com|youcaring\.com)$/;
const ENGAGEMENT_BAIT =
  /\b(?:thumbs up if|like (?:this|my) comment|like if|like and share|like and subscribe|please (?:subscribe|sub|share|like)|pls (?:subscribe|sub|share|like)|plz (?:subscribe|sub|share|like)|share this (?:video|post|page)|(?:who(?:'?s| is)|anyone) (?:still )?(?:watching|listening) (?:this )?in 20\d\d|comment and subscribe|subscribe for more)\b/;
// What blog comment spam sells to the site's owner or its readers: SEO, backlinks, traffic, web
// design, loans, essays. Wordings of comment spam in general, not read from the training data.
const SERVICE_PITCH = new RegExp(
  [
    String.raw`\bseo (?:services?|issues?|problems?|errors?|experts?|agency|company|packages?|audit)\b|\bfirst page (?:of|on) google\b`,
    String.raw`\brank(?:ing)? (?:your (?:site|website|page|blog|business)|higher on|on (?:the )?first page|#?1 on google)\b`,
    String.raw`\b(?:high quality |quality |cheap |buy |get )backlinks?\b|\b(?:increase|boost|drive|double) (?:your )?(?:website |site |blog |organic )?traffic\b`,
    String.raw`\bweb ?design (?:services?|company|agency)\b|\b(?:we|i) offer (?:\S+ ){0,2}?(?:loans?|seo|web ?design|essays?)\b|\bloans? (?:at|with|from) \d+(?:\.\d+)? ?%`,
    String.raw`\b(?:essay writing|write your (?:essays?|papers?))\b|\b(?:hire|need) (?:a |an )?(?:seo|web designer)\b`,
  ].join('|'),
);
// Grouped like a phone number (dots left out: "2.124.821.694 views" is a count), or + and digits.
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s-])\d{3,4}[\s-]\d{3,5}\b|\+\d{9,14}\b/;
// An e-mail address with an invitation to write: support addresses in a brand's own replies say
// the same, so, like a phone number, it stays under the threshold alone (contact_offer's weight).
const EMAIL_CONTACT = /\b(?:e-?mail|mail|contact|write to|reach|message) (?:me|us)\b[^.!?\n]{0,25}[\w.+-]+@[\w-]+\.[a-z]{2,}/;
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
  /** `@handle`s outside links. */
  handles: number;
  /** Bits of TRIGGER: which rules' words the text has outside its links. */
  triggers: number;
  /** Bits of TRIGGER of the words inside its links (split where a word code stops: "gofundme", "petition"). */
  linkTriggers: number;
  /** ASCII letters of the original (not lower-cased) text, and how many of them are capitals. */
  letters: number;
  capitals: number;
  /** Whether revealDisguisedText undid a disguise (lookalike letters, a broken-up address). */
  disguised: boolean;
  /**
   * Whether revealDisguisedText could find anything: a word with letters beyond Latin (from Greek
   * on, full-width and mathematical letters too) or a word of a broken-up address.
   */
  mayBeDisguised: boolean;
}

export const LINK_TOKEN = ' \u0001 ';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * What commentShape knows of a word, by its hash: the TRIGGER bits of the rules it opens and
 * COMMON_BIT for a common word. Open addressing over typed arrays: a word hash is often beyond
 * V8's small integers, so a Map or Set keyed by it boxed a number per word looked up.
 */
const COMMON_BIT = 1 << 20;
const WORD_TABLE_SIZE = 1024;
const wordTableKeys = new Int32Array(WORD_TABLE_SIZE);
const wordTableBits = new Int32Array(WORD_TABLE_SIZE);
function wordSlot(hash: number): number {
  const mask = WORD_TABLE_SIZE - 1;
  let slot = hash & mask;
  while (wordTableBits[slot] !== 0 && wordTableKeys[slot] !== hash) slot = (slot + 1) & mask;
  return slot;
}
function markWord(word: string, bit: number): void {
  const hash = wordHash(word, 0, word.length);
  const slot = wordSlot(hash);
  wordTableKeys[slot] = hash;
  wordTableBits[slot] = (wordTableBits[slot] as number) | bit;
}
for (const word of COMMON_WORDS) markWord(word, COMMON_BIT);
for (const [family, words] of Object.entries(TRIGGER_WORDS))
  for (const word of words.split(' ')) markWord(word, TRIGGER[family as keyof typeof TRIGGER]);
/** The bits of the word whose hash this is (0 for a word in no list). */
function wordBits(hash: number): number {
  return wordTableBits[wordSlot(hash)] as number;
}

/** FNV-1a of text[from, to), as a signed 32-bit integer (the typed tables' key). */
function wordHash(text: string, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash | 0;
}

/** The TRIGGER bits of the words of a link ("/petition/save-the-bees" opens the vote rule's gate). */
function linkTriggers(link: string): number {
  let bits = 0;
  let start = -1;
  for (let i = 0; i <= link.length; i++) {
    if (i < link.length && isWordCode(link.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      bits |= wordBits(wordHash(link, start, i));
      start = -1;
    }
  }
  return bits & ~COMMON_BIT;
}

/**
 * Counts of word hashes, reused from comment to comment (a Map per comment was a tenth of the
 * scoring time): open addressing over a power-of-two table, cleared through the slots it used.
 */
class WordCounts {
  private size = 256;
  private keys = new Int32Array(this.size);
  private values = new Int32Array(this.size);
  private used: number[] = [];

  clear(): void {
    for (const slot of this.used) this.values[slot] = 0;
    this.used.length = 0;
  }

  /** Adds one to the hash's count and returns the new count. */
  add(hash: number): number {
    if (this.used.length * 2 >= this.size) this.grow();
    const mask = this.size - 1;
    let slot = hash & mask;
    while (this.values[slot] !== 0 && this.keys[slot] !== (hash | 0)) slot = (slot + 1) & mask;
    if (this.values[slot] === 0) {
      this.keys[slot] = hash;
      this.used.push(slot);
    }
    const count = (this.values[slot] as number) + 1;
    this.values[slot] = count;
    return count;
  }

  private grow(): void {
    const entries = this.used.map((slot) => [this.keys[slot] as number, this.values[slot] as number] as const);
    this.size *= 2;
    this.keys = new Int32Array(this.size);
    this.values = new Int32Array(this.size);
    this.used = [];
    const mask = this.size - 1;
    for (const [key, value] of entries) {
      let slot = key & mask;
      while (this.values[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.values[slot] = value;
      this.used.push(slot);
    }
  }
}

const wordCounts = new WordCounts();

/** Letters, digits and apostrophes; anything beyond ASCII but spaces and common punctuation. */
export function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || (code >= 65 && code <= 90);
  return !(code === 0xa0 || (code >= 0x2000 && code <= 0x206f) || code === 0x3000 || code === 0xfeff);
}

/** The host of a link, without scheme and `www.`: up to the first / ? # or :. */
function hostOf(link: string): string {
  const text = link.trim();
  let from = text.startsWith('https://') ? 8 : text.startsWith('http://') ? 7 : 0;
  if (text.startsWith('www.', from)) from += 4;
  let to = from;
  for (; to < text.length; to++) {
    const code = text.charCodeAt(to);
    if (code === 47 || code === 63 || code === 35 || code === 58) break;
  }
  return text.slice(from, to);
}

/**
 * Splits once what every signal and the model read: links apart, words counted. `original` is the
 * text before lower-casing, read only to count capitals; `disguised` is revealDisguisedText's verdict.
 */
export function commentShape(plain: string, original: string = plain, disguised = false): CommentShape {
  let links = 0;
  let inLinks = 0;
  const hosts: string[] = [];
  const rest = LINK_HINT.test(plain)
    ? plain.replace(LINK, (link: string) => {
        links++;
        inLinks |= linkTriggers(link);
        const host = hostOf(link);
        if (host) hosts.push(host);
        return LINK_TOKEN;
      })
    : plain;
  let words = 0;
  let hashtags = 0;
  let topWordCount = 0;
  let triggers = 0;
  let beyondLatin = false;
  const counts = wordCounts;
  counts.clear();
  let start = -1;
  for (let i = 0; i <= rest.length; i++) {
    const code = i < rest.length ? rest.charCodeAt(i) : 32;
    if (i < rest.length && isWordCode(code)) {
      if (code >= 0x370) beyondLatin = true;
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
      const count = counts.add(hash);
      const bits = wordBits(hash);
      triggers |= bits;
      if (count > topWordCount && (bits & COMMON_BIT) === 0) topWordCount = count;
      start = -1;
    }
  }
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      letters++;
      capitals++;
    } else if (code >= 97 && code <= 122) letters++;
  }
  let handles = 0;
  if (rest.includes('@')) for (const _ of rest.matchAll(HANDLES)) handles++;
  triggers &= ~COMMON_BIT;
  const mayBeDisguised = beyondLatin || (triggers & TRIGGER.address) !== 0;
  return {
    rest,
    hosts,
    links,
    words,
    topWordCount,
    hashtags,
    handles,
    triggers,
    linkTriggers: inLinks,
    letters,
    capitals,
    disguised,
    mayBeDisguised,
  };
}

/**
 * The reasons the text and author name give, in catalogue order. `plain` comes from
 * plainCommentText; `authorName` is the display name or handle, when the source gives one.
 */
export function textSignals(plain: string, authorName: string | null, shape: CommentShape = commentShape(plain)): SpamReasonCode[] {
  const reasons: SpamReasonCode[] = [];
  const hasLink = shape.links > 0;
  // The rules read links too ("/petition/..."): the words inside links open their gates as well.
  const triggers = shape.triggers | shape.linkTriggers;
  const selling = (triggers & TRIGGER.engagement) !== 0 && SELLING_ENGAGEMENT.test(plain);
  if (selling && hasLink) reasons.push('link_selling');
  else if (selling) reasons.push('selling_engagement');
  // REFERRAL_LINK needs an "=" or one of its paths: most links have neither.
  const referral = hasLink && (plain.includes('=') || plain.includes('/ref') || plain.includes('/invite/')) && REFERRAL_LINK.test(plain);
  const free = ((triggers & TRIGGER.free) !== 0 || plain.includes('$')) && FREE_OFFER.test(plain);
  if (hasLink && !selling && (free || referral || SALES_PITCH.test(plain))) reasons.push('promo_link');
  else if (!selling && free) reasons.push('free_offer');
  if (
    ((triggers & TRIGGER.ask) !== 0 && SELF_PROMOTION.test(plain)) ||
    ((triggers & TRIGGER.owner) !== 0 && CHANNEL_OWNER.test(plain)) ||
    // Its words are never inside a link, so a link does not open this gate (the rule is slow).
    ((shape.triggers & TRIGGER.foreign) !== 0 && FOREIGN_SELF_PROMOTION.test(plain)) ||
    (plain.includes('@') && HANDLE.test(plain) && FOLLOW_ASK.test(plain))
  )
    reasons.push('self_promotion');
  else if ((shape.triggers & TRIGGER.own) !== 0 && OWN_WORK.test(plain) && !REVIEW_TALK.test(plain)) reasons.push('own_work');
  // Read in the words outside links only: a link does not open this gate.
  if ((shape.triggers & TRIGGER.service) !== 0 && SERVICE_PITCH.test(plain)) reasons.push('service_pitch');
  if ((triggers & TRIGGER.bait) !== 0 && ENGAGEMENT_BAIT.test(plain)) reasons.push('engagement_bait');
  if ((triggers & TRIGGER.plug) !== 0 && CONTENT_PLUG.test(plain)) reasons.push('content_plug');
  if (
    (((triggers & TRIGGER.vote) !== 0 || plain.includes('#vote')) && VOTE_OR_FUND.test(plain)) ||
    shape.hosts.some((host) => FUNDING_HOST.test(host))
  )
    reasons.push('vote_or_fund');
  if (
    PHONE.test(plain) ||
    ((triggers & TRIGGER.messaging) !== 0 && MESSAGING.test(plain) && MESSAGING_CONTACT.test(plain)) ||
    (plain.includes('@') && EMAIL_CONTACT.test(plain))
  )
    reasons.push('contact_offer');
  // A blog's comment form links the author's name to their site: praise signed by a name that
  // advertises carries its link there.
  const keywordAuthor = authorName !== null && AUTHOR_KEYWORDS.test(authorWords(authorName));
  if (hasLink && shape.words <= LINK_ONLY_MAX_WORDS) reasons.push('link_only');
  else if ((hasLink || keywordAuthor) && shape.words <= PRAISE_LINK_MAX_WORDS && GENERIC_PRAISE.test(plain)) reasons.push('praise_link');
  if (keywordAuthor) reasons.push('keyword_author');
  if (isStuffed(shape)) reasons.push('keyword_stuffing');
  if (shape.disguised) reasons.push('disguised_text');
  return reasons;
}

/** The author's name in lower case, "_" and "-" runs made spaces ("cheap_deals-shop": three words). */
function authorWords(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('_') || lower.includes('-') ? lower.replace(/[_-]+/g, ' ') : lower;
}

function isStuffed(shape: CommentShape): boolean {
  const { hashtags, words, topWordCount } = shape;
  if (hashtags >= HASHTAG_PILE || (hashtags >= 5 && hashtags / Math.max(words, 1) >= HASHTAG_SHARE)) return true;
  return topWordCount >= REPEATED_WORD_COUNT && topWordCount / words >= REPEATED_WORD_SHARE;
}
