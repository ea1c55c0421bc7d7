import { describe, expect, it } from 'vitest';
import { decodeBody, firstInvalidUtf8Byte, mediaType, parseRequestBody } from '../src/request-body.ts';

const unsupported = (shown: string) =>
  `unsupported content-type "${shown}": send application/json (one mention or an array) or application/x-ndjson (one mention per line)`;

describe('parseRequestBody', () => {
  it('reads one JSON object as one item', () => {
    expect(parseRequestBody('application/json', '{"id":"a"}')).toEqual({ ok: true, items: [{ ok: true, value: { id: 'a' } }] });
  });

  it('reads a JSON array as one item per element, in order, whatever the elements are', () => {
    expect(parseRequestBody('application/json; charset=utf-8', '[{"id":"a"},{"id":"b"},3]')).toEqual({
      ok: true,
      items: [
        { ok: true, value: { id: 'a' } },
        { ok: true, value: { id: 'b' } },
        { ok: true, value: 3 },
      ],
    });
  });

  it('reads an empty JSON array as no items', () => {
    expect(parseRequestBody('application/json', '[]')).toEqual({ ok: true, items: [] });
  });

  it('accepts a +json media type, case-insensitively', () => {
    expect(parseRequestBody('Application/Vnd.Mentions+JSON', '{"id":"a"}')).toEqual({ ok: true, items: [{ ok: true, value: { id: 'a' } }] });
  });

  it('rejects a JSON scalar with 400', () => {
    for (const body of ['42', '"text"', 'null', 'true']) {
      expect(parseRequestBody('application/json', body)).toEqual({
        ok: false,
        status: 400,
        message: 'body must be a JSON object (one mention) or an array of mentions',
      });
    }
  });

  it('rejects invalid JSON with 400 and the parser message', () => {
    expect(parseRequestBody('application/json', '{oops')).toEqual({
      ok: false,
      status: 400,
      message: `body is not valid JSON: Expected property name or '}' in JSON at position 1 (line 1 column 2)`,
    });
    expect(parseRequestBody('application/json', '')).toEqual({ ok: false, status: 400, message: 'body is not valid JSON: Unexpected end of JSON input' });
  });

  it('rejects other content types, and a missing one, with 415', () => {
    expect(parseRequestBody('text/plain', '{"id":"a"}')).toEqual({ ok: false, status: 415, message: unsupported('text/plain') });
    expect(parseRequestBody('application/x-www-form-urlencoded; charset=utf-8', 'a=b')).toEqual({
      ok: false,
      status: 415,
      message: unsupported('application/x-www-form-urlencoded'),
    });
    expect(parseRequestBody(undefined, '{"id":"a"}')).toEqual({ ok: false, status: 415, message: unsupported('(none)') });
    expect(parseRequestBody('', '{"id":"a"}')).toEqual({ ok: false, status: 415, message: unsupported('(none)') });
  });

  describe('NDJSON', () => {
    it('reads one item per line for every NDJSON media type', () => {
      for (const type of ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines', 'APPLICATION/X-NDJSON; charset=utf-8']) {
        expect(parseRequestBody(type, '{"id":"a"}\n{"id":"b"}')).toEqual({
          ok: true,
          items: [
            { ok: true, value: { id: 'a' } },
            { ok: true, value: { id: 'b' } },
          ],
        });
      }
    });

    it('does not turn a trailing newline (LF or CRLF) into an extra item', () => {
      expect(parseRequestBody('application/x-ndjson', '{"id":"a"}\n{"id":"b"}\n')).toEqual({
        ok: true,
        items: [
          { ok: true, value: { id: 'a' } },
          { ok: true, value: { id: 'b' } },
        ],
      });
      expect(parseRequestBody('application/x-ndjson', '{"id":"a"}\r\n{"id":"b"}\r\n')).toEqual({
        ok: true,
        items: [
          { ok: true, value: { id: 'a' } },
          { ok: true, value: { id: 'b' } },
        ],
      });
    });

    it('reports empty and unparseable lines as item errors with their 1-based line number', () => {
      expect(parseRequestBody('application/x-ndjson', '{"id":"a"}\n\n{oops\n   \n{"id":"e"}\n')).toEqual({
        ok: true,
        items: [
          { ok: true, value: { id: 'a' } },
          { ok: false, message: 'line 2 is empty' },
          { ok: false, message: `line 3 is not valid JSON: Expected property name or '}' in JSON at position 1 (line 1 column 2)` },
          { ok: false, message: 'line 4 is empty' },
          { ok: true, value: { id: 'e' } },
        ],
      });
    });

    it('reads an empty body as no items, and a lone newline as one empty line', () => {
      expect(parseRequestBody('application/x-ndjson', '')).toEqual({ ok: true, items: [] });
      expect(parseRequestBody('application/x-ndjson', '\n')).toEqual({ ok: true, items: [{ ok: false, message: 'line 1 is empty' }] });
    });

    it('keeps a scalar line as an item (validation rejects it later)', () => {
      expect(parseRequestBody('application/x-ndjson', '7\n')).toEqual({ ok: true, items: [{ ok: true, value: 7 }] });
    });
  });
});

describe('mediaType', () => {
  it('drops parameters, trims and lower-cases', () => {
    expect(mediaType(' Application/JSON ; charset=UTF-8')).toBe('application/json');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('decodeBody', () => {
  it('reads UTF-8, dropping a leading byte-order mark', () => {
    expect(decodeBody(Buffer.from('{"t":"ünï 🎉"}'))).toEqual({ ok: true, text: '{"t":"ünï 🎉"}' });
    expect(decodeBody(Buffer.from('\ufeff[1]'))).toEqual({ ok: true, text: '[1]' });
  });

  it.each([
    ['a lone continuation byte', [0x7b, 0x80, 0x7d], 1, '80'],
    ['an invalid lead byte', [0x61, 0xff], 1, 'ff'],
    ['an overlong encoding of "/"', [0x61, 0xc0, 0xaf], 1, 'c0'],
    ['an encoded surrogate (CESU-8)', [0x61, 0xed, 0xa0, 0x80], 1, 'ed'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0, 'f4'],
    ['a sequence cut short by the end', [0x61, 0x62, 0xe2, 0x82], 2, 'e2'],
    ['a Latin-1 "é" before ASCII', [0x63, 0x61, 0x66, 0xe9, 0x21], 3, 'e9'],
  ])('refuses %s with 400 and the offset where it starts', (_, bytes, offset, hex) => {
    const buffer = Buffer.from(bytes);
    expect(firstInvalidUtf8Byte(buffer)).toBe(offset);
    expect(decodeBody(buffer)).toEqual({
      ok: false,
      status: 400,
      message: `body is not valid UTF-8: the bytes at offset ${offset} (0x${hex}…) are not a UTF-8 character; send UTF-8 text`,
    });
  });

  it('finds nothing wrong in well-formed UTF-8 of every length', () => {
    const text = Buffer.from('a é € 🎉 \u{10FFFF}');
    expect(firstInvalidUtf8Byte(text)).toBe(text.length);
  });
});
