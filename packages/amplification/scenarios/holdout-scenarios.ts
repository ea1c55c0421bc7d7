// Held out: never tuned on. Other industries and words (one German), other seeds and brand shapes
// (30-minute windows, a spike ratio of 4, a higher typical engagement, a raised influential bar,
// a stricter spam threshold, far-east and far-west time zones), and decoys not in the tune set
// (one angry customer posting a hundred times, large accounts just under the brand's bar).

import type { ScenarioRecipe } from './scenario.ts';
import { ScenarioBuilder } from './scenario-builder.ts';
import { bikeShare } from './vocabulary/bike-share.ts';
import { coffeeRoaster } from './vocabulary/coffee-roaster.ts';
import { grocer } from './vocabulary/grocer.ts';
import { hotel } from './vocabulary/hotel.ts';
import { insurer } from './vocabulary/insurer.ts';
import { mobileGame } from './vocabulary/mobile-game.ts';
import { stadtbusDe } from './vocabulary/stadtbus-de.ts';

const MON_2_MAR_2026 = Date.UTC(2026, 2, 2);
const MON_2_JUN_2025 = Date.UTC(2025, 5, 2);
const THU_5_MAR_2026 = Date.UTC(2026, 2, 5);
const SAT_14_JUN_2025 = Date.UTC(2025, 5, 14);

