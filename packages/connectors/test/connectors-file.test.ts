import { describe, expect, it } from 'vitest';
import { ConnectorsFileError, parseConnectorsFile } from '../src/index.ts';

describe('parseConnectorsFile', () => {
  it('reads instances with defaults', () => {
    const [instance] = parseConnectorsFile('connectors:\n  - name: blog\n    kind: rss\n    config:\n      feeds: [https://blog.example.org/feed/]\n');
    expect(instance).toMatchObject({ name: 'blog', kind: 'rss', pollIntervalSeconds: 300, enabled: true });
  });

  it('names the line, instance and field of every problem', () => {
    const text = [
      'connectors:',
      '  - name: blog',
      '    kind: rss',
      '    config:',
      '      feeds: [not-a-url]',
      '  - name: blog',
      '    kind: myspace',
    ].join('\n');
    const error = (() => {
      try {
        parseConnectorsFile(text, 'c.yaml');
      } catch (e) {
        return e;
      }
    })() as ConnectorsFileError;
    expect(error).toBeInstanceOf(ConnectorsFileError);
    expect(error.problems).toEqual([
      expect.stringMatching(/^line 5: connectors\.0\.config: connector "blog" \(rss\): config\.feeds\.0: /),
      'line 6: connectors.1.name: "blog" is listed twice',
      'line 7: connectors.1.kind: unknown kind "myspace" (known: rss, jsonl, hackernews, mastodon, reddit)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseConnectorsFile('connectors:\n  - name: [unclosed\n')).toThrow(/line \d+/);
  });
});
