// Chooses the spam model's settings without the test video: leave one training video out (train on
// Psy, score Katy Perry, and the other way round), the way the model will meet a video it has not
// seen. The ordinary texts (training half of the Sanders tweets, demo seed 1) are split in two the
// same way: each fold trains on one part and reports false flags on the other. Also scored: the
// high-follower product posts of the chaos probe, which must stay well under the threshold.
//
//   node packages/enrichment/scripts/spam-cross-validation.ts           # the candidates, one line each
//   node packages/enrichment/scripts/spam-cross-validation.ts --weights # each also with other own weights of reasons
//   node packages/enrichment/scripts/spam-cross-validation.ts --errors  # the shipped settings' misses and false flags
//   node packages/enrichment/scripts/spam-cross-validation.ts --tweets  # brand tweets flagged by a model that saw both videos
//   node packages/enrichment/scripts/spam-cross-validation.ts --shifts  # each at the prior shifts of the grid the shift is chosen on
//   ... --only TEXT                                                    # only the candidates whose name holds TEXT (and the shipped ones)
import { fileURLToPath } from 'node:url';
import { readCommentText, type TextSpamVerdict } from '../src/spam/score-comment.ts';
import type { FeatureConfig } from '../src/spam/spam-features.ts';
import { SpamModel } from '../src/spam/spam-model.ts';
import { SPAM_WEIGHTS, type SpamReasonCode } from '../src/spam/spam-reasons.ts';
import { combineSpamSignals } from '../src/spam/spam-score.ts';
import { readBrandTweets } from './brand-tweets-data.ts';
import { DEFAULT_FEATURES, DEFAULT_TRAINING, ordinaryComments, type TrainOptions, trainSpamModel } from './train-spam-model.ts';
import { type LabelledComment, readVideos, TRAIN_VIDEOS, type Video } from './youtube-spam-data.ts';

export const THRESHOLD = 0.7;

/** Product talk by well-followed authors (the chaos test's probes, under a brand name): never spam. */
export const REVIEW_PROBES: readonly string[] = [
  'acme: Reviewing the grinder for my channel next week, first impressions are very strong',
  'globex: Spent the whole week testing the new range and I am honestly impressed by the build quality',
  'initech: Their new app finally lets me reorder my usual in two taps, small thing but it matters',
  'umbrella: Took the barista class they run on Saturdays and learned more than I expected',
  'Unboxing the Acme blender on my channel tonight, full review on Friday',
  'New video on my channel: I tested five espresso grinders for a month, the Acme one won',
];

type Weights = Readonly<Partial<Record<SpamReasonCode, number>>>;

export interface HeldOut {
  comment: LabelledComment;
  kind: 'video' | 'ordinary';
  verdict: TextSpamVerdict;
}

export interface CrossValidation {
  held: HeldOut[];
  /** REVIEW_PROBES as each fold's model read them. */
  probes: Array<{ text: string; verdict: TextSpamVerdict }>;
}

/**
 * Each of `of` scored by a model trained on the others (the ordinary texts split in as many parts
 * the same way). The settings were chosen with the two training videos; the benchmark also runs
 * all three.
 */
export function leaveOneVideoOut(
  config: FeatureConfig = DEFAULT_FEATURES,
  options: TrainOptions = DEFAULT_TRAINING,
  of: readonly Video[] = TRAIN_VIDEOS,
): CrossValidation {
  const videos = of.map((video) => readVideos([video]));
  const ordinary = ordinaryComments(options);
  const held: HeldOut[] = [];
  const probes: CrossValidation['probes'] = [];
  const part = (fold: number) => ordinary.filter((_, i) => i % videos.length === fold);
  const rest = (fold: number) => ordinary.filter((_, i) => i % videos.length !== fold);
  videos.forEach((video, fold) => {
    const trainOn = [...videos.filter((_, j) => j !== fold).flat(), ...rest(fold)];
    const model = new SpamModel(trainSpamModel(trainOn, config, options));
    for (const comment of video) held.push({ comment, kind: 'video', verdict: readCommentText(comment, model) });
    for (const comment of part(fold)) held.push({ comment, kind: 'ordinary', verdict: readCommentText(comment, model) });
    for (const text of REVIEW_PROBES) probes.push({ text, verdict: readCommentText({ text, author: 'famous17' }, model) });
  });
  return { held, probes };
}

