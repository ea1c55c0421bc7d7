// Puts a scenario together: brands with their ordinary traffic, the events and the decoys planted
// in it. Every plant draws from its own named random stream, so adding one does not change the rest.
import { HandleRegistry } from './author-pool.ts';
import { generateBackground } from './background-traffic.ts';
import { type BrandPlan, BrandTraffic, type ScenarioFrame } from './brand-traffic.ts';
import { MentionFactory } from './mention-factory.ts';
import {
  plantAccountsUnderBar,
  plantAnsweredQuestions,
  plantBusyAuthor,
  plantCopyCampaign,
  plantSilentDay,
  plantSpamBurst,
} from './planted-decoys.ts';
import {
  type InfluencerOptions,
  plantInfluencer,
  plantListedVoice,
  plantQuestion,
  plantSameQuestion,
  plantSpike,
  plantSurge,
  plantTraction,
  plantViral,
  type QuestionShape,
  type WindowEventOptions,
} from './planted-events.ts';
import { Prng } from './prng.ts';
import type { InjectedEvent, QuietSpan, Scenario, Split } from './scenario.ts';
import { DAY } from './traffic-rhythm.ts';

export interface ScenarioSetup {
  name: string;
  split: Split;
  seed: number;
  /** UTC midnight the scenario starts. */
  start: number;
  days: number;
}

type At = { day: number; hour: number };

export class ScenarioBuilder {
  private readonly setup: ScenarioSetup;
  private readonly rng: Prng;
  private readonly frame: ScenarioFrame;
  private readonly brands: BrandTraffic[] = [];
  private readonly events: InjectedEvent[] = [];
  private readonly quiet: QuietSpan[] = [];
  private plants = 0;

  constructor(setup: ScenarioSetup) {
    if (setup.start % DAY !== 0) throw new Error(`${setup.name}: start must be a UTC midnight`);
    this.setup = setup;
    this.rng = new Prng(setup.seed);
    this.frame = {
      start: setup.start,
      days: setup.days,
      end: setup.start + setup.days * DAY,
      handles: new HandleRegistry(),
      factory: new MentionFactory(String(setup.seed % 97).padStart(2, '0')),
      mentions: [],
    };
  }

  brand(plan: BrandPlan): BrandTraffic {
    for (const handle of [plan.handle, plan.supportHandle]) this.frame.handles.take(handle);
    const traffic = new BrandTraffic(plan, this.frame, this.rng.fork(`brand:${plan.id}`));
    this.brands.push(traffic);
    return traffic;
  }

  private stream(b: BrandTraffic, what: string): Prng {
    return b.rng.fork(`${what}:${this.plants++}`);
  }

  spike(b: BrandTraffic, options: WindowEventOptions & { multiple?: number }): this {
    this.events.push(plantSpike(b, options));
    return this;
  }

  surge(b: BrandTraffic, options: WindowEventOptions): this {
    this.events.push(plantSurge(b, options));
    return this;
  }

  influencer(b: BrandTraffic, options: InfluencerOptions): this {
    this.events.push(...plantInfluencer(b, options, this.stream(b, 'influencer')));
    return this;
  }

  listedVoice(b: BrandTraffic, options: { handle: string; days: number[]; hour: number }): this {
    this.events.push(...plantListedVoice(b, options, this.stream(b, 'listed')));
    return this;
  }

  viral(b: BrandTraffic, options: At & { followers?: number }): this {
    this.events.push(plantViral(b, options, this.stream(b, 'viral')));
    return this;
  }

  traction(b: BrandTraffic, options: At): this {
    this.events.push(plantTraction(b, options, this.stream(b, 'traction')));
    return this;
  }

  question(b: BrandTraffic, options: At & { shape: QuestionShape }): this {
    this.events.push(plantQuestion(b, options, this.stream(b, 'question')));
    return this;
  }

  sameQuestion(b: BrandTraffic, options: At & { askers: number; answered: number }): this {
    this.events.push(...plantSameQuestion(b, options, this.stream(b, 'same-question')));
    return this;
  }

  spamBurst(b: BrandTraffic, options: At & { minutes?: number; multiple?: number }): this {
    this.quiet.push(plantSpamBurst(b, options, this.stream(b, 'spam')));
    return this;
  }

  busyAuthor(b: BrandTraffic, options: At & { minutes?: number; posts: number; mood: 'bot' | 'angry'; handle: string }): this {
    this.quiet.push(plantBusyAuthor(b, options, this.stream(b, 'busy')));
    return this;
  }

  copyCampaign(b: BrandTraffic, options: At & { minutes?: number; accounts: number }): this {
    this.quiet.push(plantCopyCampaign(b, options, this.stream(b, 'copies')));
    return this;
  }

  silentDay(b: BrandTraffic, options: { day: number }): this {
    this.quiet.push(...plantSilentDay(b, options));
    return this;
  }

  answeredQuestions(b: BrandTraffic, options: At & { count: number; minutes?: number }): this {
    this.quiet.push(plantAnsweredQuestions(b, options, this.stream(b, 'answered')));
    return this;
  }

  accountsUnderBar(b: BrandTraffic, options: At & { count: number; minutes?: number }): this {
    this.quiet.push(plantAccountsUnderBar(b, options, this.stream(b, 'under-bar')));
    return this;
  }

  /** The whole scenario is traffic that must not alert for this reason (a weekly rhythm, a trend). */
  quietThroughout(b: BrandTraffic, reason: string): this {
    this.quiet.push({ brandId: b.plan.id, start: this.frame.start, end: this.frame.end, reason });
    return this;
  }

  build(): Scenario {
    for (const b of this.brands) generateBackground(b);
    this.frame.factory.flagCopies();
    const mentions = this.frame.mentions.sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const outside = mentions.find((m) => m.publishedAt < this.frame.start || m.publishedAt >= this.frame.end);
    if (outside)
      throw new Error(`${this.setup.name}: ${outside.id} at ${new Date(outside.publishedAt).toISOString()} is outside the scenario`);
    return {
      name: this.setup.name,
      split: this.setup.split,
      brands: this.brands.map((b) => b.brand),
      mentions,
      events: this.events.sort((a, b) => a.at - b.at),
      quiet: this.quiet.sort((a, b) => a.start - b.start),
    };
  }
}
