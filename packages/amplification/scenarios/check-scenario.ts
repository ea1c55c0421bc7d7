// The suite checks itself before it judges the engine: a question nobody planted that goes
// unanswered, an unplanted big account, an ordinary post with engagement near a bar, or an event
// pointing at a mention that does not exist would make a "false alarm" the suite's fault. Read
// from the rules in the issue, not from the engine.
import type { Brand, ScoredMention } from '@sl/contracts';
import { MENTION_KINDS, type Scenario, WINDOW_KINDS } from './scenario.ts';

const MINUTE = 60_000;

function ownAccount(brand: Brand, m: ScoredMention): boolean {
  return brand.handles.some((h) => h === m.author.handle || h === `${m.source}:${m.author.handle}`);
}

function namesBrand(brand: Brand, sentence: string): boolean {
  const lowered = sentence.toLowerCase();
  if (lowered.includes(brand.name.toLowerCase())) return true;
  return brand.handles.some((h) => lowered.includes(`@${(h.split(':').pop() ?? h).toLowerCase()}`));
}

/** A question put to the brand: a sentence with '?' naming it, or any '?' in a reply to the brand's own post. */
export function isQuestionToBrand(brand: Brand, m: ScoredMention, parent: ScoredMention | undefined): boolean {
  if (!m.text.includes('?') || ownAccount(brand, m) || m.spamScore >= brand.spamThreshold) return false;
  if (parent && ownAccount(brand, parent)) return true;
  return m.text.split(/(?<=[.!?])\s+/).some((sentence) => sentence.includes('?') && namesBrand(brand, sentence));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function numberThreshold(brand: Brand, name: string, fallback: number): number {
  const value = (brand.alertThresholds as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : fallback;
}

/** Everything wrong with the scenario itself; empty when it is fit to judge an engine with. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const byId = new Map<string, ScoredMention>();
  const bySourceId = new Map<string, ScoredMention>();
  const replies = new Map<string, ScoredMention[]>();
  const brands = new Map(scenario.brands.map((b) => [b.id, b]));
  for (const m of scenario.mentions) {
    if (byId.has(m.id)) problems.push(`${m.id}: id used twice`);
    byId.set(m.id, m);
    bySourceId.set(`${m.brandId}|${m.source}:${m.sourceId}`, m);
    if (!brands.has(m.brandId)) problems.push(`${m.id}: unknown brand ${m.brandId}`);
    if (m.id !== `${m.source}:${m.sourceId}`) problems.push(`${m.id}: id is not <source>:<sourceId>`);
  }
  for (let i = 1; i < scenario.mentions.length; i++) {
    if ((scenario.mentions[i] as ScoredMention).publishedAt < (scenario.mentions[i - 1] as ScoredMention).publishedAt) {
      problems.push('mentions are not sorted by publishedAt');
      break;
    }
  }
  const parentOf = (m: ScoredMention) => (m.parentId === null ? undefined : bySourceId.get(`${m.brandId}|${m.source}:${m.parentId}`));
  for (const m of scenario.mentions) {
    if (m.parentId === null) continue;
    const parent = parentOf(m);
    if (!parent) problems.push(`${m.id}: parent ${m.source}:${m.parentId} missing`);
    else replies.set(parent.id, [...(replies.get(parent.id) ?? []), m]);
    if (m.isDuplicate) {
      const original = m.duplicateOf === null ? undefined : byId.get(m.duplicateOf);
      if (!original || original.publishedAt > m.publishedAt || original.isDuplicate)
        problems.push(`${m.id}: duplicateOf ${m.duplicateOf} is not an earlier original`);
    }
  }

  const eventMentions = new Set<string>();
  for (const e of scenario.events) {
    if (!brands.has(e.brandId)) problems.push(`event ${e.kind} at ${e.at}: unknown brand`);
    if (WINDOW_KINDS.includes(e.kind) && (e.windowStart === undefined || e.windowEnd === undefined || e.windowEnd <= e.windowStart))
      problems.push(`event ${e.kind} at ${e.at}: no window`);
    if (MENTION_KINDS.includes(e.kind)) {
      if (!e.mentionIds || e.mentionIds.length === 0) problems.push(`event ${e.kind} at ${e.at}: no mention`);
      for (const id of e.mentionIds ?? []) {
        if (!byId.has(id)) problems.push(`event ${e.kind}: mention ${id} missing`);
        eventMentions.add(id);
      }
    }
  }

  for (const brand of scenario.brands) {
    const t = brand.alertThresholds;
    const own = scenario.mentions.filter((m) => m.brandId === brand.id);
    const posts = own.filter((m) => m.parentId === null && !ownAccount(brand, m) && m.spamScore < brand.spamThreshold);
    const engagementOf = (m: ScoredMention) =>
      m.engagement.likes + m.engagement.shares + Math.max(m.engagement.replies, replies.get(m.id)?.length ?? 0);
    const typical = median(posts.map(engagementOf));
    const tractionBar = Math.max(t.tractionEngagement, numberThreshold(brand, 'tractionBaselineMultiple', 4) * typical);
    const viralBar = Math.max(t.viralEngagement, numberThreshold(brand, 'viralBaselineMultiple', 10) * typical);
    const listed = new Set(brand.influencers.map((i) => i.handle));
    const lastAt = own.reduce((a, m) => Math.max(a, m.publishedAt), 0);
    for (const m of own) {
      if (eventMentions.has(m.id)) continue;
      if ((m.author.followers ?? 0) >= t.influentialFollowers || listed.has(m.author.handle))
        problems.push(`${m.id}: unplanted influential author @${m.author.handle}`);
      const engagement = engagementOf(m);
      if (
        m.parentId === null &&
        !ownAccount(brand, m) &&
        (engagement >= 0.8 * viralBar || (m.sentiment.compound >= 0.3 && engagement >= 0.8 * tractionBar))
      ) {
        problems.push(`${m.id}: ordinary post with engagement ${engagement} (typical ${typical}, bars ${tractionBar} / ${viralBar})`);
      }
      if (isQuestionToBrand(brand, m, parentOf(m))) {
        const answered = (replies.get(m.id) ?? []).some(
          (r) => ownAccount(brand, r) && r.publishedAt >= m.publishedAt && r.publishedAt - m.publishedAt <= t.questionReplyMinutes * MINUTE,
        );
        if (!answered) problems.push(`${m.id}: unplanted question nobody answers: ${m.text}`);
      }
    }
    for (const e of scenario.events.filter((x) => x.brandId === brand.id && x.kind === 'unanswered_question')) {
      if (lastAt < e.at + 2 * t.questionReplyMinutes * MINUTE)
        problems.push(`question at ${new Date(e.at).toISOString()}: no later traffic to move event time past its deadline`);
      for (const id of e.mentionIds ?? []) {
        const q = byId.get(id);
        if (q && !isQuestionToBrand(brand, q, parentOf(q)))
          problems.push(`${id}: planted question is not a question to the brand: ${q.text}`);
        if (!q) continue;
        const due = q.publishedAt + t.questionReplyMinutes * MINUTE;
        const inTime = (replies.get(id) ?? []).some((r) => ownAccount(brand, r) && r.publishedAt <= due);
        // The brand naming the asker counts as an answer too (a reply written as a new post).
        const asker = `@${q.author.handle.toLowerCase()}`;
        const named = own.some(
          (r) => ownAccount(brand, r) && r.publishedAt >= q.publishedAt && r.publishedAt <= due && r.text.toLowerCase().includes(asker),
        );
        if (inTime || named) problems.push(`${id}: planted unanswered question is answered in time`);
      }
    }
  }
  return problems;
}
