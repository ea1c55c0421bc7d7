// The words the generator writes with. Texts are assembled from a lead (names the brand), a detail
// and sometimes a context clause and a closer, each drawn from its own pool and filled with slots,
// so two ordinary texts rarely share more than a stock phrase: the enricher's near-duplicate check
// (Jaccard of word 3-grams >= 0.6) must only flag the copies the generator makes on purpose.
// Ordinary texts never contain a question mark: questions are generated on purpose, answered or not.
//
// Slots: {B} the brand's name, {X} a competitor's name, {P} a product, {D} a duration, {N} a small
// number, {W} a weekday, {R} a person, {C} a place, {L} a city, {V} a version, {Y} a period,
// {O} an order or case number.

export const SLOT_VALUES: Readonly<Record<string, readonly string[]>> = {
  D: ['two weeks', 'a month', 'three days', 'six months', 'a year', 'ten days', 'the whole winter', 'since spring', 'five weeks', 'a fortnight', 'two years', 'since launch'],
  N: ['2', '3', '4', '5', '6', '7', '8', '9', '11', '12', '15', '20'],
  W: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  R: ['my sister', 'a coworker', 'my neighbour', 'our IT guy', 'my dad', 'a colleague', 'my flatmate', 'the intern', 'my partner', 'my manager', 'my cousin', 'our landlord', 'my brother', 'a client'],
  C: ['office', 'studio', 'garage', 'kitchen', 'workshop', 'lab', 'shop floor', 'warehouse', 'classroom', 'cabin', 'attic', 'back room', 'co-working space', 'basement'],
  L: ['Lisbon', 'Oslo', 'Leeds', 'Austin', 'Porto', 'Lyon', 'Denver', 'Ghent', 'Turin', 'Cork', 'Malmo', 'Tacoma', 'Bilbao', 'Graz', 'Utrecht', 'Halifax'],
  V: ['4.2', '2.0.1', '3.1', '5.0', '1.9', '7.3', '2.6', '6.1'],
  Y: ['year', 'month', 'summer', 'decade', 'quarter', 'week'],
};

export const POSITIVE_LEADS: readonly string[] = [
  'the {B} {P} has been rock solid for {D}',
  'really impressed with how fast {B} shipped my {P} to {L}',
  '{B} support sorted out my {P} order in {N} minutes, fantastic service',
  'finally upgraded to the {B} {P} last {W} and I love it',
  'the new {B} {P} is a genuine delight to use in the {C}',
  '{B} nailed it with the {P}, easily the best purchase of my {Y}',
  'hats off to {B}, the {P} works exactly as advertised after {D}',
  '{R} got me a {B} {P} and it is brilliant',
  'big thanks to the {B} team for a smooth {P} setup on {W}',
  'been using the {B} {P} for {D} now and it keeps getting better',
  '{B} just made my {W} so much easier with the {P}',
  'so happy with the {B} {P} from the {L} store, worth every penny',
  'the {B} {P} exceeded my expectations in the {C}',
  'props to {B} for the generous {N} year warranty on the {P}',
  'great experience ordering the {P} from {B} on {W}',
  '{B} keeps winning me over, the {P} is superb after {D}',
  'the {P} from {B} is beautifully made, {R} was impressed too',
  'love that {B} lets you swap the {P} at the {L} shop without any hassle',
  'highly recommend the {B} {P} to anyone with a {C}',
  '{B} customer care were wonderful about my {P} on {W}',
  'the {B} {P} made our {C} setup much better',
  'pleasantly surprised by the {B} {P} after {D}',
  'thank you {B}, the replacement {P} arrived {N} days early and works perfectly',
  'the {B} {P} is the best thing in our {C} this {Y}',
  '{B} has the friendliest support team, they fixed my {P} on {W}',
  'enjoying the {B} {P} more than I expected after {D}',
  'the {B} {P} is excellent value at the {L} shop',
  'kudos to {B} for clear instructions with the {P}, done in {N} minutes',
  '{B} delivered the {P} to {L} a day early, brilliant',
  'our {C} runs happily on the {B} {P} now, {D} and counting',
  'the {B} {P} is a joy, {R} agrees',
  'two thumbs up for the {B} {P} we got for the {C}',
];

