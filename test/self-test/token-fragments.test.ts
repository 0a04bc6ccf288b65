// Unit tests of the token-fragment search: any 12-character piece of an issued token is found,
// counted once per leaked piece, in files and in named texts, and reported without the piece.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countFragments, findTokenFragments, tokenWindows, WINDOW } from './token-fragments.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe(countFragments.name, () => {
  const windows = tokenWindows([token, '0123456789abcdef0123456789abcdef']);

  it('should find a piece of exactly the window length anywhere in a text', () => {
    expect(countFragments(`observed: "${token.slice(20, 20 + WINDOW)}…"`, windows)).toBe(1);
  });

  it('should count one leaked piece once however long it is, and separate pieces separately', () => {
    expect(countFragments(`Bearer ${token} and again ${token.slice(0, 190)}`, windows)).toBe(2);
  });

  it('should not match a piece shorter than the window, or a redacted token', () => {
    expect(countFragments(`Bearer ${token.slice(0, WINDOW - 1)}… Bearer [REDACTED]`, windows)).toBe(0);
    expect(countFragments('id 0123456789ab', tokenWindows([]))).toBe(0);
  });
});

describe(findTokenFragments.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-fragments-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should search nested files and named texts and report where, never the fragment', () => {
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(join(dir, 'junit.xml'), `<failure>expected 401, got 200 ${token.slice(5, 40)}</failure>`);
    writeFileSync(join(dir, 'allure-results', 'a-attachment.txt'), 'nothing here');
    writeFileSync(join(dir, 'allure-results', 'b-result.json'), JSON.stringify({ name: '[SES-TOKEN-400-GRANT-TYPE] 04 another grant type', statusDetails: { message: token } }));
    const { hits, searched } = findTokenFragments([token], dir, { summary: `✗ token: ${token}`, console: 'clean' });
    expect(searched).toBe(5);
    expect(hits).toEqual([
      { where: 'summary', count: 1 },
      { where: 'allure-results/b-result.json (check: [SES-TOKEN-400-GRANT-TYPE] 04 another grant type)', count: 1 },
      { where: 'junit.xml', count: 1 },
    ]);
    expect(JSON.stringify(hits)).not.toContain(token.slice(5, 5 + WINDOW));
  });
});
