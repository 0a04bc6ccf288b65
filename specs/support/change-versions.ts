// availableChangeVersions as the change-query checks read it. Its shape is SES-ACV-SHAPE's to judge
// (change-versions.spec.ts); every other check only needs newestChangeVersion to know where the
// window of its own write starts, a set-up step evidencing SES-ACV-SHAPE, so a host whose
// availableChangeVersions is broken blocks those checks instead of failing them. Other checks
// write in parallel, so a check only knows its write lands at or after (newest before) + 1; it
// then finds its own item from there and takes the item's own change version. raisedBy is the
// one judgement of newestChangeVersion here: a write between two reads must raise it.
import { ensure, expectStatus, type CheckContext } from '../../src/index.js';

export type Versions = { oldestChangeVersion: number; newestChangeVersion: number };

/** GET availableChangeVersions; asserts 200 and non-negative integers, oldest <= newest. Skips when the target publishes no URL. */
export async function availableVersions(t: CheckContext): Promise<Versions> {
  const url = t.target.urls.availableChangeVersions;
  if (!url) t.skip('the target publishes no availableChangeVersions URL', 'changeQueries');
  const ex = await t.api.get(url);
  expectStatus(ex, 200);
  const body = ex.json as Partial<Versions> | undefined;
  const ok = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
  ensure(body && ok(body.oldestChangeVersion) && ok(body.newestChangeVersion),
    'availableChangeVersions should answer {oldestChangeVersion, newestChangeVersion} as non-negative integers',
    { expected: '{ "oldestChangeVersion": n, "newestChangeVersion": m }', observed: ex.text }, ex);
  ensure(body.oldestChangeVersion! <= body.newestChangeVersion!, 'oldestChangeVersion should not exceed newestChangeVersion', { expected: 'oldest <= newest', observed: body }, ex);
  return body as Versions;
}

/** Set-up: newestChangeVersion now (evidences SES-ACV-SHAPE). */
export async function newestChangeVersion(t: CheckContext, label = 'read newestChangeVersion'): Promise<number> {
  return (await t.arrange(label, () => availableVersions(t), 'SES-ACV-SHAPE')).newestChangeVersion;
}

/** Set-up: the first change version a write made after this call can carry. */
export async function windowStart(t: CheckContext): Promise<number> {
  return (await newestChangeVersion(t, 'where the window of the write starts (newestChangeVersion + 1)')) + 1;
}

/**
 * newestChangeVersion before and after a set-up write (evidencing `evidences`) must rise. With no
 * other write of the run in between (t.withoutOtherWrites): another check's write would raise it
 * for this one (a host that does not count key changes, say, would pass). newestChangeVersion is
 * one counter for every resource, so every write is kept out, whatever its resource; reads move
 * no change version and go on meanwhile (only other reads of availableChangeVersions wait too).
 * Every other check soon waits on a write of its own, so the run still waits on these three to
 * six round trips: keep what goes inside to them.
 * Anything the write needs first (its parents) is made before, outside the hold.
 */
export async function raisedBy(t: CheckContext, what: string, write: () => Promise<void>, evidences: string): Promise<void> {
  await t.withoutOtherWrites('no other write between the reads around the write', () => readsAround(t, what, write, evidences));
}

async function readsAround(t: CheckContext, what: string, write: () => Promise<void>, evidences: string): Promise<void> {
  const before = await newestChangeVersion(t, 'newestChangeVersion before');
  await t.arrange(what, write, evidences);
  // A read replica may still answer the old value: that is SES-ACV-MONOTONIC's finding, not this
  // check's, so "after" is read again (bounded) before the write is said not to have raised it.
  let after = before;
  for (let read = 1; read <= 4 && after <= before; read++) after = await newestChangeVersion(t, `newestChangeVersion after (read ${read})`);
  ensure(after > before, `${what} should raise newestChangeVersion`, { expected: `> ${before}`, observed: after });
}