export const NEGATIVE_LEADS: readonly string[] = [
  'my {B} {P} stopped working after {D}',
  '{B} still has not refunded my {P} order from {W}',
  'really disappointed with the {B} {P} we got for the {C}',
  'the {B} {P} broke on day {N}, unacceptable',
  '{B} keeps closing my ticket about the {P} without fixing anything',
  'waited {N} weeks for the {B} {P} and it arrived damaged',
  'the {B} {P} is overpriced and flimsy, {R} agrees',
  '{B} charged me twice for the {P} on {W}, furious',
  'worst customer service experience ever with {B} and the {P}',
  'the latest {B} update made the {P} useless for {D}',
  'regret buying the {B} {P} for the {C}',
  '{B} lost my {P} delivery to {L} again, so annoying',
  'the {B} {P} feels cheap and the finish is already peeling after {D}',
  'avoid the {B} {P}, mine failed within {D}',
  '{B} ignored my warranty claim for the {P} for {D}, terrible',
  'the {B} {P} keeps crashing in the {C}, so frustrating',
  'sick of {B} pushing ads into the {P} every {W}',
  '{B} cancelled my {P} order without telling me, {D} wasted',
  'the {B} {P} is a total waste of money, {R} returned theirs too',
  '{B} made sending back the {P} painfully slow, {N} forms to fill',
  'got a broken {P} from {B} for the second time this {Y}',
  'the {B} {P} is noisy, slow and badly designed',
  '{B} raised the price of the {P} again this {Y}, ridiculous',
  '{R} gave up on the {B} {P} after it failed twice',
  'the {B} {P} instructions are useless, lost {N} hours',
  'horrible {W} with the {B} {P} in the {C}',
];

export const NEUTRAL_LEADS: readonly string[] = [
  'picked up a {B} {P} on the way to {L}',
  '{B} is shipping a new version of the {P} next {W}',
  'reading the {B} {P} manual on the train to {L}',
  '{B} moved its {L} store across the street, the {P} shelf is by the door',
  'comparing the {B} {P} with the older model this weekend in the {C}',
  '{R} works at {B} on the {P} team in {L}',
  'the {B} {P} comes in three colours now, {R} mentioned it',
  '{B} posted the {P} release notes for version {V}',
  'ordered the {B} {P} for the {C}, arriving {W}',
  '{B} announced a {P} event in {L} for {W}',
  'setting up the {B} {P} for {R} today',
  '{B} {P} firmware {V} is rolling out this {Y}',
  'the {B} {P} review embargo lifts on {W}',
  'saw a {B} {P} display in {L} on {W}',
  '{B} changed the packaging of the {P} this {Y}',
  'the {B} catalog lists {N} versions of the {P}',
  '{B} opened a {P} pickup point in {L}',
  'measuring the {B} {P} against last {Y} model in the {C}',
  '{B} will publish its quarterly report on {W}, the {P} numbers are in it',
  'our {C} switched to the {B} {P} this {Y}',
  'unboxing the {B} {P} later tonight with {R}',
  'the {B} {P} manual is {N} pages long',
  '{B} has a {P} booth at the {L} expo on {W}',
  'sent {R} the spec sheet for the {B} {P}',
  '{B} lists the {P} at the same price as last {Y}',
  'writing up notes on the {B} {P} for the {C} wiki',
  'the {B} {P} arrived in {L}, installing it after lunch',
];

export const POSITIVE_DETAILS: readonly string[] = [
  'setup took {N} minutes',
  'the battery lasts all week',
  'the packaging was tidy and recyclable',
  'the app is smooth and quick',
  'everything just works',
  'the build quality is superb',
  'support answered within the hour',
  'shipping was quick and the box was intact',
  'it paid for itself in {D}',
  '{R} wants one too',
  'the instructions were clear',
  'it runs quietly',
  'no regrets at all',
  'the colours are gorgeous',
  'my {W} routine is easier now',
  'delivery was right on time',
  'sending it back for a size swap was painless',
  'the price was fair',
  'it feels sturdy and well balanced',
  'the {C} crew loves it',
  'happy to see real care in the details',
];

export const NEGATIVE_DETAILS: readonly string[] = [
  'the helpdesk sent the same canned reply {N} times',
  'the box arrived crushed',
  'the app logs me out every day',
  'nobody answers the phone',
  'the refund is still pending after {D}',
  'the display flickers constantly',
  'half the features are missing',
  'it overheats within minutes',
  'the replacement is broken too',
  'the tracking page has not moved in {D}',
  'it was cheaper elsewhere',
  'the battery dies by noon',
  'I lost a whole {W} to this',
  'the manual contradicts itself',
  'the helpline hung up on me',
  'the fees were hidden',
  'the chat bot is useless',
  'it rattles badly when it runs',
  'the {C} is fed up with it',
  'three calls and still no fix',
];

