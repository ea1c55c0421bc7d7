// Measures the spam scorer on data nobody here wrote, next to its peers, in one run:
// - the UCI YouTube Spam Collection (../shared/data/youtube-spam): the settings and rules were
//   chosen on the Psy and Katy Perry videos (train: the shipped model, in-sample; cv: each training
//   video scored by a model trained on the other, as the settings were chosen). LMFAO (test) was
//   never tuned on; the shipped model learnt from it too, once the settings were fixed, so its test
//   row is scored by a model trained here the same way without LMFAO. lovo-3: each of the three
//   videos scored by a model trained on the other two (only the LMFAO fold is untuned);
// - the scorer as it was before (legacy-spam-score.ts), the keyword rule of the project's FACTS
//   ("link, www., .com, check out/my, subscribe, channel, follow me, free, click, visit") and a
//   naive Bayes text classifier from npm trained on the same comments (naive-bayes-peer.ts);
// - false flags on ordinary brand talk: the Sanders tweets about Apple and Google (no spam in
//   them; the model saw one half as ordinary talk, the other half is reported apart) and the
//   generator's demo traffic, seed 7 (the model saw a sample of seed 1: same templates, so this
//   figure is optimistic), whose spam accounts are known by their handles;
// - the scorer's throughput on one core, per second of CPU time (this machine is shared: wall
//   time would measure the neighbours) and per wall second.
// All verdicts at the brands' default spam threshold. Run: npm run bench:spam
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_SPAM_THRESHOLD } from '@sl/brands';
import { createGenerator } from '@sl/generator';
import { readBrandTweets } from '../scripts/brand-tweets-data.ts';
import { DEMO_SPAM_ACCOUNT } from '../scripts/demo-texts-data.ts';
import { figuresAt, leaveOneVideoOut, REVIEW_PROBES } from '../scripts/spam-cross-validation.ts';
import { trainingComments, trainSpamModel } from '../scripts/train-spam-model.ts';
import { type LabelledComment, readVideos, SHIPPED_VIDEOS, TEST_VIDEOS, TRAIN_VIDEOS, VIDEOS } from '../scripts/youtube-spam-data.ts';
import { scoreComment } from '../src/spam/score-comment.ts';
import { SpamModel } from '../src/spam/spam-model.ts';
import { combineSpamSignals } from '../src/spam/spam-score.ts';
import { legacySpamScore } from './legacy-spam-score.ts';
import { NAIVE_BAYES_VERSION, trainNaiveBayes } from './naive-bayes-peer.ts';

const THRESHOLD = DEFAULT_SPAM_THRESHOLD;
const KEYWORDS = /https?:\/\/|www\.|\.com|check (?:out|my)|subscribe|channel|follow me|free|click|visit/i;

interface Scorer {
  name: string;
  spam(text: string, author: string | null): boolean;
  /** For the test rows, when the scorer learnt from the test video: the same training without it. */
  testSpam?(text: string, author: string | null): boolean;
}

// The shipped model's training without the test video: what the test row measures.
const withoutTest = new SpamModel(trainSpamModel(trainingComments(TRAIN_VIDEOS)));
// The naive Bayes peer learns from the same comments as the model, each time.
const bayes = trainNaiveBayes(trainingComments(SHIPPED_VIDEOS));
const bayesWithoutTest = trainNaiveBayes(trainingComments(TRAIN_VIDEOS));

const scorers: Scorer[] = [
  {
    name: 'new: model + reasons',
    spam: (text, author) => scoreComment({ text, author }).score >= THRESHOLD,
    testSpam: (text, author) => scoreComment({ text, author }, withoutTest).score >= THRESHOLD,
  },
  { name: 'before: rules (bdbcb23)', spam: (text) => legacySpamScore(text) >= THRESHOLD },
  { name: 'keyword rule (FACTS)', spam: (text) => KEYWORDS.test(text) },
  { name: `wink naive Bayes ${NAIVE_BAYES_VERSION}`, spam: (text) => bayes(text), testSpam: (text) => bayesWithoutTest(text) },
];

/** What the issue asks of the new scorer, checked at the end of the run with the figures above. */
const TARGET = { f1: 0.95, precision: 0.97, sandersHeldOutShare: 0.01, perCpuSecond: 100_000 };
const measured: { test?: { precision: number; f1: number }; lovo?: { precision: number; f1: number }; sanders?: number; perCpu?: number } = {};

