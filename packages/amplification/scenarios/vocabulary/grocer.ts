// A grocery chain (held out; several competing brands use it): daytime and early evening, Saturday peak.
import type { Industry } from './industry.ts';

export const grocer: Industry = {
  key: 'grocer',
  language: 'en',
  products: ['home delivery', 'loyalty card', 'meal deal', 'self checkout', 'fresh bread', 'fruit aisle', 'click and collect'],
  places: ['the Westfield store', 'the express shop', 'the retail park', 'the high street store'],
  posts: {
    positive: ['{brand} {product} was spot on today.', 'Great prices at {brand} {place}.', 'Friendly staff at {brand} {place}, thanks.'],
    neutral: [
      'Quick shop at {brand} {place}.',
      '{brand} {product} slot booked for {time}.',
      '{brand} changed the {product} again.',
      'Bought {n} things at {brand}.',
    ],
    negative: ['{brand} {product} late again.', 'Empty shelves at {brand} {place}.', '{brand} {product} broken, queue of {n}.'],
  },
  replies: { positive: ['{brand} is good for that.'], neutral: ['{brand} {place} restocks at 8.'], negative: ['Same at my {brand}.'] },
  questions: ['Does {brand} deliver on Sundays?', 'Is {brand} {place} open late tonight?', 'Can I use the {brand} {product} online?'],
  followUps: ['Does it include the express stores?', 'How long does it last?'],
  rhetorical: ['Did the big shop at {brand}. Where does all the food go?'],
  brandPosts: ['Double points on the {product} this week.', 'Our {place} is open until 10 pm from Monday.'],
  brandAnswers: [
    'Hi {asker}, yes, slots from 9 am.',
    'Hi {asker}, {place} is open until 10.',
    'Hi {asker}, yes, add the card in your account.',
  ],
  cannedAnswer: 'Sorry about that. Please send us your order number by private message and we will refund it.',
  surge: [
    '{brand} recall: mould in the {product}, disgusting.',
    'Sick after the {brand} chicken, awful.',
    '{brand} hiding the recall, shameful.',
  ],
  buzz: ['{brand} price cut on 500 items is all over the news.', '{brand} opening a store at {place} today.'],
  viralPosts: ['{brand} security guard followed my autistic son around {place} and told him to leave. He is 9.'],
  viralReplies: ['@{user} disgusting, {brand}.', 'Sharing, {brand} apologise.', 'Tagging {handle}.'],
  tractionPosts: ['{brand} {place} gave all the unsold bread to our shelter every night this winter. Thank you.'],
  tractionReplies: ['Lovely, {brand}.', 'Great work {brand}.'],
  influencerPosts: [
    'Weekly basket price check for my channel: {brand} is mid table this week.',
    'Compared five supermarkets, {brand} wins on fruit, loses on bread.',
  ],
  spam: ['{brand} free voucher 500 at voucher.example', '{brand} survey win gift card now'],
  bot: ['{brand} price bot: {product} now {n} pence at {time}.'],
  copies: ['Tell {brand} to stop selling cage eggs, sign with me {friend}'],
  sameQuestion: 'Is the {brand} app down for everyone?',
  categoryTerms: ['grocery', 'supermarket', 'food', 'shop', 'delivery'],
  sources: [
    { source: 'microblog', weight: 0.5 },
    { source: 'reviews', weight: 0.3 },
    { source: 'forum', weight: 0.2 },
  ],
  dailyShape: [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.6, 1.7, 1.8, 1.6, 1.5, 1.5, 1.6, 1.7, 1.5, 1.1, 0.8, 0.5, 0.3, 0.2],
  weeklyShape: [0.9, 0.9, 0.9, 0.95, 1.1, 1.35, 0.9],
};
