import { describe, expect, it } from 'vitest';
import { chunkTopicMessages, topicRequests } from '../src/request-chunks.ts';

const message = (n: number, bytes: number) => ({ key: `k${n}`, value: Buffer.alloc(bytes) });

describe('chunkTopicMessages', () => {
  it('keeps every request under the limit, in order, topic by topic', () => {
    const requests = chunkTopicMessages(
      [
        { topic: 'a', messages: Array.from({ length: 10 }, (_, n) => message(n, 100)) },
        { topic: 'b', messages: Array.from({ length: 5 }, (_, n) => message(n, 100)) },
      ],
      500,
    );
    expect(requests.map((r) => r.map((t) => `${t.topic}:${t.messages.map((m) => m.key).join(',')}`))).toEqual([
      ['a:k0,k1,k2'],
      ['a:k3,k4,k5'],
      ['a:k6,k7,k8'],
      ['a:k9', 'b:k0,k1'],
      ['b:k2,k3,k4'],
    ]);
  });

  it('sends a message larger than the limit alone, and nothing for nothing', () => {
    const requests = chunkTopicMessages([{ topic: 'snapshots', messages: [message(1, 10), message(2, 5_000), message(3, 10)] }], 1_000);
    expect(requests.map((r) => r[0]?.messages.map((m) => m.key))).toEqual([['k1'], ['k2'], ['k3']]);
    expect(chunkTopicMessages([{ topic: 'a', messages: [] }])).toEqual([]);
  });

  it('draws a lazy source only as far as the request being made', () => {
    let made = 0;
    function* lazy() {
      for (let n = 0; n < 6; n++) {
        made += 1;
        yield message(n, 100);
      }
    }
    const requests = topicRequests([{ topic: 'snapshots', messages: lazy() }], 500);
    expect(made).toBe(0);
    // The first request holds three messages; the fourth, drawn to find that out, starts the next.
    const first = requests.next();
    expect(first.done ? [] : first.value.map((t) => t.messages.map((m) => m.key))).toEqual([['k0', 'k1', 'k2']]);
    expect(made).toBe(4);
    expect([...requests].map((r) => r.map((t) => t.messages.map((m) => m.key)))).toEqual([[['k3', 'k4', 'k5']]]);
    expect(made).toBe(6);
  });
});
