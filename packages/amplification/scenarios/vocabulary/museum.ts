// A small aviation museum: a handful of mentions a day, daytime, weekends, closed Mondays.
import type { Industry } from './industry.ts';

export const museum: Industry = {
  key: 'museum',
  language: 'en',
  products: ['Spitfire hall', 'flight simulator', 'school tour', 'cafe', 'gift shop', 'restoration workshop', 'night opening'],
  places: ['the main hangar', 'the east gallery', 'the rooftop deck', 'the car park'],
  posts: {
    positive: [
      'Brilliant day at {brand}, the {product} is wonderful.',
      'The kids loved the {product} at {brand}.',
      '{brand} volunteers are so friendly and knowledgeable.',
    ],
    neutral: [
      'Visiting {brand} on Saturday.',
      'Booked the {brand} {product} for {n} people.',
      '{brand} {product} opens at {time}.',
      'Drove past {brand} today, new plane outside.',
    ],
    negative: ['{brand} {product} closed without notice, wasted trip.', 'Parking at {brand} is a nightmare.'],
  },
  replies: {
    positive: ['Agree, {brand} is a gem.'],
    neutral: ['{brand} is quieter on weekdays.'],
    negative: ['Same, the {brand} car park is tiny.'],
  },
  questions: [
    'Is {brand} open on bank holidays?',
    'Can you book the {brand} {product} online?',
    'Does {brand} have wheelchair access to {place}?',
  ],
  followUps: ['Is it suitable for under fives?', 'Do we need to book ahead?'],
  rhetorical: ['Spent the day at {brand}. How did people fly these things?'],
  brandPosts: ['The {product} reopens this weekend.', 'Volunteer open day on Sunday in {place}.'],
  brandAnswers: [
    'Hi {asker}, yes, 10 to 4 on bank holidays.',
    'Hi {asker}, you can book on our website.',
    'Hi {asker}, there is a lift to every gallery.',
  ],
  cannedAnswer: 'Thanks for your message, our visitor team will email you back today.',
  surge: ['{brand} cancelled the school trip on the morning, awful.'],
  buzz: ['{brand} is on TV tonight.'],
  viralPosts: ['{brand} turned away my veteran grandad at the door because of his guide dog.'],
  viralReplies: ['@{user} shameful, {brand}.', 'Sharing so {brand} sees.'],
  tractionPosts: ['{brand} let my grandad sit in the cockpit of the plane he flew in 1962. He cried. Thank you.'],
  tractionReplies: ['So moving, thank you {brand}.', 'Wonderful, {brand}.'],
  influencerPosts: [
    'Took my camera to {brand} for the travel series. Small but charming, the {product} is the highlight.',
    'Weekend tip in my column: {brand}, if you like old planes.',
  ],
  spam: ['{brand} free tickets at tix.example', 'Win a flight with {brand} click here win.example'],
  bot: ['{brand} visitor counter: {n} at {time}.'],
  copies: ['Vote {brand} best small museum, tag a friend {friend}'],
  sameQuestion: 'Is {brand} open today with the storm warning?',
  categoryTerms: ['museum', 'aircraft', 'aviation', 'exhibit', 'history'],
  sources: [
    { source: 'reviews', weight: 0.45 },
    { source: 'microblog', weight: 0.35 },
    { source: 'blog', weight: 0.2 },
  ],
  dailyShape: [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2, 2, 2, 2, 2, 1.8, 1.5, 1, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1],
  weeklyShape: [0.5, 0.9, 0.9, 1.0, 1.1, 1.5, 1.5],
};