/**
 * False flags on brand talk by a model that learnt from both training videos (the folds above see
 * one video each, and a model that has seen more video spam leans harder on links): the training
 * half of the Sanders tweets in two parts, each scored by a model trained on the other part. The
 * held-out half stays for the benchmark.
 */
export function tweetFalseFlags(
  config: FeatureConfig = DEFAULT_FEATURES,
  options: TrainOptions = DEFAULT_TRAINING,
  weightSets: readonly Weights[] = [SPAM_WEIGHTS],
): { flagged: number[]; of: number } {
  const tweets = readBrandTweets('train');
  const videos = readVideos(TRAIN_VIDEOS);
  const flagged = weightSets.map(() => 0);
  for (const fold of [0, 1]) {
    const extra = ordinaryComments(options).filter((c) => c.video !== 'sanders');
    const model = new SpamModel(trainSpamModel([...videos, ...tweets.filter((_, i) => i % 2 !== fold), ...extra], config, options));
    for (const tweet of tweets.filter((_, i) => i % 2 === fold)) {
      const verdict = readCommentText(tweet, model);
      weightSets.forEach((weights, k) => {
        if (score(verdict, weights).score >= THRESHOLD) flagged[k] = (flagged[k] as number) + 1;
      });
    }
  }
  return { flagged, of: tweets.length };
}

const score = (verdict: TextSpamVerdict, weights: Weights) => combineSpamSignals(verdict, new Map(), weights);

export interface Figures {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function figuresAt(items: ReadonlyArray<{ score: number; spam: boolean }>, threshold = THRESHOLD): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { score, spam } of items) {
    const flagged = score >= threshold;
    if (flagged && spam) tp++;
    else if (flagged) fp++;
    else if (spam) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}

export function summarise(cv: CrossValidation, weights: Weights = SPAM_WEIGHTS): string {
  const video = figuresAt(
    cv.held.filter((h) => h.kind === 'video').map((h) => ({ score: score(h.verdict, weights).score, spam: h.comment.spam })),
  );
  // The tweets and demo traffic every candidate learns from, apart from the extra sources some add.
  const isBase = (h: HeldOut) => h.comment.video === 'sanders' || h.comment.video.startsWith('demo-');
  const ordinary = cv.held.filter((h) => h.kind === 'ordinary' && isBase(h));
  const extra = cv.held.filter((h) => h.kind === 'ordinary' && !isBase(h));
  const flagged = (held: HeldOut[]) => held.filter((h) => score(h.verdict, weights).score >= THRESHOLD).length;
  const probeMax = Math.max(...cv.probes.map((p) => score(p.verdict, weights).score));
  const f = (x: number) => x.toFixed(3);
  const extraFigure = extra.length > 0 ? ` (extra ${flagged(extra)}/${extra.length})` : '';
  return `P ${f(video.precision)} R ${f(video.recall)} F1 ${f(video.f1)} fp ${video.fp} fn ${video.fn} | ordinary flagged ${flagged(ordinary)}/${ordinary.length}${extraFigure} | probe max ${probeMax.toFixed(3)}`;
}

/** Own weights of reasons (spam-reasons.ts) compared on each candidate's held-out verdicts. */
const WEIGHT_CANDIDATES: Readonly<Partial<Record<SpamReasonCode, readonly number[]>>> = {
  free_offer: [0.5, 0.7],
  content_plug: [0, 0.3],
};

function weightSets(): Weights[] {
  let sets: Weights[] = [SPAM_WEIGHTS];
  for (const [code, values] of Object.entries(WEIGHT_CANDIDATES))
    sets = sets.flatMap((set) => (values ?? []).map((value) => ({ ...set, [code]: value })));
  return sets;
}

