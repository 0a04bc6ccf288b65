// availableChangeVersions as the change-query checks read it. Its shape is SES-ACV-SHAPE's to judge
// (change-versions.spec.ts); every other check only needs newestChangeVersion to know where the
// window of its own write starts, a set-up step evidencing SES-ACV-SHAPE, so a host whose
// availableChangeVersions is broken blocks those checks instead of failing them. Other checks
// write in parallel, so a check only knows its write lands at or after (newest before) + 1; it
// then finds its own item from there and takes the item's own change version.
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