export const HOLDOUT_SCENARIOS: readonly ScenarioRecipe[] = [
  {
    name: 'h-stadtbus-strike',
    split: 'holdout',
    summary:
      'German city bus, ~4,000/day, 30-min windows, spike ratio 4, 6 days: a strike spike, the same question from 10 people (2 answered), an unanswered question',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9001, start: MON_2_MAR_2026, days: 6 });
      const b = s.brand({
        id: 'stadtbus-lindenau',
        name: 'Stadtbus Lindenau',
        handle: 'stadtbuslindenau',
        supportHandle: 'stadtbusservice',
        tag: 'StadtbusLindenau',
        industry: stadtbusDe,
        perDay: 4_000,
        tzHours: 1,
        thresholds: { windowMinutes: 30, volumeSpikeRatio: 4 },
      });
      return s
        .spike(b, { day: 3, hour: 9, multiple: 9 })
        .question(b, { day: 2, hour: 8, shape: 'named' })
        .sameQuestion(b, { day: 4, hour: 7, askers: 10, answered: 2 })
        .build();
    },
  },
  {
    name: 'h-roaster-breach',
    split: 'holdout',
    summary:
      'coffee roaster, ~25,000/day, typical engagement 8, 3 days: a negative surge (data leak), a viral post, a 1.9M creator on 2 days',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9002, start: THU_5_MAR_2026, days: 3 });
      const b = s.brand({
        id: 'kettle-crow',
        name: 'Kettle & Crow',
        handle: 'kettleandcrow',
        supportHandle: 'kettlecrowhelp',
        tag: 'KettleAndCrow',
        industry: coffeeRoaster,
        perDay: 25_000,
        typicalEngagement: 8,
        tzHours: 0,
      });
      return s
        .surge(b, { day: 2, hour: 10 })
        .viral(b, { day: 2, hour: 15 })
        .influencer(b, { days: [1, 2], hour: 12, followers: 1_900_000, handle: 'brewlab_nico', source: 'video-comments', perDay: 3 })
        .build();
    },
  },
  {
    name: 'h-bikeshare-small',
    split: 'holdout',
    summary: 'bike share, ~300/day, 8 days: a listed rider (boost 60) on 2 days, a silent day, a named and a late-answered question',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9003, start: MON_2_JUN_2025, days: 8 });
      const b = s.brand({
        id: 'spokeshare',
        name: 'Spokeshare',
        handle: 'spokeshare',
        supportHandle: 'spokesharefix',
        tag: 'Spokeshare',
        industry: bikeShare,
        perDay: 300,
        tzHours: 2,
        influencers: [{ handle: 'cyclinglena', source: 'microblog', mode: 'boost', score: 60 }],
      });
      return s
        .listedVoice(b, { handle: 'cyclinglena', days: [2, 5], hour: 17 })
        .silentDay(b, { day: 3 })
        .question(b, { day: 1, hour: 8, shape: 'named' })
        .question(b, { day: 6, hour: 18, shape: 'late' })
        .answeredQuestions(b, { day: 4, hour: 9, count: 5 })
        .build();
    },
  },
  {
    name: 'h-insurer-storm-season',
    split: 'holdout',
    summary:
      'insurer, ~2,500/day growing 30 %/week, weekdays double weekends, spam threshold 0.6, 10 days: a storm spike, a spam burst, a quote bot posting 600 times in an hour',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9004, start: MON_2_MAR_2026, days: 10 });
      const b = s.brand({
        id: 'oakridge',
        name: 'Oakridge Mutual',
        handle: 'oakridgemutual',
        supportHandle: 'oakridgeclaims',
        tag: 'Oakridge',
        industry: insurer,
        perDay: 2_500,
        trendPerWeek: 0.3,
        spamThreshold: 0.6,
      });
      return s
        .quietThroughout(b, 'weekly rhythm with a slow trend (+30 %/week)')
        .spike(b, { day: 7, hour: 10, multiple: 6 })
        .spamBurst(b, { day: 3, hour: 14, multiple: 12 })
        .busyAuthor(b, { day: 8, hour: 11, posts: 600, mood: 'bot', handle: 'quote_watch_bot' })
        .build();
    },
  },
  {
    name: 'h-game-studio-summer',
    split: 'holdout',
    summary:
      'mobile game, ~12,000/day, 5 days from a Saturday: a viral ban story, a touching post gaining traction, a guild invite copied by 500 accounts',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9005, start: SAT_14_JUN_2025, days: 5 });
      const b = s.brand({
        id: 'moonpike',
        name: 'Moonpike Studios',
        handle: 'moonpike',
        supportHandle: 'moonpikesupport',
        tag: 'Moonpike',
        industry: mobileGame,
        perDay: 12_000,
        tzHours: -3,
      });
      return s
        .viral(b, { day: 3, hour: 19 })
        .traction(b, { day: 4, hour: 18 })
        .copyCampaign(b, { day: 2, hour: 20, accounts: 500 })
        .build();
    },
  },
  {
    name: 'h-three-grocers',
    split: 'holdout',
    summary:
      'three competing grocers, ~5,000, ~1,000 and ~20/day, 5 days: a surge on the big one, a spike on the middle one, a 700k critic and an unanswered follow-up on the tiny one, one angry customer posting 120 times in an hour',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9006, start: MON_2_JUN_2025, days: 5 });
      const ids = ['freshfold', 'greenbarrow', 'pantry-lane'];
      const rivals = (id: string) => ids.filter((x) => x !== id);
      const big = s.brand({
        id: 'freshfold',
        name: 'FreshFold Market',
        handle: 'freshfold',
        supportHandle: 'freshfoldhelp',
        tag: 'FreshFold',
        industry: grocer,
        perDay: 5_000,
        competitors: rivals('freshfold'),
        thresholds: { negativeSurgeShare: 0.35 },
      });
      const mid = s.brand({
        id: 'greenbarrow',
        name: 'Greenbarrow Grocers',
        handle: 'greenbarrow',
        supportHandle: 'greenbarrowhelp',
        tag: 'Greenbarrow',
        industry: grocer,
        perDay: 1_000,
        competitors: rivals('greenbarrow'),
      });
      const tiny = s.brand({
        id: 'pantry-lane',
        name: 'Pantry Lane',
        handle: 'pantrylane',
        supportHandle: 'pantrylanehelp',
        tag: 'PantryLane',
        industry: grocer,
        perDay: 20,
        competitors: rivals('pantry-lane'),
      });
      return s
        .surge(big, { day: 3, hour: 12 })
        .spike(mid, { day: 2, hour: 17, multiple: 8 })
        .influencer(tiny, { days: [2, 3], hour: 11, followers: 700_000, handle: 'basket_check_ben' })
        .question(tiny, { day: 3, hour: 15, shape: 'follow-up' })
        .busyAuthor(mid, { day: 4, hour: 11, posts: 120, mood: 'angry', handle: 'never_again_greenbarrow' })
        .build();
    },
  },
  {
    name: 'h-hotel-tokyo',
    split: 'holdout',
    summary:
      'hotel chain at UTC+9, ~900/day, influential bar 250k (12 accounts of 120k-212k that are not influential), 7 days: a night-time question, praise gaining traction, a 1.1M vlogger on 2 days, a spam burst',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'holdout', seed: 9007, start: MON_2_JUN_2025, days: 7 });
      const b = s.brand({
        id: 'kiri-hotels',
        name: 'Kiri Hotels',
        handle: 'kirihotels',
        supportHandle: 'kiriguest',
        tag: 'KiriHotels',
        industry: hotel,
        perDay: 900,
        tzHours: 9,
        thresholds: { influentialFollowers: 250_000 },
      });
      return s
        .question(b, { day: 1, hour: 23, shape: 'named' })
        .traction(b, { day: 4, hour: 19 })
        .influencer(b, { days: [3, 4], hour: 13, followers: 1_100_000, handle: 'tokyo_after_dark' })
        .spamBurst(b, { day: 6, hour: 20 })
        .accountsUnderBar(b, { day: 2, hour: 12, count: 12 })
        .answeredQuestions(b, { day: 5, hour: 10, count: 5 })
        .build();
    },
  },
];
