// A blog with comment threads, served locally, through the connector runner and the enricher
// (both as real processes, real broker): every post and comment arrives once, threads can be
// rebuilt from parentId, brand matches follow the queries, comments join the conversation of the
// brands their post is about (whichever partition was read first), and the copied comment and
// the link-selling one are flagged with reasons.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FixtureServer, startFixtureServer } from '@sl/connector-sdk/conformance';
import { type EnrichedMention, enrichedMentionContract, type RawMention, rawMentionContract } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  renamed,
} from '@sl/kafka';
import { brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { countCommitted } from '../support/committed-reader.ts';
import { killAll } from '../support/fault-schedule.ts';
import { type ServiceProcess, spawnService } from '../support/service-process.ts';

const blog = 'https://gadgets.example';
const item = (guid: string, link: string, title: string, author: string, date: string, html: string) =>
  `<item><title>${title}</title><link>${link}</link><dc:creator><![CDATA[${author}]]></dc:creator><pubDate>${date}</pubDate>` +
  `<guid isPermaLink="false">${guid}</guid><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
const rss = (title: string, items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${title}</title><link>${blog}</link><language>en-US</language>${items.join('')}</channel></rss>`;

const posts = rss('Gadget Diaries', [
  item(`${blog}/?p=201`, `${blog}/acme-skates/`, 'Acme Rocket Skates, three months on', 'Wile E.', 'Mon, 24 Nov 2025 09:00:00 +0000', '<p>Our Acme rocket skates still work great after three months of daily desert commutes.</p>'),
  item(`${blog}/?p=202`, `${blog}/why-acme/`, 'Why I switched from Globex to Acme', 'Wile E.', 'Tue, 25 Nov 2025 09:00:00 +0000', '<p>After two years with Globex routers I switched and the difference is night and day.</p>'),
  item(`${blog}/?p=203`, `${blog}/quiet-week/`, 'A quiet week', 'Wile E.', 'Wed, 26 Nov 2025 09:00:00 +0000', '<p>Nothing bought this week, just reading in the garden.</p>'),
]);
const original = 'Same here, my skates went through a wall last week but they still roll perfectly fine on sand';
const comments = rss('Comments for Gadget Diaries', [
  item(`${blog}/?p=201#comment-1`, `${blog}/acme-skates/#comment-1`, 'Comment on Acme Rocket Skates, three months on by Coyote Fan', 'Coyote Fan', 'Mon, 24 Nov 2025 10:00:00 +0000', `<p>${original}</p>`),
  item(`${blog}/?p=201#comment-2`, `${blog}/acme-skates/#comment-2`, 'Comment on Acme Rocket Skates, three months on by cheap-likes', 'cheap-likes', 'Mon, 24 Nov 2025 10:05:00 +0000', '<p>Buy 1000 followers cheap at <a href="http://spam.example">http://spam.example</a> today!!!</p>'),
  item(`${blog}/?p=202#comment-3`, `${blog}/why-acme/#comment-3`, 'Comment on Why I switched from Globex to Acme by Bugs', 'Bugs', 'Tue, 25 Nov 2025 10:00:00 +0000', '<p>Globex support never answered my emails either.</p>'),
  item(`${blog}/?p=201#comment-4`, `${blog}/acme-skates/#comment-4`, 'Comment on Acme Rocket Skates, three months on by Copycat', 'Copycat', 'Mon, 24 Nov 2025 11:00:00 +0000', `<p>${original}, amazing stuff</p>`),
]);
const replies = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>Comments on Why I switched</title><id>${blog}/why-acme/comments/atom/</id><updated>2025-11-25T12:00:00Z</updated>
<entry><id>${blog}/?p=202#comment-5</id><title>By: Daffy</title><link rel="alternate" href="${blog}/why-acme/#comment-5"/><author><name>Daffy</name></author>
<published>2025-11-25T11:00:00Z</published><thr:in-reply-to ref="${blog}/?p=202#comment-3"/><content type="html">&lt;p&gt;Agreed, Globex lost me too.&lt;/p&gt;</content></entry>
</feed>`;


const id = (guid: string) => `rss:${blog}/?${guid}`;
let server: FixtureServer;
const processes: ServiceProcess[] = [];
beforeAll(async () => {
  server = await startFixtureServer(({ url }) => {
    const bodies: Record<string, [string, string]> = {
      '/feed/': ['application/rss+xml', posts],
      '/comments/feed/': ['application/rss+xml', comments],
      '/why-acme/comments/atom/': ['application/atom+xml', replies],
    };
    const found = bodies[url.pathname];
    return found ? { headers: { 'content-type': found[0] }, body: found[1] } : { status: 404, body: 'not found' };
  });
});
afterAll(async () => {
  killAll(processes);
  await server?.close();
});

it('posts and comments arrive once, threads rebuild, matches follow the queries, copies and link-selling are flagged', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('blog')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'blog-e2e', logger: testLogger() });
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  await ensureTopics(kafka, [brandsTopic, renamed(mentionsRawTopic, `${namespace}mentions.raw`), renamed(mentionsEnrichedTopic, `${namespace}mentions.enriched`)]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(brandsTopic, ['acme', 'globex'].map((b) => ({ key: b, value: brandFixture(b) })));
  await producer.disconnect();

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-blog-'));
  const file = path.join(folder, 'connectors.yaml');
  fs.writeFileSync(
    file,
    ['connectors:', '  - name: gadget-diaries', '    kind: rss', '    pollIntervalSeconds: 3600', '    config:', `      feeds: ["${server.url}/feed/", "${server.url}/comments/feed/", "${server.url}/why-acme/comments/atom/"]`].join('\n'),
  );
  const env = { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace, SL_OPS_PORT: '0', LOG_LEVEL: 'warn' };
  processes.push(spawnService('enricher', { ...env, SL_GROUP_ID: uniqueName('enricher'), SL_TRANSACTIONAL_ID_PREFIX: uniqueName('enricher') }));
  processes.push(spawnService('connector-runner', { ...env, SL_CONNECTORS_FILE: file }));

  const raw: RawMention[] = [];
  const rawCounts = await countCommitted(kafka, `${namespace}mentions.raw`, (bytes) => {
    const mention = rawMentionContract.decode(bytes);
    raw.push(mention);
    return mention.id;
  }, 8, { timeoutMs: 60_000, settleMs: 2_000 });
  const everyId = ['p=201', 'p=202', 'p=203', 'p=201#comment-1', 'p=201#comment-2', 'p=202#comment-3', 'p=201#comment-4', 'p=202#comment-5'].map(id).sort();
  expect([...rawCounts.keys()].sort()).toEqual(everyId);
  expect([...rawCounts.values()].every((n) => n === 1)).toBe(true);

  // Threads: each comment points at its post (or, for the Atom reply, at the comment it answers).
  const parents = Object.fromEntries(raw.map((m) => [m.id, m.parentId]));
  expect(parents).toEqual({
    [id('p=201')]: null,
    [id('p=202')]: null,
    [id('p=203')]: null,
    [id('p=201#comment-1')]: `${blog}/?p=201`,
    [id('p=201#comment-2')]: `${blog}/?p=201`,
    [id('p=202#comment-3')]: `${blog}/?p=202`,
    [id('p=201#comment-4')]: `${blog}/?p=201`,
    [id('p=202#comment-5')]: `${blog}/?p=202#comment-3`,
  });

  const enriched = new Map<string, EnrichedMention>();
  // The comments' feed titles ("Comment on Acme Rocket Skates… by Coyote Fan") name no brand any
  // more: a comment that does not name one is a thread reply of its post's brands.
  const expectedMatches = [
    'p=201|acme|mention',
    'p=202|acme|mention',
    'p=202|globex|mention',
    'p=201#comment-1|acme|thread_reply',
    'p=201#comment-2|acme|thread_reply',
    'p=202#comment-3|acme|thread_reply',
    'p=202#comment-3|globex|mention',
    'p=201#comment-4|acme|thread_reply',
    'p=202#comment-5|acme|thread_reply',
    'p=202#comment-5|globex|mention',
  ].map((k) => `${id(k.split('|')[0] ?? '')}|${k.split('|')[1]}|${k.split('|')[2]}`);
  const counts = await countCommitted(kafka, `${namespace}mentions.enriched`, (bytes) => {
    const m = enrichedMentionContract.decode(bytes);
    enriched.set(`${m.id}|${m.brandId}`, m);
    return `${m.id}|${m.brandId}|${m.role}`;
  }, expectedMatches.length, { timeoutMs: 60_000, settleMs: 2_000 });
  expect([...counts.keys()].sort()).toEqual([...expectedMatches].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);

  // The comment and its copy sit on different partitions (keys are mention ids), so either may be
  // read first; whichever comes second is marked, pointing at the other.
  const pair = [id('p=201#comment-1'), id('p=201#comment-4')].map((mentionId) => enriched.get(`${mentionId}|acme`));
  const verdicts = pair.map((m) => ({ id: m?.id, isDuplicate: m?.isDuplicate, duplicateOf: m?.duplicateOf }));
  expect(verdicts.filter((v) => v.isDuplicate)).toHaveLength(1);
  const [marked, original] = verdicts[0]?.isDuplicate ? [verdicts[0], verdicts[1]] : [verdicts[1], verdicts[0]];
  expect(marked?.duplicateOf).toBe(original?.id);
  expect(original?.duplicateOf).toBeNull();
  const seller = enriched.get(`${id('p=201#comment-2')}|acme`);
  expect(seller?.spamReasons).toContain('link_selling');
  expect(seller?.spamScore).toBeGreaterThanOrEqual(0.7);
  expect(enriched.get(`${id('p=201')}|acme`)?.spamScore).toBeLessThan(0.7);
  expect(enriched.get(`${id('p=201')}|acme`)?.detectedLang).toBe('en');
  // Every record of the thread under p=202 goes back to it, the Atom reply to a comment included.
  expect(enriched.get(`${id('p=202#comment-5')}|acme`)?.threadId).toBe(id('p=202'));
  fs.rmSync(folder, { recursive: true, force: true });
}, 150_000);
