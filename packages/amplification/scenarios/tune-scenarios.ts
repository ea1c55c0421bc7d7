// The scenarios the engine may be tuned on. Days are counted from the scenario start (a Monday,
// UTC midnight); hours are the brand's local time. Window events come after at least two days of
// history.

import type { ScenarioRecipe } from './scenario.ts';
import { ScenarioBuilder } from './scenario-builder.ts';
import { airline } from './vocabulary/airline.ts';
import { bakery } from './vocabulary/bakery.ts';
import { bank } from './vocabulary/bank.ts';
import { cityBus } from './vocabulary/city-bus.ts';
import { indieGame } from './vocabulary/indie-game.ts';
import { museum } from './vocabulary/museum.ts';
import { telecom } from './vocabulary/telecom.ts';

const MON_5_JAN_2026 = Date.UTC(2026, 0, 5);
const MON_1_SEP_2025 = Date.UTC(2025, 8, 1);
const MON_3_NOV_2025 = Date.UTC(2025, 10, 3);
const MON_2_FEB_2026 = Date.UTC(2026, 1, 2);

export const TUNE_SCENARIOS: readonly ScenarioRecipe[] = [
  {
    name: 'museum-quiet-fortnight',
    split: 'tune',
    summary: 'aviation museum, ~10/day, 10 days: a 540k vlogger on 3 days, 2 unanswered questions, answered ones, long quiet stretches',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 101, start: MON_5_JAN_2026, days: 10 });
      const m = s.brand({
        id: 'harrow-museum',
        name: 'Harrow Museum of Flight',
        handle: 'harrowflight',
        supportHandle: 'harrowvisits',
        tag: 'HarrowFlight',
        industry: museum,
        perDay: 10,
      });
      return s
        .influencer(m, { days: [3, 4, 5], hour: 11, followers: 540_000, handle: 'skies_with_sana' })
        .question(m, { day: 2, hour: 11.2, shape: 'named' })
        .question(m, { day: 7, hour: 14.5, shape: 'follow-up' })
        .answeredQuestions(m, { day: 1, hour: 10, count: 3 })
        .answeredQuestions(m, { day: 8, hour: 13, count: 3 })
        .build();
    },
  },
  {
    name: 'indie-game-tiny-launch',
    split: 'tune',
    summary: 'indie game, ~25/day, 6 days: a listed streamer on 2 days, a follow-up and a late-answered question, a spam burst',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 102, start: MON_1_SEP_2025, days: 6 });
      const g = s.brand({
        id: 'lanternfall',
        name: 'Lanternfall',
        handle: 'lanternfallgame',
        supportHandle: 'lanternfallhelp',
        tag: 'Lanternfall',
        industry: indieGame,
        perDay: 25,
        influencers: [{ handle: 'lumastreams', source: null, mode: 'pin', score: 80 }],
      });
      return s
        .listedVoice(g, { handle: 'lumastreams', days: [1, 3], hour: 20 })
        .question(g, { day: 2, hour: 19.5, shape: 'follow-up' })
        .question(g, { day: 4, hour: 21, shape: 'late' })
        .spamBurst(g, { day: 3, hour: 15 })
        .answeredQuestions(g, { day: 5, hour: 18, count: 4 })
        .build();
    },
  },
  {
    name: 'bakery-small-town',
    split: 'tune',
    summary: 'bakery, ~60/day, 7 days: a 620k food blogger on 2 days, a silent day then normal, 2 unanswered questions',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 103, start: MON_3_NOV_2025, days: 7 });
      const c = s.brand({
        id: 'crumb-co',
        name: 'Crumb & Co',
        handle: 'crumbandco',
        supportHandle: 'crumbhelp',
        tag: 'CrumbAndCo',
        industry: bakery,
        perDay: 60,
        tzHours: 0,
      });
      return s
        .influencer(c, { days: [1, 2], hour: 10, followers: 620_000, handle: 'the_loaf_report' })
        .silentDay(c, { day: 3 })
        .question(c, { day: 5, hour: 9.3, shape: 'named' })
        .question(c, { day: 6, hour: 15, shape: 'follow-up' })
        .answeredQuestions(c, { day: 2, hour: 14, count: 4 })
        .build();
    },
  },
  {
    name: 'bank-steady-weeks',
    split: 'tune',
    summary: 'bank, ~3,000/day, 10 days: a steady weekly rhythm (weekends half), answered questions, one unanswered',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 104, start: MON_2_FEB_2026, days: 10 });
      const b = s.brand({
        id: 'northmere',
        name: 'Northmere Bank',
        handle: 'northmerebank',
        supportHandle: 'northmerehelp',
        tag: 'Northmere',
        industry: bank,
        perDay: 3_000,
      });
      return s
        .quietThroughout(b, 'steady weekly rhythm')
        .answeredQuestions(b, { day: 4, hour: 11, count: 6 })
        .question(b, { day: 7, hour: 11, shape: 'named' })
        .build();
    },
  },
  {
    name: 'airline-outage',
    split: 'tune',
    summary:
      'airline, ~8,000/day, 5 days: a negative surge (systems outage), the same question from 10 people (3 answered), a 780k travel critic, a late answer',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 105, start: MON_5_JAN_2026, days: 5 });
      const a = s.brand({
        id: 'skylark-air',
        name: 'Skylark Air',
        handle: 'skylarkair',
        supportHandle: 'skylarkhelp',
        tag: 'SkylarkAir',
        industry: airline,
        perDay: 8_000,
        tzHours: 1,
      });
      return s
        .surge(a, { day: 3, hour: 8 })
        .sameQuestion(a, { day: 3, hour: 11, askers: 10, answered: 3 })
        .influencer(a, { days: [1, 2], hour: 13, followers: 780_000, handle: 'jetlag_jonas', perDay: 1 })
        .question(a, { day: 4, hour: 10, shape: 'late' })
        .build();
    },
  },
  {
    name: 'bus-snow-day',
    split: 'tune',
    summary: 'city bus, ~5,000/day (UTC-5), 7 days: a volume spike (snow), a tracker bot posting 500 times in an hour, answered questions',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 106, start: MON_2_FEB_2026, days: 7 });
      const b = s.brand({
        id: 'harbor-metro',
        name: 'Harbor Metro',
        handle: 'harbormetro',
        supportHandle: 'harbormetrohelp',
        tag: 'HarborMetro',
        industry: cityBus,
        perDay: 5_000,
        tzHours: -5,
      });
      return s
        .spike(b, { day: 3, hour: 10, multiple: 8 })
        .busyAuthor(b, { day: 1, hour: 12, posts: 500, mood: 'bot', handle: 'route14_tracker' })
        .answeredQuestions(b, { day: 2, hour: 8, count: 6 })
        .build();
    },
  },
  {
    name: 'bakery-bolt-viral',
    split: 'tune',
    summary: 'bakery, ~2,500/day, 6 days: a viral complaint, praise gaining traction, a giveaway copied by 300 accounts',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 107, start: MON_1_SEP_2025, days: 6 });
      const b = s.brand({
        id: 'oven-door',
        name: 'Oven Door Bakery',
        handle: 'ovendoor',
        supportHandle: 'ovendoorhelp',
        tag: 'OvenDoor',
        industry: bakery,
        perDay: 2_500,
        tzHours: 2,
      });
      return s
        .viral(b, { day: 2, hour: 12 })
        .traction(b, { day: 3, hour: 16 })
        .copyCampaign(b, { day: 4, hour: 11, accounts: 300 })
        .build();
    },
  },
  {
    name: 'indie-game-growing',
    split: 'tune',
    summary: 'indie game, ~1,500/day growing 30 %/week, 10 days: a slow trend, praise gaining traction, an unanswered question',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 108, start: MON_3_NOV_2025, days: 10 });
      const g = s.brand({
        id: 'lanternfall',
        name: 'Lanternfall',
        handle: 'lanternfallgame',
        supportHandle: 'lanternfallhelp',
        tag: 'Lanternfall',
        industry: indieGame,
        perDay: 1_500,
        trendPerWeek: 0.3,
        tzHours: -8,
      });
      return s
        .quietThroughout(g, 'slow trend (+30 %/week) and weekly rhythm')
        .traction(g, { day: 8, hour: 20 })
        .question(g, { day: 6, hour: 21, shape: 'named' })
        .build();
    },
  },
  {
    name: 'bank-spam-and-rumour',
    split: 'tune',
    summary: 'bank, ~1,200/day, 5 days: a spam burst 10x volume, a merger-rumour spike, a 900k finance journalist on 2 days',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 109, start: MON_5_JAN_2026, days: 5 });
      const b = s.brand({
        id: 'fairhaven',
        name: 'Fairhaven Bank',
        handle: 'fairhavenbank',
        supportHandle: 'fairhavenhelp',
        tag: 'Fairhaven',
        industry: bank,
        perDay: 1_200,
      });
      return s
        .spamBurst(b, { day: 2, hour: 11 })
        .spike(b, { day: 3, hour: 13, multiple: 7 })
        .influencer(b, { days: [3, 4], hour: 9, followers: 910_000, handle: 'money_with_mo', source: 'blog' })
        .build();
    },
  },
  {
    name: 'airline-peak-100k',
    split: 'tune',
    summary: 'airline, ~100,000/day, 3 days: a 6x spike (fare sale), a 1.4M travel channel on 2 days, an unanswered question',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 110, start: MON_1_SEP_2025, days: 3 });
      const a = s.brand({
        id: 'skylark-air',
        name: 'Skylark Air',
        handle: 'skylarkair',
        supportHandle: 'skylarkhelp',
        tag: 'SkylarkAir',
        industry: airline,
        perDay: 100_000,
        tzHours: 1,
      });
      return s
        .spike(a, { day: 2, hour: 14, multiple: 6 })
        .influencer(a, { days: [1, 2], hour: 10, followers: 1_400_000, handle: 'wanderwide_tv', source: 'video-comments' })
        .question(a, { day: 2, hour: 9, shape: 'named' })
        .build();
    },
  },
  {
    name: 'two-banks',
    split: 'tune',
    summary:
      'two competing banks, ~2,000 and ~700/day, 6 days: a negative surge on the small one, a spike on the big one, a question to the small one',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 111, start: MON_3_NOV_2025, days: 6 });
      const big = s.brand({
        id: 'northmere',
        name: 'Northmere Bank',
        handle: 'northmerebank',
        supportHandle: 'northmerehelp',
        tag: 'Northmere',
        industry: bank,
        perDay: 2_000,
        competitors: ['quayside'],
      });
      const small = s.brand({
        id: 'quayside',
        name: 'Quayside Credit Union',
        handle: 'quaysidecu',
        supportHandle: 'quaysidehelp',
        tag: 'QuaysideCU',
        industry: bank,
        perDay: 700,
        competitors: ['northmere'],
      });
      return s
        .surge(small, { day: 3, hour: 10 })
        .spike(big, { day: 2, hour: 14, multiple: 8 })
        .question(small, { day: 2, hour: 12, shape: 'named' })
        .build();
    },
  },
  {
    name: 'bus-silent-connector',
    split: 'tune',
    summary: 'city bus, ~600/day, 7 days: a silent day then normal, two unanswered questions, answered ones',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 112, start: MON_2_FEB_2026, days: 7 });
      const b = s.brand({
        id: 'valley-bus',
        name: 'Valley Bus',
        handle: 'valleybus',
        supportHandle: 'valleybushelp',
        tag: 'ValleyBus',
        industry: cityBus,
        perDay: 600,
      });
      return s
        .silentDay(b, { day: 2 })
        .question(b, { day: 5, hour: 8, shape: 'named' })
        .question(b, { day: 6, hour: 17, shape: 'follow-up' })
        .answeredQuestions(b, { day: 4, hour: 8, count: 6 })
        .build();
    },
  },
  {
    name: 'game-giveaway-copies',
    split: 'tune',
    summary: 'indie game, ~3,000/day, 5 days: a wishlist giveaway copied by 450 accounts, a viral complaint',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 113, start: MON_5_JAN_2026, days: 5 });
      const g = s.brand({
        id: 'lanternfall',
        name: 'Lanternfall',
        handle: 'lanternfallgame',
        supportHandle: 'lanternfallhelp',
        tag: 'Lanternfall',
        industry: indieGame,
        perDay: 3_000,
      });
      return s.copyCampaign(g, { day: 2, hour: 19, accounts: 450 }).viral(g, { day: 3, hour: 20 }).build();
    },
  },
  {
    name: 'bakery-all-kinds',
    split: 'tune',
    summary: 'bakery, ~10,000/day, 4 days: one of every kind (spike, surge, influencer on 2 days, viral, traction, question)',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 114, start: MON_1_SEP_2025, days: 4 });
      const c = s.brand({
        id: 'crumb-co',
        name: 'Crumb & Co',
        handle: 'crumbandco',
        supportHandle: 'crumbhelp',
        tag: 'CrumbAndCo',
        industry: bakery,
        perDay: 10_000,
        tzHours: 1,
      });
      return s
        .spike(c, { day: 2, hour: 11, multiple: 7 })
        .surge(c, { day: 3, hour: 9 })
        .influencer(c, { days: [2, 3], hour: 14, followers: 2_100_000, handle: 'chef_amara' })
        .viral(c, { day: 3, hour: 13 })
        .traction(c, { day: 2, hour: 16 })
        .question(c, { day: 3, hour: 17, shape: 'named' })
        .build();
    },
  },
  {
    name: 'telecom-outage',
    split: 'tune',
    summary: 'mobile network, ~20,000/day, 4 days: a negative surge (network down), 10 people asking the same (4 answered), a spam burst',
    build() {
      const s = new ScenarioBuilder({ name: this.name, split: 'tune', seed: 115, start: MON_3_NOV_2025, days: 4 });
      const t = s.brand({
        id: 'brightwave',
        name: 'Brightwave Mobile',
        handle: 'brightwave',
        supportHandle: 'brightwavecare',
        tag: 'Brightwave',
        industry: telecom,
        perDay: 20_000,
      });
      return s
        .surge(t, { day: 2, hour: 18 })
        .sameQuestion(t, { day: 2, hour: 20, askers: 10, answered: 4 })
        .spamBurst(t, { day: 3, hour: 11 })
        .build();
    },
  },
];
