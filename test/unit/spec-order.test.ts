// The spec threads' file order (src/cli/spec-order.ts): the listed files first, in the list's
// order, every other one after them by path; and no entry naming a file that is not there (a
// renamed spec would silently drop to the back, and its long chain would be the run's tail again).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST, rank } from '../../src/cli/spec-order.js';
import { REPO_ROOT } from '../../src/cli/run.js';

describe('spec order', () => {
  it('should name only spec files that exist, each once', () => {
    for (const file of LONGEST_FIRST) expect(existsSync(join(REPO_ROOT, file)), file).toBe(true);
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
  });

  it('should put the listed files first, in the list order, and any other file after them', () => {
    expect(rank('specs/families/paging.spec.ts')).toBe(0);
    expect(rank(LONGEST_FIRST[1]!)).toBe(1);
    expect(rank('specs/oauth.token.spec.ts')).toBe(LONGEST_FIRST.length);
    expect(rank('specs\\families\\paging.spec.ts')).toBe(0);
  });
});