export const NEUTRAL_DETAILS: readonly string[] = [
  'posting from the {C}',
  '{R} brought it up at lunch',
  'the box says it ships with {N} adapters',
  'it comes in two colours',
  'pickup was at the {L} counter',
  'it took {D} to arrive',
  'the model code starts with {V}',
  'it replaces the one from last {Y}',
  'photos later',
  'more notes after the weekend',
  'the spec sheet is on their site',
  'it weighs about {N} kilos',
  'will report back in {D}',
  'the store had {N} left',
  'it came with a paper receipt',
  'the serial sticker is on the back',
  'the courier left it with {R}',
  'it needs {N} batteries',
  'version {V} of the app is required',
  'the manual covers {N} languages',
];

/** How a post may open; none most of the time. */
export const OPENERS: readonly string[] = [
  'Honestly,', 'Update:', 'Quick note:', 'Day {N}:', 'PSA:', 'Well,', 'Okay so', 'For the record,', 'Small thing, but', 'Not gonna lie,',
  'Heads up:', 'Late to this, but', 'Confession:', 'Field report:', 'From {L}:', 'Week {N} report:',
];

export const POSITIVE_CLOSERS: readonly string[] = ['Recommended.', 'Happy customer.', 'Love it.', 'Well done.', 'Very pleased.', 'Thumbs up.', 'Great stuff.', 'Happy to buy again.'];
export const NEGATIVE_CLOSERS: readonly string[] = ['Not impressed.', 'Never again.', 'Avoid.', 'Fix this please.', 'So annoyed.', 'Done with them.', 'Disappointing.', 'What a mess.'];
export const NEUTRAL_CLOSERS: readonly string[] = ['We will see.', 'More later.', 'Noting it here.', 'Just saying.', 'Logging it.', 'Updates to follow.'];

/** Two brands in one text: the brand first, a competitor as {X}. */
export const COMPARISON_LEADS: readonly string[] = [
  'switched from {X} to {B}, the {P} is miles better',
  'tried the {X} version first, went back to the {B} {P}',
  '{X} could learn a thing or two from {B} about support',
  'after the {X} mess I moved everything to {B}',
  'honestly {B} and {X} are both fine, {B} was cheaper',
  'side by side, the {B} {P} beats what {X} sells',
  '{B} over {X} for the {C}, the {P} sealed it',
  'our {C} tested {X} and {B}, the {B} {P} won',
];

/** Replies in a thread that name the brand. */
export const BRAND_REPLIES: readonly string[] = [
  'same here, my {B} {P} did exactly that in {L}',
  'mine behaves differently, the {B} {P} here is from the {Y} batch',
  '{B} changed this in the {V} update of the {P} for me',
  'this matches what {R} saw with the {B} {P}',
  'the {B} {P} behaves the same way in our {C}',
  'holding off on the {B} {P} until {W}',
  '{B} replaced my {P} after {D}',
  'filed the same {P} report with {B} last {W}',
  'my {B} {P} came from the {L} store',
  'we have {N} of the {B} {P} in the {C}',
]

/** Replies in a thread that do not name any brand: the enricher matches them to nobody. */
export const PLAIN_REPLIES: readonly string[] = [
  'same here',
  'thanks for the write-up',
  'interesting, bookmarking this',
  'mine arrived yesterday, will report back',
  'curious which model you got',
  'this is the way',
  'posting so I can find this later',
  'had the exact same experience last {Y}',
  'good to know, thanks',
  'we saw something similar at work',
  'following',
  'that tracks with what I heard',
];

/** Traffic that looks like a brand mention but is not one: each brand's query leaves these out. */
export const OFF_TOPIC: readonly string[] = [
  'the acme thunderbolt whistle is still the loudest referee whistle I own',
  'restoring an old acme thunderbolt whistle for the club in {L}',
  'Acme is hiring backend engineers in {L}',
  'saw new roles on the Acme careers page this morning',
  'entering the #acmegiveaway for a free anvil, wish me luck',
  'globex jobs fair in {L} next {W}',
  'forgot my umbrella again, soaked on the way to the {C}',
  'that giant golf umbrella saved the picnic in {L}',
  'got the memo about the new cover sheets for the TPS reports',
  'the train to {L} was late again this morning',
  'new espresso machine day at the {C}',
  'rain all {W} long, umbrella weather for sure',
  'finished the marathon in {L}, legs are jelly',
  'the {C} coffee tastes like cardboard today',
];

