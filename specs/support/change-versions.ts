// Change versions as the tracked-change checks (/deletes, /keyChanges, their 304s) use them. Other
// checks write in parallel, so a check only knows that its own write landed in the window
// (newest before, newest after]; these helpers read newestChangeVersion and build that window the
// same way everywhere. (change-versions.spec.ts checks availableChangeVersions itself, with more.)
import { ensure, expectStatus, type CheckContext } from '../../src/index.js';

export type Window = { minChangeVersion: number; maxChangeVersion: number };

/** newestChangeVersion from availableChangeVersions; skips when the target publishes no URL for it. */
export async function newestChangeVersion(t: CheckContext): Promise<number> {
  const url = t.target.urls.availableChangeVersions;
  if (!url) t.skip('the target publishes no availableChangeVersions URL');
  const ex = await t.api.get(url);
  expectStatus(ex, 200);
  const v = (ex.json as { newestChangeVersion?: unknown } | undefined)?.newestChangeVersion;
  ensure(Number.isSafeInteger(v), 'newestChangeVersion should be an integer', { expected: 'integer', observed: ex.text }, ex);
  return v as number;
}

/** Runs `write` between two reads of newestChangeVersion; returns the window (before, after] that holds it. */
export async function windowAround(t: CheckContext, write: () => Promise<void>): Promise<Window> {
  const before = await newestChangeVersion(t);
  await write();
  const after = await newestChangeVersion(t);
  return { minChangeVersion: before + 1, maxChangeVersion: after };
}
