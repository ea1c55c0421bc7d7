import { describe, expect, it } from 'vitest';
import { isBrandAccount, isQuestionToBrand } from '../src/index.ts';

const names = ['Acme', '@acme', 'acme corp'];

describe('isQuestionToBrand', () => {
  it.each([
    ['@acme why was my card charged twice?', true],
    ['Does Acme ship to Norway?', true],
    ['Acme: any idea when the store reopens? Thanks', true],
    ['Anyone know if acme corp is hiring?', true],
    // Naming the brand and then asking nobody is talking, not asking the brand.
    ['Loved my Acme grinder. What a week?!', false],
    ['Loved my Acme grinder. Do you sell the burrs separately?', true],
    ['Another evening with @acme. Who needs sleep anyway?', false],
    ['Took the Acme shuttle to work. Why is it always raining on Mondays?', false],
    ['Acme grinder arrived today.', false],
    ['Why is the sky blue? Also Acme is great.', false],
    ['What do you think about Globex?', false],
    ['acmebrand is not the brand? no', false],
  ])('%s -> %s', (text, expected) => {
    expect(isQuestionToBrand(text, { names, repliesToBrand: false })).toBe(expected);
  });

  it("counts any question in reply to the brand's own post", () => {
    expect(isQuestionToBrand('does it come in blue?', { names, repliesToBrand: true })).toBe(true);
    expect(isQuestionToBrand('thanks, got it', { names, repliesToBrand: true })).toBe(false);
  });
});

describe('isBrandAccount', () => {
  it('knows the brand by handle, optionally per source, and a fediverse user@instance by its user', () => {
    const handles = ['acme', 'mastodon:acme_help'];
    expect(isBrandAccount(handles, 'reddit', '@Acme')).toBe(true);
    expect(isBrandAccount(handles, 'mastodon', 'acme_help@social.example')).toBe(true);
    expect(isBrandAccount(handles, 'reddit', 'acme_help')).toBe(false);
    expect(isBrandAccount([], 'reddit', 'acme')).toBe(false);
  });
});