/**
 * A brand's own account answering a question, in three parts (never a question itself). Canned
 * answers would be near duplicates of each other, and the amplification worker skips duplicates
 * before it looks for answers: the question would stay open.
 */
export const ANSWER_OPENINGS: readonly string[] = [
  'thanks for reaching out.',
  'sorry to hear that.',
  'hi there, thanks for the note.',
  'thanks for flagging this.',
  'hello, we are on it.',
  'appreciate you telling us.',
  'thanks for your patience.',
];
export const ANSWER_ACTIONS: readonly string[] = [
  'We sent you a direct message about order {O} for the {P}.',
  'A replacement {P} for order {O} leaves our {L} warehouse on {W}.',
  'Yes, the {P} ships to {L} within {N} working days, order {O} included.',
  'The refund for the {P} on order {O} went out this morning.',
  'The {P} is back in stock from {W}, we put order {O} first in line.',
  'Our {L} team will call you about the {P} on case {O} within {N} hours.',
  'The {P} works with last {Y} model after firmware {V}, notes are on case {O}.',
  'An opened {P} can go back within {N} days, we opened return {O} for you.',
  'Your {P} parcel {O} is at the {L} depot, out for delivery {W}.',
  'We changed the address on order {O} for the {P}, tracking updates on {W}.',
]
export const ANSWER_SIGNOFFS: readonly string[] = ['', '', 'Have a good {W}.', 'Reply here if anything is unclear.', 'Speak soon.', 'Cheers from the {L} office.'];

/** Questions to a brand's account; the brand answers most of them within minutes. */
export const QUESTIONS: readonly string[] = [
  '@{A} does the {P} ship to {L}?',
  '@{A} my {P} order shows delivered but nothing arrived, can you check?',
  'hey @{A}, is there a way to change the delivery address for my {P} order?',
  '@{A} when will the {P} be back in stock?',
  '@{A} can I return the {P} if the box is opened?',
  '@{A} is the {P} compatible with last {Y} model?',
];

/** The brand's own announcements. */
export const BRAND_POSTS: readonly string[] = [
  'New in the {B} catalog: the {P}, available in {L} from {W}.',
  'Maintenance note: the {B} store in {L} opens late on {W}.',
  'The {B} {P} now ships with {N} extra parts in the box.',
  'Our {P} team is at the {L} expo all week, come and say hello.',
];

/** Launch buzz: what the brand's spike sounds like. */
export const SPIKE_LEADS: readonly string[] = [
  'the {B} {P} launch stream was wild, {R} watched it twice',
  'everyone in my feed is talking about the new {B} {P}',
  'just watched the {B} keynote in the {C}, the {P} looks incredible',
  'ordered the new {B} {P} the minute the launch ended',
  'the {B} launch took over our {C} group chat, all anyone wants is the {P}',
  '{B} announced a redesigned {P} and the preorder queue in {L} is huge',
  'cannot believe {B} revealed the new {P} today',
  'the new {B} {P} sold out in {N} minutes in {L}',
  '{R} already preordered the new {B} {P}',
  'watching the {B} launch replay with the {C} crew',
  'the {B} {P} launch event is all over the news in {L}',
  'queued in {L} for the new {B} {P} with {R}',
];

/** Backlash: what the brand's negative surge sounds like. */
export const SURGE_LEADS: readonly string[] = [
  '{B} is down again and nobody is responding about the {P}, awful',
  '{B} just doubled the price of the {P}, outrageous',
  'the {B} outage wiped my {P} settings, furious',
  'third {B} outage this {Y}, my {P} is a brick',
  '{B} locked me out of my own {P} for {D} now, this is a disgrace',
  'angry that {B} pushed a broken update to every {P}',
  '{B} hid the price hike for the {P} in an email footer, shameful',
  'no heating in the {C} because the {B} {P} is offline, awful',
  'the {B} status page says all good while the {P} is dead, pathetic',
  'cancelling my {B} {P} after this outage, terrible handling',
  '{B} support queue is {N} hours long and the {P} is still broken',
  'lost a whole {W} of work in {L} to the {B} outage, unacceptable',
];

export const SPAM_DOMAINS: readonly string[] = ['fastfans.example', 'boost-likes.example', 'mega-deals.example', 'cheapfollow.example', 'promo-hub.example'];