function figures(scorer: Scorer, comments: readonly LabelledComment[], record?: (f: { precision: number; f1: number }) => void): string {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const c of comments) {
    const flagged = scorer.spam(c.text, c.author);
    if (flagged && c.spam) tp++;
    else if (flagged) fp++;
    else if (c.spam) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = (tp + tn) / comments.length;
  record?.({ precision, f1 });
  return `${[precision, recall, f1, accuracy].map((x) => x.toFixed(3).padStart(9)).join('')}   tp ${tp} fp ${fp} fn ${fn} tn ${tn}`;
}

const train = readVideos(TRAIN_VIDEOS);
const test = readVideos(TEST_VIDEOS);
console.log(`spam at score >= ${THRESHOLD} (DEFAULT_SPAM_THRESHOLD of @sl/brands)`);
console.log(
  `train = ${TRAIN_VIDEOS.join(' + ')} (${train.length} comments, ${train.filter((c) => c.spam).length} spam): settings chosen here; the shipped model, in-sample`,
);
console.log(
  `test  = ${TEST_VIDEOS.join(' + ')} (${test.length} comments, ${test.filter((c) => c.spam).length} spam): never tuned on; the new scorer's row by a model trained without it\n`,
);
console.log(
  `${'scorer'.padEnd(26)}${'split'.padEnd(7)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'F1'.padStart(9)}${'accuracy'.padStart(9)}`,
);
for (const scorer of scorers) {
  for (const [split, comments] of [
    ['train', train],
    ['test', test],
  ] as const) {
    const measuredScorer = split === 'test' && scorer.testSpam ? { name: scorer.name, spam: scorer.testSpam } : scorer;
    const record = scorer === scorers[0] && split === 'test' ? (f: { precision: number; f1: number }) => (measured.test = f) : undefined;
    console.log(`${scorer.name.padEnd(26)}${split.padEnd(7)}${figures(measuredScorer, comments, record)}`);
  }
}
// The shipped settings, each training video scored by a model trained on the other (and on half
// of the ordinary texts): what the settings were chosen by, and what "a video it has not seen"
// looks like without the test video.
for (const [split, videos, note] of [
  ['cv', TRAIN_VIDEOS, 'leave one training video out: the settings were chosen by this'],
  ['lovo-3', VIDEOS, 'each video by a model trained on the other two'],
] as const) {
  const cv = leaveOneVideoOut(undefined, undefined, videos);
  const cvScores = cv.held
    .filter((h) => h.kind === 'video')
    .map((h) => ({ score: combineSpamSignals(h.verdict, new Map()).score, spam: h.comment.spam }));
  const f = figuresAt(cvScores, THRESHOLD);
  if (split === 'lovo-3') measured.lovo = f;
  console.log(
    `${'new: model + reasons'.padEnd(26)}${split.padEnd(7)}${[f.precision, f.recall, f.f1, (f.tp + f.tn) / cvScores.length].map((x) => x.toFixed(3).padStart(9)).join('')}   tp ${f.tp} fp ${f.fp} fn ${f.fn} tn ${f.tn}   (${note})`,
  );
}

// False flags on ordinary talk about brands.
console.log('\nshare flagged on texts that are not spam (a false flag hides a customer):');
const tweetHalves = [
  ['Sanders tweets, held-out half', readBrandTweets('test')],
  ['Sanders tweets, all', readBrandTweets('all')],
] as const;
const generator = createGenerator({ seed: 7 });
const start = Date.UTC(2025, 0, 6);
const generated = generator.history(start, start + 2 * 3_600_000);
const isSpamAccount = (handle: string) => DEMO_SPAM_ACCOUNT.test(handle);
const ordinary = generated.filter((m) => !isSpamAccount(m.author.handle));
const generatedSpam = generated.filter((m) => isSpamAccount(m.author.handle));
const share = (flagged: number, total: number) => `${flagged}/${total} (${((100 * flagged) / Math.max(total, 1)).toFixed(2)}%)`;
for (const scorer of scorers) {
  if (scorer === scorers[0]) {
    const heldOut = tweetHalves[0][1];
    measured.sanders = heldOut.filter((t) => scorer.spam(t.text, null)).length / heldOut.length;
  }
  const tweetFigures = tweetHalves.map(
    ([name, tweets]) => `${name} ${share(tweets.filter((t) => scorer.spam(t.text, null)).length, tweets.length)}`,
  );
  const flaggedOrdinary = ordinary.filter((m) => scorer.spam(m.text, m.author.name ?? m.author.handle)).length;
  const caught = generatedSpam.filter((m) => scorer.spam(m.text, m.author.name ?? m.author.handle)).length;
  console.log(`${scorer.name.padEnd(26)} ${tweetFigures.join('   ')}`);
  console.log(
    `${''.padEnd(26)} generator ordinary ${share(flaggedOrdinary, ordinary.length)}   generator spam caught ${share(caught, generatedSpam.length)}`,
  );
}
const probe = scoreComment({ text: REVIEW_PROBES[0] ?? '', author: 'famous17' });
console.log(`\nthe chaos test's reviewer probe ("${REVIEW_PROBES[0]}"): score ${probe.score} [${probe.reasons.join(', ')}]`);
const newScorer = scorers[0] as Scorer;
const examples = readBrandTweets('all')
  .filter((t) => newScorer.spam(t.text, null))
  .slice(0, 5);
