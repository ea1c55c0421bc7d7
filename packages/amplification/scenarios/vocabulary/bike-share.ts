// A city bike share (held out): commutes, weekend leisure, docks that are full or empty.
import type { Industry } from './industry.ts';

export const bikeShare: Industry = {
  key: 'bike-share',
  language: 'en',
  products: ['e-bike', 'annual pass', 'dock', 'unlock code', 'cargo bike', 'app map'],
  places: ['the river dock', 'Station Square', 'the park gates', 'the hospital dock', 'Old Town'],
  posts: {
    positive: [
      'Lovely ride on a {brand} {product} along the river.',
      '{brand} {product} is the best way to get to work.',
      'Fixed in minutes, thanks {brand}.',
    ],
    neutral: [
      'Took a {brand} {product} to {place}.',
      '{brand} added {n} bikes at {place}.',
      'Renewed my {brand} {product}.',
      'Riding {brand} to {place} at {time}.',
    ],
    negative: [
      'Every {brand} {product} at {place} is broken.',
      '{brand} charged me {n} euro for a dock that was full.',
      '{brand} {product} died halfway up the hill.',
    ],
  },
  replies: {
    positive: ['Same, {brand} e-bikes are great.'],
    neutral: ['{brand} {place} is usually full after 9.'],
    negative: ['Same thing with {brand} yesterday.'],
  },
  questions: [
    'Does {brand} have a student {product}?',
    'Why is the {brand} {product} not working at {place}?',
    'Can I take a {brand} bike on the train?',
  ],
  followUps: ['Will it include the cargo bikes?', 'Does it start this weekend?'],
  rhetorical: ['Rode {brand} in the sun. Why can it not be like this every day?'],
  brandPosts: ['New dock at {place} opens today.', 'The {product} now shows free docks live.'],
  brandAnswers: [
    'Hi {asker}, yes, half price with a student card.',
    'Hi {asker}, the {place} dock is back now.',
    'Hi {asker}, folding ones only, sorry.',
  ],
  cannedAnswer: 'Thanks for telling us. A mechanic is on the way to that dock.',
  surge: ['{brand} app down, cannot unlock anything. Useless.', 'Stuck with a locked {brand} bike, terrible.'],
  buzz: ['{brand} is free for car free day.', 'Cycling festival today, {brand} everywhere.'],
  viralPosts: ['{brand} bike brakes failed on the hill at {place}. I ended up in hospital. They still charged me.'],
  viralReplies: ['@{user} awful, {brand} must answer.', 'Sharing, {brand}.', 'Tagging {handle}.'],
  tractionPosts: ['{brand} mechanic fixed my chain on the spot and refused a tip. Great service.'],
  tractionReplies: ['Lovely, {brand}.', 'Good people at {brand}.'],
  influencerPosts: [
    'Tested {brand} for a month for the city paper. Cheap and handy, docks are a lottery.',
    'My {brand} video is up: good bikes, patchy app.',
  ],
  spam: ['{brand} free rides code at rides.example', 'Win a {brand} e-bike click win.example'],
  bot: ['{brand} dock bot: {place} has {n} bikes at {time}.'],
  copies: ['More {brand} docks in our neighbourhood please, sign with me {friend}'],
  sameQuestion: 'Is the {brand} app down for everyone?',
  categoryTerms: ['bike', 'cycling', 'dock', 'ride', 'e-bike'],
  sources: [
    { source: 'microblog', weight: 0.6 },
    { source: 'reviews', weight: 0.25 },
    { source: 'forum', weight: 0.15 },
  ],
  dailyShape: [0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.9, 1.7, 1.8, 1.2, 1.0, 1.1, 1.3, 1.3, 1.3, 1.4, 1.7, 1.9, 1.6, 1.2, 0.8, 0.5, 0.3, 0.2],
  weeklyShape: [0.95, 0.95, 0.95, 1.0, 1.05, 1.1, 1.0],
};
