// A car and home insurer (held out): claims, renewals, weekday office hours.
import type { Industry } from './industry.ts';

export const insurer: Industry = {
  key: 'insurer',
  language: 'en',
  products: ['car policy', 'home claim', 'renewal quote', 'windscreen repair', 'claims line', 'breakdown cover', 'no claims bonus'],
  places: ['the claims portal', 'the call centre', 'the app', 'the approved garage'],
  posts: {
    positive: [
      '{brand} paid my {product} in three days, impressed.',
      'Helpful person on {place}, thanks {brand}.',
      '{brand} {product} sorted with no fuss.',
    ],
    neutral: [
      'Got my {brand} {product} today.',
      'Comparing the {brand} {product} with two others.',
      '{brand} {product} due on the {n}th.',
      'Filled in the {brand} form on {place}.',
    ],
    negative: [
      '{brand} {product} went up {n} percent, no reason given.',
      'On hold with {brand} {place} for ages.',
      '{brand} rejected my {product} on a technicality.',
    ],
  },
  replies: {
    positive: ['{brand} was good for me too.'],
    neutral: ['{brand} {place} is quicker in the morning.'],
    negative: ['Same {brand} price jump here.'],
  },
  questions: [
    'Does {brand} cover hail damage on the {product}?',
    'How long does {brand} take with a {product}?',
    'Can I add a driver to my {brand} {product} online?',
  ],
  followUps: ['Does that apply to existing customers?', 'Is there an excess for that?'],
  rhetorical: ['Renewed with {brand}. Why does car insurance exist at all?'],
  brandPosts: ['You can now track your {product} in {place}.', 'Storm warning: photos in {place} speed up claims.'],
  brandAnswers: [
    'Hi {asker}, yes, hail is covered.',
    'Hi {asker}, most claims close within 10 days.',
    'Hi {asker}, yes, in the app under My policy.',
  ],
  cannedAnswer: 'We are sorry to hear this. Please send us your policy number by private message and a claims handler will call you.',
  surge: [
    '{brand} rejecting every storm claim, disgraceful.',
    '{brand} {place} down during the storm, useless.',
    'No answer from {brand} after the flood, furious.',
  ],
  buzz: [
    '{brand} is on the consumer show tonight.',
    'Storm season: everyone calling {brand}.',
    '{brand} tops the customer service ranking.',
  ],
  viralPosts: ['{brand} refused my flood claim because my house is "too close to water". I live on a hill.'],
  viralReplies: ['@{user} outrageous, {brand}.', 'Sharing, {brand} must explain.', 'Tagging {handle}.', 'Cancelling my {brand} policy.'],
  tractionPosts: ['{brand} sent a handler to my door the morning after the fire, with a hotel booked. Humane and fast.'],
  tractionReplies: ['Good to hear, {brand}.', 'Nice one {brand}.', 'Rare to read, well done {brand}.'],
  influencerPosts: [
    'Reviewed the {brand} {product} for my money show. Fair cover, average price.',
    'Column: {brand} claims are slow but fair.',
  ],
  spam: ['{brand} cheap cover hack at cover.example', 'Claim {brand} compensation now claims.example'],
  bot: ['{brand} quote bot: {product} from {n} pounds at {time}.'],
  copies: ['I want {brand} to pay the storm claims, sign with me {friend}'],
  sameQuestion: 'Is the {brand} claims line down for everyone?',
  categoryTerms: ['insurance', 'policy', 'claim', 'cover', 'premium'],
  sources: [
    { source: 'microblog', weight: 0.45 },
    { source: 'forum', weight: 0.25 },
    { source: 'reviews', weight: 0.3 },
  ],
  dailyShape: [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.6, 2.0, 2.0, 1.9, 1.7, 1.8, 1.8, 1.6, 1.3, 1.0, 0.8, 0.7, 0.6, 0.45, 0.3, 0.2],
  weeklyShape: [1.1, 1.05, 1.05, 1.05, 1.05, 0.7, 0.7],
};