for (const t of examples) console.log(`  flagged tweet: ${t.text.replace(/\s+/g, ' ').slice(0, 120)}`);

// Throughput on one core: every comment of both splits, over and over, for about two seconds.
const all = [...train, ...test].map((c) => ({ text: c.text, author: c.author }));
function throughput(score: (c: { text: string; author: string }) => number, record?: (perCpu: number) => void): string {
  for (const c of all) score(c);
  let n = 0;
  let sink = 0;
  const cpu = process.cpuUsage();
  const began = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2e9) {
    for (const c of all) sink += score(c);
    n += all.length;
    elapsed = Number(process.hrtime.bigint() - began);
  }
  const used = process.cpuUsage(cpu);
  if (sink < 0) console.log(sink);
  const perCpu = n / ((used.user + used.system) / 1e6);
  record?.(perCpu);
  return `${Math.round(perCpu).toLocaleString('en-US')} comments per CPU second (${Math.round(n / (elapsed / 1e9)).toLocaleString('en-US')} per wall second)`;
}
// Per CPU second is what one core gives when it is ours; on a shared machine the neighbours still
// take caches and memory bandwidth, so the load average is printed with it.
console.log(
  `\nthroughput, one core, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores, YouTube comments (mean ${Math.round(all.reduce((s, c) => s + c.text.length, 0) / all.length)} chars):`,
);
console.log(`  new: model + reasons     ${throughput((c) => scoreComment(c).score, (perCpu) => (measured.perCpu = perCpu))}`);
console.log(`  before: rules (bdbcb23)  ${throughput((c) => legacySpamScore(c.text))}`);
console.log(`  wink naive Bayes         ${throughput((c) => (bayes(c.text) ? 1 : 0))}`);

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const f3 = (x: number | undefined) => (x ?? Number.NaN).toFixed(3);
console.log('\ntargets (issue 15) for the new scorer:');
console.log(
  `  test video F1 ${f3(measured.test?.f1)} >= ${TARGET.f1}: ${verdict((measured.test?.f1 ?? 0) >= TARGET.f1)}; precision ${f3(measured.test?.precision)} >= ${TARGET.precision}: ${verdict((measured.test?.precision ?? 0) >= TARGET.precision)}`,
);
console.log(
  `  lovo-3 F1 ${f3(measured.lovo?.f1)} >= ${TARGET.f1}: ${verdict((measured.lovo?.f1 ?? 0) >= TARGET.f1)}; precision ${f3(measured.lovo?.precision)} >= ${TARGET.precision}: ${verdict((measured.lovo?.precision ?? 0) >= TARGET.precision)}`,
);
console.log(
  `  held-out Sanders tweets flagged ${((measured.sanders ?? 1) * 100).toFixed(2)}% <= ${TARGET.sandersHeldOutShare * 100}%: ${verdict((measured.sanders ?? 1) <= TARGET.sandersHeldOutShare)}`,
);
console.log(
  `  ${Math.round(measured.perCpu ?? 0).toLocaleString('en-US')} comments per CPU second >= ${TARGET.perCpuSecond.toLocaleString('en-US')}: ${verdict((measured.perCpu ?? 0) >= TARGET.perCpuSecond)}`,
);
