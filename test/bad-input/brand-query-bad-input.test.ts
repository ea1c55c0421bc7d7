// Runs the brand-query corpus (brand-query-cases.ts) through the query parser and through the
// brands-file reader that `sl brands apply` uses: every hostile query is refused with its code,
// column and message, none of them takes the stack, and a brands file locates the problem.
import { formatProblem, isBrandsFileError, parseBrandsFile } from '@sl/brands';
import { isQueryError, parseQuery } from '@sl/matching';
import { describe, expect, it } from 'vitest';
import { brandQueryCases, brandsFileCases } from './brand-query-cases.ts';

function refusal(query: string): { code: string; column: number; message: string } {
  try {
    parseQuery(query);
  } catch (error) {
    if (!isQueryError(error)) throw error;
    return { code: error.code, column: error.column, message: error.message };
  }
  throw new Error('the query was accepted');
}

function problems(text: string): string[] {
  try {
    parseBrandsFile(text, 'brands.yaml', { updatedAt: 0 });
  } catch (error) {
    if (!isBrandsFileError(error)) throw error;
    return error.problems.map(formatProblem);
  }
  throw new Error('the brands file was accepted');
}

describe('hostile brand queries', () => {
  it('are distinct kinds', () => {
    const kinds = [...brandQueryCases, ...brandsFileCases].map((c) => c.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it.each(brandQueryCases.map((c) => [`${c.kind}: ${c.about} -> ${c.code}`, c] as const))('%s', (_, c) => {
    expect(refusal(c.query)).toEqual({ code: c.code, column: c.column, message: c.message });
  });

  it.each(brandQueryCases.filter((c) => c.query.trim() !== '').map((c) => [c.kind, c] as const))(
    '%s is reported by the brands file reader as file:line:column',
    (_, c) => {
      // A single-quoted scalar from column 10 (no corpus query holds a '): its characters start at 11.
      const text = `- id: acme\n  name: Acme\n  query: '${c.query}'\n`;
      expect(problems(text)).toEqual([`brands.yaml:3:${10 + c.column}: query: ${c.message}`]);
    },
  );

  it.each(brandsFileCases.map((c) => [`${c.kind}: ${c.about}`, c] as const))('%s', (_, c) => {
    const found = problems(c.text);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(typeof c.problem === 'string' ? c.problem : expect.stringMatching(c.problem));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
