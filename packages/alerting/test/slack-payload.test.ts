import { describe, expect, it } from 'vitest';
import { escapeSlack, slackPayload } from '../src/slack-payload.ts';
import { alertFixture } from './alert-fixture.ts';

describe('escapeSlack', () => {
  it('escapes &, < and > (and nothing else) and turns control codes other than newline into spaces', () => {
    expect(escapeSlack('a & b <!channel> <https://x|y> "q" \'s\'')).toBe('a &amp; b &lt;!channel&gt; &lt;https://x|y&gt; "q" \'s\'');
    expect(escapeSlack('line\none\u0007\u001b[31mred')).toBe('line\none [31mred');
  });
});

describe('slack payload', () => {
  it('shows kind, severity, brand, window in UTC, observed vs expected, explanation and samples', () => {
    const message = slackPayload(alertFixture(), { brandName: 'Acme Coffee' });
    expect(message).toEqual({
      text: '[WARNING] negative_surge for Acme Coffee (acme): 62% of 48 mentions in 12:10–12:15 UTC were negative; the threshold is 40%.',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'WARNING · negative_surge · acme' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Kind*\nnegative_surge' },
            { type: 'mrkdwn', text: '*Severity*\n:warning: warning' },
            { type: 'mrkdwn', text: '*Brand*\nAcme Coffee (acme)' },
            { type: 'mrkdwn', text: '*Window (UTC)*\n2024-05-01 12:10 – 12:15' },
            { type: 'mrkdwn', text: '*Observed*\n30 negative' },
            { type: 'mrkdwn', text: '*Expected*\nusual 8.6' },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: '62% of 48 mentions in 12:10–12:15 UTC were negative; the threshold is 40%.' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Sample mentions*\n>Acme decaf arrived stale again.\n>Third time my Acme order is late.' },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'alert acme:negative_surge:1714565400000' }] },
      ],
    });
  });

  it('marks a historical alert (sent when the brand pages history) in the header and the fallback text', () => {
    const message = slackPayload(alertFixture({ historical: true }), { brandName: 'Acme Coffee' });
    expect(message.text).toBe(
      '[WARNING · history] negative_surge for Acme Coffee (acme): 62% of 48 mentions in 12:10–12:15 UTC were negative; the threshold is 40%.',
    );
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'WARNING · negative_surge · acme · history' } });
  });

  it('escapes user text everywhere it appears, shows at most 3 samples, and links only http(s) URLs', () => {
    const message = slackPayload(
      alertFixture({
        kind: 'influential_voice',
        severity: 'critical',
        observed: 83,
        expected: 60,
        windowStart: Date.UTC(2024, 4, 1, 23, 58),
        windowEnd: Date.UTC(2024, 4, 1, 23, 58),
        explanation: 'Ping <!channel> & <@U123>',
        sampleTexts: ['one <b>', 'two\n\nlines', '   ', 'three', 'four'],
        author: 'mastodon:<alice>',
        url: 'https://m.example/@alice/1?a=1&b=<2>|x',
      }),
      { brandName: 'A&B <Co>' },
    );
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/<!channel>|<@U123>|<b>|<alice>|<Co>/);
    expect(message.text).toBe('[CRITICAL] influential_voice for A&amp;B &lt;Co&gt; (acme): Ping &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(message.blocks[1]).toMatchObject({
      fields: [
        { text: '*Kind*\ninfluential_voice' },
        { text: '*Severity*\n:red_circle: critical' },
        { text: '*Brand*\nA&amp;B &lt;Co&gt; (acme)' },
        { text: '*Window (UTC)*\nat 2024-05-01 23:58' },
        { text: '*Observed*\ninfluence 83' },
        { text: '*Expected*\nmin 60' },
      ],
    });
    expect(message.blocks[3]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Sample mentions*\n>one &lt;b&gt;\n>two lines\n>three' },
    });
    expect(message.blocks[4]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'by mastodon:&lt;alice&gt;  <https://m.example/@alice/1?a=1&amp;b=%3C2%3E%7Cx|Open the post>' },
    });
    const notLinked = slackPayload(alertFixture({ url: 'javascript:alert(1)' }));
    expect(JSON.stringify(notLinked)).not.toContain('javascript');
  });

  it('keeps within Slack limits without cutting an escape in half', () => {
    const message = slackPayload(alertFixture({ explanation: '&'.repeat(5_000), sampleTexts: ['x'.repeat(1_000)] }));
    const explanation = message.blocks[2]?.type === 'section' ? (message.blocks[2].text?.text ?? '') : '';
    expect(explanation.length).toBeLessThanOrEqual(3_000);
    expect(explanation).toMatch(/^(&amp;)+…$/);
    const sample = message.blocks[3]?.type === 'section' ? (message.blocks[3].text?.text ?? '') : '';
    expect(sample).toBe(`*Sample mentions*\n>${'x'.repeat(299)}…`);
  });
});
