// The bad-input corpus for the ingest gateway: each kind of hostile or broken request, what it
// looks like on the wire, and exactly what the gateway must answer. Items are named after their
// case (`<kind>-<n>`), so what reaches mentions.raw can be traced back to the case that sent it:
// every `accepted` id must arrive, nothing else may.
export const CORPUS_TOKEN = 'corpus-token-0123456789abcdef';
export const SCOPED_TOKEN = 'scoped-token-0123456789abcdef';
/** SL_INGEST_TOKENS for the gateway the corpus runs against. */
export const CORPUS_TOKENS = `corpus:*:${CORPUS_TOKEN},scoped:rss:${SCOPED_TOKEN}`;
/** Limits of that gateway, small enough to reach cheaply. */
export const CORPUS_MAX_BODY_BYTES = 1024 * 1024;
export const CORPUS_MAX_ITEMS = 1_000;

export type Expected = string | RegExp;

export interface ExpectedItemError {
  index: number;
  id?: string;
  status?: 403;
  errors: Array<{ path: string; message: Expected }>;
}

export interface GatewayRequest {
  /** @default POST */
  method?: string;
  /** @default /v1/mentions */
  path?: string;
  /** @default application/json; null sends none */
  contentType?: string | null;
  body?: string | Uint8Array;
  /** Send the body in pieces without content-length. */
  chunked?: boolean;
  /** Whose token goes in Authorization. @default corpus */
  auth?: 'corpus' | 'scoped' | 'none' | { header: string };
  headers?: Record<string, string>;
}

export interface GatewayCase {
  kind: string;
  /** What is wrong with the input, for the test's name. */
  about: string;
  request: GatewayRequest;
  status: number;
  /** The whole request's error; absent for 202 and 207. */
  error?: Expected;
  /** Refused items, in index order. */
  rejected?: ExpectedItemError[];
  /** Pipeline ids the answer lists as accepted; each must reach mentions.raw. */
  accepted?: string[];
  /** Response headers that must be there, exactly. */
  headers?: Record<string, string>;
  /** The response is not JSON (Node's own answer to a broken request). */
  rawResponse?: true;
}

const NOW_ISH = '2026-11-24T08:00:00Z';

/** A valid mention of this case: `rss:<kind>-<n>`. */
export function good(kind: string, n = 1, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'rss',
    id: `${kind}-${n}`,
    text: `Acme mention for ${kind}`,
    publishedAt: NOW_ISH,
    author: { handle: 'writer' },
    ...extra,
  };
}

const idOf = (kind: string, n = 1) => `rss:${kind}-${n}`;
const json = (value: unknown) => JSON.stringify(value);
const DATE_FORMAT = (got: string) =>
  `expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got ${got}`;
const COUNT = (field: string, got: string) => `expected a non-negative integer ${field} count, got ${got}`;
const UNSUPPORTED = (type: string) =>
  `unsupported content-type "${type}": send application/json (one mention or an array) or application/x-ndjson (one mention per line)`;

/**
 * One good mention then a bad one, as a JSON array: the good one must be accepted (207) and reach
 * mentions.raw; the bad one must be refused by index with the field and the problem.
 */
function mixed(
  kind: string,
  about: string,
  bad: Record<string, unknown>,
  errors: Array<{ path: string; message: Expected }>,
  id: string | null = `${kind}-2`,
): GatewayCase {
  return {
    kind,
    about,
    request: { body: json([good(kind), bad]) },
    status: 207,
    accepted: [idOf(kind)],
    rejected: [{ index: 1, ...(id === null ? {} : { id }), errors }],
  };
}

