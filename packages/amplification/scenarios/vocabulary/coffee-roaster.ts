// A coffee roaster with cafes and an online shop (held out): mornings, subscriptions, beans.
import type { Industry } from './industry.ts';

export const coffeeRoaster: Industry = {
  key: 'coffee-roaster',
  language: 'en',
  products: ['Ethiopian roast', 'bean subscription', 'oat cortado', 'cold brew', 'espresso blend', 'pour over', 'decaf', 'grinder'],
  places: ['the canal cafe', 'the roastery', 'the online shop', 'the Park Lane cafe', 'the pop-up at the station'],
  posts: {
    positive: [
      '{brand} {product} is the best cup in the city.',
      'Blueberry notes in the {brand} {product}, stunning.',
      '{brand} baristas at {place} are so friendly.',
      'My {brand} {product} arrived early, perfect.',
    ],
    neutral: [
      'First {brand} {product} of the day.',
      'Working at {brand} {place} until {time}.',
      'Ordered {n} bags of {brand} {product}.',
      '{brand} {product} changes origin next month.',
      'Trying the {brand} {product} today.',
    ],
    negative: [
      '{brand} {product} arrived late and stale.',
      '{brand} charged me twice for the {product}.',
      'Burnt {product} at {brand} {place} today, shame.',
      '{brand} cancelled my {product} without telling me.',
    ],
  },
  replies: {
    positive: ['Agree, {brand} {product} is lovely.', 'Same, {brand} {place} is my favourite.'],
    neutral: ['{brand} {place} opens at 7.', '{brand} ships on Tuesdays I think.'],
    negative: ['{brand} did that to my order too.'],
  },
  questions: [
    'Does {brand} ship to Ireland?',
    'Can I pause my {brand} {product}?',
    'Is {brand} {place} open on Sundays?',
    'When is the {brand} {product} back in stock?',
  ],
  followUps: ['Is it available as whole beans?', 'Will subscribers get it first?', 'Does it work for filter as well?'],
  rhetorical: ['Coffee from {brand} in hand. Why are Mondays so long?'],
  brandPosts: [
    'New harvest: the {product} is back.',
    'Our {place} has longer hours from this week.',
    'Subscriptions can now be paused in one click.',
  ],
  brandAnswers: [
    'Hi {asker}, yes, we ship across Europe.',
    'Hi {asker}, you can pause it in your account.',
    'Hi {asker}, {place} is open 8 to 3 on Sundays.',
    'Hi {asker}, it is back next Thursday.',
  ],
  cannedAnswer: 'Sorry about that. Please email our team with your order number and we will sort it today.',
  surge: [
    '{brand} subscription data leaked, my card was used. Furious.',
    '{brand} charged every subscriber twice, terrible.',
    'Card fraud after the {brand} leak, awful.',
    '{brand} silent about the data breach, disgraceful.',
    'Cancelled {brand} after the breach, angry.',
  ],
  buzz: [
    '{brand} won roaster of the year, congrats.',
    '{brand} is in the Sunday paper coffee list.',
    'New {brand} cafe opening at {place} today.',
    '{brand} collab with the football club is everywhere.',
  ],
  viralPosts: ['{brand} fired the barista who reported the mould in the {place} kitchen. I was that barista.'],
  viralReplies: ['@{user} this is awful, {brand} explain.', 'Not going to {brand} again.', 'Sharing, {brand}.', 'Tagging {handle}.'],
  tractionPosts: ['{brand} gave free coffee all night to the nurses at the hospital across from {place}. Kindest roasters.'],
  tractionReplies: ['Lovely, thanks {brand}.', 'Good people at {brand}.', 'Going to {brand} tomorrow because of this.'],
  influencerPosts: [
    'Blind tested five roasters on my channel, {brand} came third. Decent {product}.',
    'My monthly coffee column: {brand} is solid, a bit pricey.',
  ],
  spam: ['{brand} free beans for a year at beans.example', 'Win a {brand} grinder click here now', '{brand} coupon 90% off deals.example'],
  bot: ['{brand} stock bot: {product} back in stock ({n} bags) at {time}.', 'Price watch: {brand} {product} {n} euro at {time}.'],
  copies: ['Entered the {brand} grinder giveaway, good luck {friend}'],
  sameQuestion: 'Was my card data part of the {brand} leak?',
  categoryTerms: ['coffee', 'roast', 'beans', 'espresso', 'cafe', 'barista'],
  sources: [
    { source: 'microblog', weight: 0.45 },
    { source: 'reviews', weight: 0.25 },
    { source: 'video-comments', weight: 0.15 },
    { source: 'blog', weight: 0.15 },
  ],
  dailyShape: [0.15, 0.1, 0.05, 0.05, 0.1, 0.4, 1.2, 2.0, 2.2, 1.8, 1.4, 1.2, 1.1, 1.1, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.45, 0.3, 0.2],
  weeklyShape: [1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 0.95],
};
