// One mention as the ingest gateway takes it (POST /v1/mentions, docs/ingest.md): what the
// generator writes, one JSON object per mention, so its output can be posted or saved as JSONL
// and read back by anything that speaks the gateway's format.

export interface MentionJson {
  source: string;
  /** The source's own id; the pipeline's id is `<source>:<id>`. */
  id: string;
  text: string;
  /** ISO 8601 with a timezone (always UTC here). */
  publishedAt: string;
  author: { handle: string; name?: string; followers?: number };
  url?: string;
  title?: string;
  lang?: string;
  engagement?: { likes: number; shares: number; replies: number };
  /** The source id of the mention this one replies to. */
  parentId?: string;
}
