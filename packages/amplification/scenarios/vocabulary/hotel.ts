// A hotel chain far east of UTC (held out): check-in evenings, reviews, bookings.
import type { Industry } from './industry.ts';

export const hotel: Industry = {
  key: 'hotel',
  language: 'en',
  products: ['breakfast buffet', 'rooftop bar', 'club room', 'late checkout', 'onsen', 'airport transfer', 'booking app'],
  places: ['Shibuya', 'Harbourside', 'Namba Tower', 'Sapporo Station', 'Kyoto Gion'],
  posts: {
    positive: [
      'The {product} at {brand} {place} was wonderful.',
      'Spotless room at {brand}, staff so kind.',
      '{brand} {product} made the trip.',
    ],
    neutral: [
      'Checked in at {brand} {place}.',
      'Booked {brand} for {n} nights.',
      '{brand} {product} opens at {time}.',
      'Staying at {brand} for the conference.',
    ],
    negative: [
      '{brand} lost our booking at {place}, awful.',
      'Noisy room at {brand}, no sleep.',
      '{brand} {product} cancelled without notice.',
    ],
  },
  replies: {
    positive: ['{brand} {place} is lovely.'],
    neutral: ['{brand} {product} is cheaper on weekdays.'],
    negative: ['Same at {brand} last year.'],
  },
  questions: [
    'Does {brand} offer an {product}?',
    'Is the {brand} {product} open to non guests?',
    'Can I get a {product} at {brand} {place}?',
  ],
  followUps: ['Is that for all room types?', 'Can we book it in advance?'],
  rhetorical: ['Back at {brand} for work. Why are conference days so long?'],
  brandPosts: ['The {product} at {place} reopens after renovation.', 'Autumn offer: a free {product} with every 3 night stay.'],
  brandAnswers: [
    'Hi {asker}, yes, book it at the front desk.',
    'Hi {asker}, yes, the bar welcomes everyone.',
    'Hi {asker}, just ask at check in.',
  ],
  cannedAnswer: 'We are sorry to hear this. Please share your booking number by private message and our guest team will reach out.',
  surge: [
    '{brand} double booked the whole floor, guests sleeping in the lobby. Chaos.',
    '{brand} booking system down, nobody can check in. Terrible.',
  ],
  buzz: ['{brand} named best city hotel this year.', '{brand} {place} on a famous travel show tonight.'],
  viralPosts: ['{brand} charged my card 3,000 dollars for a room I cancelled a month ago and will not refund it.'],
  viralReplies: ['@{user} outrageous, {brand}.', 'Sharing, {brand} refund this.', 'Tagging {handle}.'],
  tractionPosts: ['{brand} {place} staff found my lost wedding ring in the laundry and flew it to me. Incredible people.'],
  tractionReplies: ['Wow, thank you {brand}.', 'Amazing staff at {brand}.', 'Booking {brand} because of this.'],
  influencerPosts: [
    'Stayed at {brand} {place} for the travel vlog. Good value, small rooms.',
    'Hotel column: {brand} is fine, the {product} is the highlight.',
  ],
  spam: ['{brand} free night voucher at stay.example', 'Win a {brand} suite click here'],
  bot: ['{brand} rate bot: {place} from {n} dollars at {time}.'],
  copies: ['Vote {brand} as hotel of the year and win a night {friend}'],
  sameQuestion: 'Is the {brand} booking app down?',
  categoryTerms: ['hotel', 'room', 'stay', 'booking', 'travel'],
  sources: [
    { source: 'reviews', weight: 0.45 },
    { source: 'microblog', weight: 0.4 },
    { source: 'blog', weight: 0.15 },
  ],
  dailyShape: [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.0, 1.0, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.7, 1.8, 1.8, 1.7, 1.4, 1.0, 0.6],
  weeklyShape: [0.9, 0.9, 0.95, 1.0, 1.15, 1.15, 0.95],
};