/** The bad mention is `good(kind, 2)` with one field replaced (undefined removes it). */
function field(
  kind: string,
  about: string,
  patch: Record<string, unknown>,
  errors: Array<{ path: string; message: Expected }>,
): GatewayCase {
  const bad = { ...good(kind, 2), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete bad[key];
  return mixed(kind, about, bad, errors, typeof bad.id === 'string' ? bad.id : null);
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const gatewayCases: GatewayCase[] = [
  // Malformed JSON: the whole request is unreadable, 400 with the parser's reason.
  {
    kind: 'json.truncated',
    about: 'a body cut off mid-object',
    request: { body: '[{"source":"rss"' },
    status: 400,
    error: `body is not valid JSON: Expected ',' or '}' after property value in JSON at position 16 (line 1 column 17)`,
  },
  {
    kind: 'json.trailing-comma',
    about: 'a trailing comma in an array',
    request: { body: '[{"a":1},]' },
    status: 400,
    error: `body is not valid JSON: Unexpected token ']', "[{"a":1},]" is not valid JSON`,
  },
  {
    kind: 'json.single-quotes',
    about: 'JavaScript object syntax with single quotes',
    request: { body: "{'source':'rss'}" },
    status: 400,
    error: `body is not valid JSON: Expected property name or '}' in JSON at position 1 (line 1 column 2)`,
  },
  {
    kind: 'json.empty-body',
    about: 'no body at all',
    request: { body: '' },
    status: 400,
    error: 'body is not valid JSON: Unexpected end of JSON input',
  },
  {
    kind: 'json.whitespace-body',
    about: 'a body of only spaces and newlines',
    request: { body: '  \n\t ' },
    status: 400,
    error: 'body is not valid JSON: Unexpected end of JSON input',
  },
  {
    kind: 'json.concatenated',
    about: 'two JSON documents back to back (NDJSON sent as JSON)',
    request: { body: `${json(good('json.concatenated'))}${json(good('json.concatenated', 2))}` },
    status: 400,
    error: /^body is not valid JSON: Unexpected non-whitespace character after JSON at position \d+ \(line 1 column \d+\)$/,
  },
  {
    kind: 'json.nan-literal',
    about: 'NaN, which JSON does not have',
    request: { body: '{"engagement":{"likes":NaN}}' },
    status: 400,
    error: `body is not valid JSON: Unexpected token 'N', ...":{"likes":NaN}}" is not valid JSON`,
  },
  {
    kind: 'json.comment',
    about: 'a comment, which JSON does not have',
    request: { body: '// mentions\n[]' },
    status: 400,
    error: `body is not valid JSON: Unexpected token '/', "// mentions\n[]" is not valid JSON`,
  },
  {
    kind: 'json.scalar-string',
    about: 'a JSON string instead of a mention',
    request: { body: '"Acme is great"' },
    status: 400,
    error: 'body must be a JSON object (one mention) or an array of mentions',
  },
  {
    kind: 'json.null',
    about: 'JSON null',
    request: { body: 'null' },
    status: 400,
    error: 'body must be a JSON object (one mention) or an array of mentions',
  },
  { kind: 'json.empty-array', about: 'an empty array', request: { body: '[]' }, status: 400, error: 'the request holds no mentions' },
  {
    kind: 'json.raw-nul-byte',
    about: 'a raw NUL byte inside a JSON string (not the \\u0000 escape)',
    request: { body: `{"source":"rss","id":"x","text":"a\u0000b"}` },
    status: 400,
    error: 'body is not valid JSON: Bad control character in string literal in JSON at position 34 (line 1 column 35)',
  },

  // Encoding: bytes that are not UTF-8 are refused, not replaced by U+FFFD.
  {
    kind: 'utf8.invalid-byte',
    about: 'a 0xFF byte inside a string',
    request: { body: Buffer.concat([Buffer.from('[{"text":"caf'), Buffer.from([0xff]), Buffer.from('"}]')]) },
    status: 400,
    error: 'body is not valid UTF-8: the bytes at offset 13 (0xff…) are not a UTF-8 character; send UTF-8 text',
  },
  {
    kind: 'utf8.latin1',
    about: 'Latin-1 text sent as if UTF-8 ("café" with a single 0xE9 byte)',
    request: { body: Buffer.from(`${json([good('utf8.latin1', 1, { text: 'café!' })])}`, 'latin1') },
    status: 400,
    error: /^body is not valid UTF-8: the bytes at offset \d+ \(0xe9…\) are not a UTF-8 character; send UTF-8 text$/,
  },
  {
    kind: 'utf8.overlong',
    about: 'an overlong encoding of "/" (0xC0 0xAF), a classic filter bypass',
    request: { body: Buffer.concat([Buffer.from('{"id":"..'), Buffer.from([0xc0, 0xaf]), Buffer.from('etc"}')]) },
    status: 400,
    error: 'body is not valid UTF-8: the bytes at offset 9 (0xc0…) are not a UTF-8 character; send UTF-8 text',
  },
  {
    kind: 'utf8.utf16',
    about: 'UTF-16LE with its byte-order mark',
    request: { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[]', 'utf16le')]) },
    status: 400,
    error: 'body is not valid UTF-8: the bytes at offset 0 (0xff…) are not a UTF-8 character; send UTF-8 text',
  },
  {
    kind: 'utf8.bom',
    about: 'a UTF-8 byte-order mark before the JSON (tolerated: dropped)',
    request: { body: `\ufeff${json([good('utf8.bom')])}` },
    status: 202,
    accepted: [idOf('utf8.bom')],
  },

  // Content types.
  {
    kind: 'type.text-plain',
    about: 'text/plain',
    request: { contentType: 'text/plain', body: json(good('type.text-plain')) },
    status: 415,
    error: UNSUPPORTED('text/plain'),
  },
  {
    kind: 'type.missing',
    about: 'no content-type',
    request: { contentType: null, body: json(good('type.missing')) },
    status: 415,
    error: UNSUPPORTED('(none)'),
  },
  {
    kind: 'type.form',
    about: 'an HTML form post',
    request: { contentType: 'application/x-www-form-urlencoded', body: 'source=rss&id=1' },
    status: 415,
    error: UNSUPPORTED('application/x-www-form-urlencoded'),
  },

  // NDJSON: a broken line is that item's error.
  {
    kind: 'ndjson.broken-lines',
    about: 'NDJSON with an empty line and a line that is not JSON between good lines',
    request: {
      contentType: 'application/x-ndjson',
      body: `${json(good('ndjson.broken-lines'))}\n\n{"id":\n${json(good('ndjson.broken-lines', 4))}\n`,
    },
    status: 207,
    accepted: [idOf('ndjson.broken-lines'), idOf('ndjson.broken-lines', 4)],
    rejected: [
      { index: 1, errors: [{ path: '(item)', message: 'line 2 is empty' }] },
      { index: 2, errors: [{ path: '(item)', message: 'line 3 is not valid JSON: Unexpected end of JSON input' }] },
    ],
  },

  // Deep nesting: parsed without recursion, refused by shape, and the gateway lives on.
  {
    kind: 'nesting.arrays-100k',
    about: '100,000 nested arrays',
    request: { body: nested(100_000) },
    status: 400,
    error: 'no valid mentions in the request',
    rejected: [{ index: 0, errors: [{ path: '', message: 'expected an object, got an array' }] }],
  },
  {
    kind: 'nesting.objects-100k',
    about: '100,000 nested objects as the mention',
    request: { body: nestedObject(100_000) },
    status: 400,
    error: 'no valid mentions in the request',
    rejected: [
      {
        index: 0,
        errors: [
          { path: 'source', message: 'is required' },
          { path: 'id', message: 'is required' },
          { path: 'text', message: 'is required' },
          { path: 'publishedAt', message: DATE_FORMAT('undefined') },
          { path: 'author', message: 'is required' },
        ],
      },
    ],
  },
  {
    kind: 'nesting.in-a-field',
    about: "100,000 nested arrays as a mention's text",
    request: {
      body: `[${json(good('nesting.in-a-field'))},${json(good('nesting.in-a-field', 2)).replace(/"text":"[^"]*"/, `"text":${nested(100_000)}`)}]`,
    },
    status: 207,
    accepted: [idOf('nesting.in-a-field')],
    rejected: [{ index: 1, id: 'nesting.in-a-field-2', errors: [{ path: 'text', message: 'expected a string, got an array' }] }],
  },
  {
    kind: 'nesting.ndjson-line',
    about: 'an NDJSON line of 100,000 nested objects next to a good line',
    request: { contentType: 'application/x-ndjson', body: `${json(good('nesting.ndjson-line'))}\n${nestedObject(100_000)}\n` },
    status: 207,
    accepted: [idOf('nesting.ndjson-line')],
    rejected: [
      {
        index: 1,
        errors: [
          { path: 'source', message: 'is required' },
          { path: 'id', message: 'is required' },
          { path: 'text', message: 'is required' },
          { path: 'publishedAt', message: DATE_FORMAT('undefined') },
          { path: 'author', message: 'is required' },
        ],
      },
    ],
  },

  // Wrong types.
  field('types.source-number', 'source as a number', { source: 42 }, [{ path: 'source', message: 'expected a string, got 42' }]),
  field('types.id-number', 'id as a number', { id: 7 }, [{ path: 'id', message: 'expected a string, got 7' }]),
  field('types.text-array', 'text as an array', { text: ['Acme'] }, [{ path: 'text', message: 'expected a string, got an array' }]),
  field('types.author-string', 'author as a string', { author: 'writer' }, [
    { path: 'author', message: 'expected an object, got "writer"' },
  ]),
  field('types.likes-string', 'a count as a string', { engagement: { likes: '5' } }, [
    { path: 'engagement.likes', message: COUNT('likes', '"5"') },
  ]),
  field('types.likes-boolean', 'a count as a boolean', { engagement: { likes: true } }, [
    { path: 'engagement.likes', message: COUNT('likes', 'true') },
  ]),
  mixed(
    'types.item-array',
    'an item that is an array',
    ['rss', 'x'] as unknown as Record<string, unknown>,
    [{ path: '', message: 'expected an object, got an array' }],
    null,
  ),
  mixed(
    'types.item-null',
    'an item that is null',
    null as unknown as Record<string, unknown>,
    [{ path: '', message: 'expected an object, got null' }],
    null,
  ),
  mixed(
    'types.item-number',
    'an item that is a number',
    7 as unknown as Record<string, unknown>,
    [{ path: '', message: 'expected an object, got 7' }],
    null,
  ),

  // Missing fields.
  field('missing.source', 'no source', { source: undefined }, [{ path: 'source', message: 'is required' }]),
  field('missing.id', 'no id', { id: undefined }, [{ path: 'id', message: 'is required' }]),
  field('missing.text', 'no text', { text: undefined }, [{ path: 'text', message: 'is required' }]),
  // The contract words a missing date as the format it wants (pinned by packages/contracts' tests).
  field('missing.published-at', 'no publishedAt', { publishedAt: undefined }, [{ path: 'publishedAt', message: DATE_FORMAT('undefined') }]),
  field('missing.author-handle', 'an author without a handle', { author: { name: 'W' } }, [
    { path: 'author.handle', message: 'is required' },
  ]),
  mixed(
    'missing.everything',
    'an empty object',
    {},
    [
      { path: 'source', message: 'is required' },
      { path: 'id', message: 'is required' },
      { path: 'text', message: 'is required' },
      { path: 'publishedAt', message: DATE_FORMAT('undefined') },
      { path: 'author', message: 'is required' },
    ],
    null,
  ),

  // Oversized texts, bodies and batches.
  field('size.text', 'a text of 20,001 characters', { text: 'a'.repeat(20_001) }, [
    { path: 'text', message: 'must be at most 20000 characters, got 20001' },
  ]),
  mixed(
    'size.id',
    'an id of 513 characters',
    { ...good('size.id', 2), id: 'i'.repeat(513) },
    [{ path: 'id', message: 'must be at most 512 characters, got 513' }],
    'i'.repeat(513),
  ),
  field('size.title', 'a title of 1,025 characters', { title: 't'.repeat(1_025) }, [
    { path: 'title', message: 'must be at most 1024 characters, got 1025' },
  ]),
  field('size.url', 'a URL of 4,097 characters', { url: `https://example.org/${'p'.repeat(4_077)}` }, [
    { path: 'url', message: 'must be at most 4096 characters, got 4097' },
  ]),
  {
    kind: 'size.body',
    about: 'a body one byte over the limit, with content-length',
    request: { body: `[${json(good('size.body', 1, { text: 'x'.repeat(CORPUS_MAX_BODY_BYTES) }))}]`.slice(0, CORPUS_MAX_BODY_BYTES + 1) },
    status: 413,
    error: `request body is larger than the limit of ${CORPUS_MAX_BODY_BYTES} bytes; split it into smaller requests`,
  },
  {
    kind: 'size.body-chunked',
    about: 'a chunked body that grows over the limit',
    request: {
      chunked: true,
      body: `[${Array.from({ length: 200 }, (_, n) => json(good('size.body-chunked', n, { text: 'y'.repeat(6_000) }))).join(',')}]`,
    },
    status: 413,
    error: `request body is larger than the limit of ${CORPUS_MAX_BODY_BYTES} bytes; split it into smaller requests`,
  },
  {
    kind: 'size.batch',
    about: 'one mention over the per-request limit',
    request: { body: json(Array.from({ length: CORPUS_MAX_ITEMS + 1 }, (_, n) => good('size.batch', n))) },
    status: 413,
    error: `the request holds ${CORPUS_MAX_ITEMS + 1} mentions; the limit is ${CORPUS_MAX_ITEMS} per request`,
  },
  {
    kind: 'size.huge-array',
    about: 'an array of 200,000 zeros',
    request: { body: `[${new Array(200_000).fill('0').join(',')}]` },
    status: 413,
    error: `the request holds 200000 mentions; the limit is ${CORPUS_MAX_ITEMS} per request`,
  },

  // Control characters, NUL and broken Unicode inside strings.
  field('control.nul-in-text', 'a NUL (\\u0000) in the text', { text: 'Acme\u0000rocks' }, [
    { path: 'text', message: 'must not contain control characters, found U+0000 at character 5' },
  ]),
  mixed(
    'control.nul-in-id',
    'a NUL in the id',
    { ...good('control.nul-in-id', 2), id: 'a\u0000b' },
    [{ path: 'id', message: 'must not contain control characters, found U+0000 at character 2' }],
    'a\u0000b',
  ),
  field('control.ansi-in-handle', 'a terminal escape sequence in the author handle', { author: { handle: '\u001b[31mroot' } }, [
    { path: 'author.handle', message: 'must not contain control characters, found U+001B at character 1' },
  ]),
  field('control.escape-in-text', 'a terminal escape sequence in the text', { text: 'Acme \u001b]0;pwned\u0007' }, [
    { path: 'text', message: 'must not contain control characters, found U+001B at character 6' },
  ]),
  mixed(
    'control.newline-in-id',
    'a newline in the id (log injection)',
    { ...good('control.newline-in-id', 2), id: 'a\nINFO forged' },
    [{ path: 'id', message: 'must not contain control characters, found U+000A at character 2' }],
    'a\nINFO forged',
  ),
  field('control.c1-in-parent', 'a C1 control (U+0085) in parentId', { parentId: 'p\u0085' }, [
    { path: 'parentId', message: 'must not contain control characters, found U+0085 at character 2' },
  ]),
  {
    kind: 'unicode.lone-surrogate',
    about: 'a lone surrogate (\\ud800) in the text, which UTF-8 cannot carry',
    request: {
      body: `[${json(good('unicode.lone-surrogate'))},${json(good('unicode.lone-surrogate', 2)).replace('"text":"', '"text":"\\ud800')}]`,
    },
    status: 207,
    accepted: [idOf('unicode.lone-surrogate')],
    rejected: [
      {
        index: 1,
        id: 'unicode.lone-surrogate-2',
        errors: [{ path: 'text', message: 'is not valid Unicode: a lone surrogate U+D800 at character 1' }],
      },
    ],
  },
  mixed(
    'unicode.blank-id',
    'an id of spaces only',
    { ...good('unicode.blank-id', 2), id: '   ' },
    [{ path: 'id', message: 'must not be blank' }],
    '   ',
  ),
  field('unicode.empty-handle', 'an empty author handle', { author: { handle: '' } }, [
    { path: 'author.handle', message: 'must not be empty' },
  ]),

  // Absurd dates.
  field('date.year-0', 'year 0', { publishedAt: '0000-01-01T00:00:00Z' }, [
    { path: 'publishedAt', message: 'must be on or after 1970-01-01T00:00:00Z, got "0000-01-01T00:00:00Z"' },
  ]),
  field('date.year-99999', 'year 99999', { publishedAt: '99999-01-01T00:00:00Z' }, [
    { path: 'publishedAt', message: DATE_FORMAT('"99999-01-01T00:00:00Z"') },
  ]),
  field('date.year-9999', 'year 9999, far in the future', { publishedAt: '9999-12-31T23:59:59Z' }, [
    {
      path: 'publishedAt',
      message:
        /^must not be later than \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(the receiver's clock plus its tolerance\), got "9999-12-31T23:59:59Z"$/,
    },
  ]),
  field('date.nan', 'the string "NaN"', { publishedAt: 'NaN' }, [{ path: 'publishedAt', message: DATE_FORMAT('"NaN"') }]),
  field('date.epoch-ms', 'epoch milliseconds as a number', { publishedAt: 1_764_000_000_000 }, [
    { path: 'publishedAt', message: DATE_FORMAT('1764000000000') },
  ]),
  field('date.negative-epoch', 'a negative epoch number', { publishedAt: -1 }, [{ path: 'publishedAt', message: DATE_FORMAT('-1') }]),
  field('date.before-1970', 'a date before the Unix epoch', { publishedAt: '1969-12-31T23:59:59Z' }, [
    { path: 'publishedAt', message: 'must be on or after 1970-01-01T00:00:00Z, got "1969-12-31T23:59:59Z"' },
  ]),
  field('date.no-zone', 'a date-time without a timezone', { publishedAt: '2026-11-24T08:00:00' }, [
    { path: 'publishedAt', message: DATE_FORMAT('"2026-11-24T08:00:00"') },
  ]),
  field('date.feb-30', 'February 30th', { publishedAt: '2026-02-30T08:00:00Z' }, [
    { path: 'publishedAt', message: DATE_FORMAT('"2026-02-30T08:00:00Z"') },
  ]),
  field('date.hour-25', 'hour 25', { publishedAt: '2026-11-24T25:00:00Z' }, [
    { path: 'publishedAt', message: DATE_FORMAT('"2026-11-24T25:00:00Z"') },
  ]),

  // Absurd numbers.
  {
    kind: 'number.1e309',
    about: '1e309, which JSON.parse turns into Infinity',
    request: { body: `[${json(good('number.1e309'))},${json(good('number.1e309', 2)).replace(/}$/, ',"engagement":{"likes":1e309}}')}]` },
    status: 207,
    accepted: [idOf('number.1e309')],
    rejected: [{ index: 1, id: 'number.1e309-2', errors: [{ path: 'engagement.likes', message: COUNT('likes', 'Infinity') }] }],
  },
  {
    kind: 'number.-1e309',
    about: '-1e309 (-Infinity) followers',
    request: {
      body: `[${json(good('number.-1e309'))},${json(good('number.-1e309', 2)).replace('"author":{"handle":"writer"}', '"author":{"handle":"writer","followers":-1e309}')}]`,
    },
    status: 207,
    accepted: [idOf('number.-1e309')],
    rejected: [{ index: 1, id: 'number.-1e309-2', errors: [{ path: 'author.followers', message: COUNT('followers', '-Infinity') }] }],
  },
  field('number.negative', 'a negative count', { engagement: { shares: -1 } }, [
    { path: 'engagement.shares', message: COUNT('shares', '-1') },
  ]),
  {
    kind: 'number.2-pow-63',
    about: '2^63 followers, past every integer a double holds exactly',
    request: {
      body: `[${json(good('number.2-pow-63'))},${json(good('number.2-pow-63', 2)).replace('"author":{"handle":"writer"}', '"author":{"handle":"writer","followers":9223372036854775808}')}]`,
    },
    status: 207,
    accepted: [idOf('number.2-pow-63')],
    rejected: [
      { index: 1, id: 'number.2-pow-63-2', errors: [{ path: 'author.followers', message: COUNT('followers', '9223372036854776000') }] },
    ],
  },
  field('number.fraction', 'a fractional count', { engagement: { replies: 1.5 } }, [
    { path: 'engagement.replies', message: COUNT('replies', '1.5') },
  ]),

  // Prototype pollution: the keys are plain data, and nothing leaks into the next item.
  {
    kind: 'proto.top-level',
    about: '__proto__ and constructor.prototype keys next to valid fields (ignored, nothing polluted)',
    request: {
      body: `[${json(good('proto.top-level')).replace(/^{/, '{"__proto__":{"polluted":"yes","author":{"handle":"from-proto"}},"constructor":{"prototype":{"polluted":"yes"}},')},${json({ ...good('proto.top-level', 2), author: undefined })}]`,
    },
    status: 207,
    accepted: [idOf('proto.top-level')],
    rejected: [{ index: 1, id: 'proto.top-level-2', errors: [{ path: 'author', message: 'is required' }] }],
  },
  {
    kind: 'proto.in-author',
    about: 'the handle hidden behind __proto__ inside author (must not count as given)',
    request: {
      body: `[${json(good('proto.in-author'))},${json(good('proto.in-author', 2)).replace('"author":{"handle":"writer"}', '"author":{"__proto__":{"handle":"writer"}}')}]`,
    },
    status: 207,
    accepted: [idOf('proto.in-author')],
    rejected: [{ index: 1, id: 'proto.in-author-2', errors: [{ path: 'author.handle', message: 'is required' }] }],
  },
  field('proto.source-value', '"__proto__" as the source', { source: '__proto__' }, [
    { path: 'source', message: 'expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "__proto__"' },
  ]),

  // Other fields.
  field('url.javascript', 'a javascript: URL', { url: 'javascript:alert(1)' }, [
    { path: 'url', message: 'expected an absolute http(s) URL, got "javascript:alert(1)"' },
  ]),
  field('url.file', 'a file: URL', { url: 'file:///etc/passwd' }, [
    { path: 'url', message: 'expected an absolute http(s) URL, got "file:///etc/passwd"' },
  ]),
  field('lang.injection', 'a language tag with SQL in it', { lang: "en'; DROP TABLE mentions;--" }, [
    { path: 'lang', message: `expected a language tag like "en" or "pt-BR", got "en'; DROP TABLE mentions;--"` },
  ]),

  // Tokens.
  {
    kind: 'auth.missing',
    about: 'no Authorization header',
    request: { auth: 'none', body: json(good('auth.missing')) },
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="sl-ingest"' },
    error: 'missing Authorization header; send "Authorization: Bearer <token>"',
  },
  {
    kind: 'auth.basic',
    about: 'Basic credentials instead of a bearer token',
    request: { auth: { header: 'Basic Y29ycHVzOnNlY3JldA==' }, body: json(good('auth.basic')) },
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="sl-ingest", error="invalid_token"' },
    error: 'the Authorization header must be "Bearer <token>"',
  },
  {
    kind: 'auth.wrong-token',
    about: 'a token the gateway does not know',
    request: { auth: { header: `Bearer ${CORPUS_TOKEN.slice(0, -1)}x` }, body: json(good('auth.wrong-token')) },
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="sl-ingest", error="invalid_token"' },
    error: 'the bearer token is not valid',
  },
  {
    kind: 'auth.out-of-scope',
    about: 'a token scoped to rss sending a forum mention',
    request: { auth: 'scoped', body: json([good('auth.out-of-scope'), good('auth.out-of-scope', 2, { source: 'forum' })]) },
    status: 207,
    accepted: [idOf('auth.out-of-scope')],
    rejected: [
      {
        index: 1,
        id: 'auth.out-of-scope-2',
        status: 403,
        errors: [{ path: 'source', message: 'token "scoped" may not send source "forum" (its sources: rss)' }],
      },
    ],
  },

  // HTTP itself.
  {
    kind: 'http.get',
    about: 'GET on the ingest endpoint',
    request: { method: 'GET' },
    status: 405,
    headers: { allow: 'POST' },
    error: 'GET is not allowed on /v1/mentions; use POST',
  },
  {
    kind: 'http.bad-percent-encoding',
    about: 'a webhook path that is not valid percent-encoding',
    request: { path: '/v1/webhooks/%E0%A4%A', body: '{}' },
    status: 404,
    error: 'no webhook is configured for source "%E0%A4%A"',
  },
  {
    kind: 'http.huge-header',
    about: "a 20 KB header, over Node's 16 KB limit",
    request: { headers: { 'x-padding': 'p'.repeat(20_000) }, body: json(good('http.huge-header')) },
    status: 431,
    rawResponse: true,
  },
];
