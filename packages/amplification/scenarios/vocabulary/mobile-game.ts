// A free-to-play mobile game studio (held out): evenings, events, in-app purchases.
import type { Industry } from './industry.ts';

export const mobileGame: Industry = {
  key: 'mobile-game',
  language: 'en',
  products: ['season pass', 'guild war', 'gem bundle', 'daily quest', 'new hero', 'leaderboard', 'summer event'],
  places: ['the arena', 'level 300', 'the guild hall', 'the event map'],
  posts: {
    positive: ['The {brand} {product} is so fun.', 'Finally beat {place} in {brand}.', '{brand} {product} is great value.'],
    neutral: [
      'Logged into {brand} for the {product}.',
      '{brand} {product} resets at {time}.',
      'Playing {brand} on the bus.',
      'Got {n} gems from the {brand} {product}.',
    ],
    negative: [
      '{brand} {product} is pay to win.',
      '{brand} crashed during the {product}, lost my streak.',
      'The {brand} {product} is broken.',
    ],
  },
  replies: {
    positive: ['Same, {brand} {product} is great.'],
    neutral: ['{brand} {place} is easier with a healer.'],
    negative: ['{brand} crashed for me too.'],
  },
  questions: ['When does the {brand} {product} end?', 'Is {brand} down right now?', 'Will {brand} refund the lost {product}?'],
  followUps: ['Does it include the old heroes?', 'Is it on iOS too?'],
  rhetorical: ['Played {brand} all evening. Where did the time go?'],
  brandPosts: ['The {product} starts today.', 'Maintenance tonight at {time}, rewards for everyone.'],
  brandAnswers: [
    'Hi {asker}, it ends Sunday at midnight.',
    'Hi {asker}, servers are back.',
    'Hi {asker}, contact support in game with your ID.',
  ],
  cannedAnswer: 'Thanks for reporting this. Please contact support in game with your player ID.',
  surge: [
    '{brand} update deleted my account, furious.',
    '{brand} servers down during the {product}, scam.',
    '{brand} took my money and gave nothing, terrible.',
  ],
  buzz: ['{brand} is number one in the store today.', '{brand} collab with a famous band is live.'],
  viralPosts: ['{brand} banned my account with 2,000 euro of purchases because I reported a bug. No answer for a month.'],
  viralReplies: ['@{user} this is criminal, {brand}.', 'Sharing, {brand} answer him.', 'Tagging {handle}.', 'Quitting {brand} after this.'],
  tractionPosts: ['{brand} added my late brother as a hero after I wrote to them. He played every day. Thank you.'],
  tractionReplies: ['So moving, thank you {brand}.', 'Respect to {brand}.', 'Crying, well done {brand}.'],
  influencerPosts: [
    'Spent a week on {brand} for the channel. Fun, grindy after {place}.',
    'My {brand} tier list is up, the {product} is average.',
  ],
  spam: ['{brand} free gems generator at gems.example', '{brand} hack unlimited coins click here'],
  bot: ['{brand} leaderboard bot: rank {n} changed at {time}.'],
  copies: ['Join my {brand} guild for the event rewards {friend}'],
  sameQuestion: 'Is {brand} down for everyone right now?',
  categoryTerms: ['game', 'mobile', 'event', 'gems', 'guild'],
  sources: [
    { source: 'microblog', weight: 0.4 },
    { source: 'video-comments', weight: 0.3 },
    { source: 'reviews', weight: 0.2 },
    { source: 'forum', weight: 0.1 },
  ],
  dailyShape: [0.8, 0.5, 0.3, 0.2, 0.15, 0.15, 0.3, 0.6, 0.8, 0.8, 0.8, 0.9, 1.1, 1.0, 1.0, 1.1, 1.3, 1.5, 1.7, 1.9, 2.0, 1.9, 1.6, 1.2],
  weeklyShape: [0.9, 0.9, 0.9, 0.95, 1.05, 1.2, 1.2],
};