/**
 * Settings compared, the shipped ones first; each line changes one thing from them. Figures of the
 * run that chose them are in the README ("Data and split").
 */
const CANDIDATES: Array<[string, FeatureConfig, TrainOptions]> = [['shipped', DEFAULT_FEATURES, DEFAULT_TRAINING]];
const features = (change: Partial<FeatureConfig>): FeatureConfig => ({ ...DEFAULT_FEATURES, ...change });
const training = (change: Partial<TrainOptions>): TrainOptions => ({ ...DEFAULT_TRAINING, ...change });
CANDIDATES.push(
  ['2^18 weights and word pairs (the second round)', features({ bits: 18, wordPairs: true }), DEFAULT_TRAINING],
  ['word pairs', features({ wordPairs: true }), DEFAULT_TRAINING],
  ['prior shift -0.75', DEFAULT_FEATURES, training({ biasShift: -0.75 })],
  ['prior shift -1.25', DEFAULT_FEATURES, training({ biasShift: -1.25 })],
  ['all text features counted', features({ normaliseKnown: false }), DEFAULT_TRAINING],
  ['all text features counted, shift -0.75', features({ normaliseKnown: false }), training({ biasShift: -0.75 })],
  ['hashtag shape', features({ hashtagShape: true }), DEFAULT_TRAINING],
  ['hashtag shape, prior shift -1.25', features({ hashtagShape: true }), training({ biasShift: -1.25 })],
  ['2^15 weights', features({ bits: 15 }), DEFAULT_TRAINING],
  ['character 3- and 4-grams', features({ charGrams: [3, 4] }), DEFAULT_TRAINING],
  ['character 4- and 5-grams', features({ charGrams: [4, 5] }), DEFAULT_TRAINING],
  ['character 3-, 4- and 5-grams', features({ charGrams: [3, 4, 5] }), DEFAULT_TRAINING],
  // More ordinary text (ordinary-text-data.ts): review sentences, mailing-list openings.
  ['+ reviews', DEFAULT_FEATURES, training({ extraOrdinary: ['reviews'] })],
  ['+ mail', DEFAULT_FEATURES, training({ extraOrdinary: ['mail'] })],
  ['+ reviews + mail', DEFAULT_FEATURES, training({ extraOrdinary: ['reviews', 'mail'] })],
  ['+ reviews + mail, prior shift -1.5', DEFAULT_FEATURES, training({ extraOrdinary: ['reviews', 'mail'], biasShift: -1.5 })],
  // Earlier rounds' alternatives, each one change from the settings above.
  ['not normalised', features({ normalise: false }), DEFAULT_TRAINING],
  ['no rich shape', features({ richShape: false }), DEFAULT_TRAINING],
  ['l2 1e-5', DEFAULT_FEATURES, training({ l2: 1e-5 })],
  ['l2 1e-4', DEFAULT_FEATURES, training({ l2: 1e-4 })],
  ['300 iterations', DEFAULT_FEATURES, training({ iterations: 300 })],
  ['spam weighs half', DEFAULT_FEATURES, training({ spamWeight: 0.5 })],
);

/** `--only TEXT`: the candidates whose name holds TEXT (and the shipped settings). */
function chosen(): typeof CANDIDATES {
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? (process.argv[at + 1] ?? '') : '';
  return CANDIDATES.filter(([name]) => name === 'shipped' || name.includes(only));
}

/** The prior shifts `--shifts` compares: the quarter-logit grid the shift is chosen on. */
const SHIFTS = [-0.5, -0.75, -1, -1.25, -1.5];

/**
 * One candidate at each prior shift, trained once (a shift moves every model score's logit by the
 * same amount, so it is applied to the scores): the cross-validation, its ordinary texts, the
 * reviewer probes and the training-half brand tweets, as `--tweets` counts them.
 */
