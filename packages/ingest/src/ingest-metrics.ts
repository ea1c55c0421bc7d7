// The gateway's metrics, one typed set: requests by status, mentions by outcome, refusals by reason,
// bytes of refused bodies thrown away.
import { Counter, Histogram, type Registry } from '@sl/observability';

/** Why a whole request was refused; one label value each. */
export type RejectionReason =
  | 'unauthorized'
  | 'body_too_large'
  | 'too_many_items'
  | 'rate_limited'
  | 'invalid_body'
  | 'unsupported_media_type'
  | 'bad_signature'
  | 'replay';

export type MentionOutcome = 'accepted' | 'rejected' | 'forbidden' | 'failed';

export interface IngestMetrics {
  request(status: number): void;
  rejection(reason: RejectionReason): void;
  mentions(outcome: MentionOutcome, count: number): void;
  ackSeconds(seconds: number): void;
  /** Bytes of a body refused as too large that were read and thrown away. */
  discardedBodyBytes(bytes: number): void;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  const requests = new Counter({
    name: 'sl_ingest_requests_total',
    help: 'Ingest HTTP requests by status code.',
    labelNames: ['status'],
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'sl_ingest_rejections_total',
    help: 'Requests refused whole, by reason (unauthorized, body_too_large, too_many_items, rate_limited, invalid_body, ...).',
    labelNames: ['reason'],
    registers: [registry],
  });
  const mentions = new Counter({
    name: 'sl_ingest_mentions_total',
    help: "Mentions received, by outcome (accepted, rejected as invalid, forbidden by the token's sources, failed to reach Kafka).",
    labelNames: ['outcome'],
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'sl_ingest_ack_seconds',
    help: 'Time from a request being read to Kafka acknowledging its mentions.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const discarded = new Counter({
    name: 'sl_ingest_discarded_body_bytes_total',
    help: 'Bytes of bodies refused as too large (413) that were read and thrown away, before and after the answer (bounded per request).',
    registers: [registry],
  });
  return {
    request: (status) => requests.inc({ status: String(status) }),
    rejection: (reason) => rejections.inc({ reason }),
    mentions: (outcome, count) => {
      if (count > 0) mentions.inc({ outcome }, count);
    },
    ackSeconds: (seconds) => ack.observe(seconds),
    discardedBodyBytes: (bytes) => discarded.inc(bytes),
  };
}
