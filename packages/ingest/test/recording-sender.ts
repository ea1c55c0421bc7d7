// A BatchingSender that keeps what the server hands it, for tests that need no broker.
import type { BatchingSender, EncodedMessage } from '@sl/kafka';

export function recordingSender(): { sender: BatchingSender; sent: EncodedMessage[] } {
  const sent: EncodedMessage[] = [];
  const sender: BatchingSender = {
    queued: 0,
    async send(_topic, messages) {
      sent.push(...messages);
    },
    async flush() {},
  };
  return { sender, sent };
}