function shiftTable(name: string, config: FeatureConfig, options: TrainOptions): string[] {
  const unshifted = { ...options, biasShift: 0 };
  const cv = leaveOneVideoOut(config, unshifted);
  const tweets = readBrandTweets('train');
  const videos = readVideos(TRAIN_VIDEOS);
  const extra = ordinaryComments(unshifted).filter((c) => c.video !== 'sanders');
  const tweetVerdicts = [0, 1].flatMap((fold) => {
    const model = new SpamModel(trainSpamModel([...videos, ...tweets.filter((_, i) => i % 2 !== fold), ...extra], config, unshifted));
    return tweets.filter((_, i) => i % 2 === fold).map((tweet) => readCommentText(tweet, model));
  });
  const at = (verdict: TextSpamVerdict, shift: number) => {
    const logit = Math.log(verdict.modelScore / (1 - verdict.modelScore)) - shift;
    return score({ ...verdict, modelScore: 1 / (1 + Math.exp(-logit)) }, SPAM_WEIGHTS).score;
  };
  return SHIFTS.map((shift) => {
    const video = figuresAt(cv.held.filter((h) => h.kind === 'video').map((h) => ({ score: at(h.verdict, shift), spam: h.comment.spam })));
    const ordinary = cv.held.filter((h) => h.kind === 'ordinary' && at(h.verdict, shift) >= THRESHOLD).length;
    const flaggedTweets = tweetVerdicts.filter((verdict) => at(verdict, shift) >= THRESHOLD).length;
    const probeMax = Math.max(...cv.probes.map((p) => at(p.verdict, shift)));
    const f = (x: number) => x.toFixed(3);
    return `${name.padEnd(40)} shift ${shift.toFixed(2).padStart(5)}  P ${f(video.precision)} R ${f(video.recall)} F1 ${f(video.f1)} fp ${String(video.fp).padStart(2)} fn ${String(video.fn).padStart(2)} | ordinary ${ordinary} | probe max ${probeMax.toFixed(3)} | tweets ${String(flaggedTweets).padStart(2)}/${tweets.length}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--shifts'))
    // A candidate that only moves the shift is a line of the shipped settings' table.
    for (const [name, config, options] of chosen().filter(([, , options]) => options.biasShift === DEFAULT_TRAINING.biasShift))
      for (const line of shiftTable(name, config, options)) console.log(line);
  else if (process.argv.includes('--errors')) {
    const cv = leaveOneVideoOut();
    console.log(summarise(cv));
    for (const p of cv.probes) console.log(`probe ${score(p.verdict, SPAM_WEIGHTS).score.toFixed(3)} ${p.text}`);
    const scored = cv.held.map((h) => ({ ...h, ...score(h.verdict, SPAM_WEIGHTS) }));
    for (const h of scored.filter((x) => x.score >= THRESHOLD !== x.comment.spam).sort((a, b) => a.score - b.score))
      console.log(
        `${h.comment.spam ? 'missed' : 'false flag'} ${h.score.toFixed(2)} [${h.reasons.join(',')}] <${h.comment.author}> ${h.comment.text.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
  } else if (process.argv.includes('--tweets'))
    for (const [name, config, options] of chosen()) {
      const sets = process.argv.includes('--weights') ? weightSets() : [SPAM_WEIGHTS];
      const { flagged, of } = tweetFalseFlags(config, options, sets);
      sets.forEach((weights, k) => {
        const changed = Object.entries(weights).filter(([code, w]) => SPAM_WEIGHTS[code as SpamReasonCode] !== w);
        console.log(
          `${name.padEnd(40)} ${JSON.stringify(Object.fromEntries(changed)).padEnd(50)} training-half brand tweets flagged ${flagged[k]}/${of}`,
        );
      });
    }
  else
    for (const [name, config, options] of chosen()) {
      const cv = leaveOneVideoOut(config, options);
      for (const weights of process.argv.includes('--weights') ? weightSets() : [SPAM_WEIGHTS]) {
        const changed = Object.entries(weights).filter(([code, w]) => SPAM_WEIGHTS[code as SpamReasonCode] !== w);
        console.log(`${name.padEnd(40)} ${JSON.stringify(Object.fromEntries(changed)).padEnd(70)} ${summarise(cv, weights)}`);
      }
    }
}
