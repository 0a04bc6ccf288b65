// Change versions (CONTRACT.md §5): availableChangeVersions, the writes that raise it, and
// minChangeVersion/maxChangeVersion as inclusive bounds on live items (GET-many, partitions).
// Other checks write in parallel, so a write is only known to land in (newest before, newest
// after]; the exact version of a live item is then found by bisecting on minChangeVersion with a
// filter only that item matches, and cross-checked with maxChangeVersion.
import {
  check, describe, ensure, expectStatus, nextPageToken, SESSIONS,
  type CheckContext, type SessionPayload,
} from '../src/index.js';

type Query = Record<string, string | number | boolean>;
type Versions = { oldestChangeVersion: number; newestChangeVersion: number };

async function versions(t: CheckContext): Promise<Versions> {
  const url = t.target.urls.availableChangeVersions;
  if (!url) t.skip('the target publishes no availableChangeVersions URL');
  const ex = await t.api.get(url);
  expectStatus(ex, 200);
  const body = ex.json as Partial<Versions> | undefined;
  const ok = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  ensure(body && ok(body.oldestChangeVersion) && ok(body.newestChangeVersion),
    'availableChangeVersions should answer {oldestChangeVersion, newestChangeVersion} as non-negative integers',
    { expected: '{ "oldestChangeVersion": n, "newestChangeVersion": m }', observed: ex.text }, ex);
  ensure(body.oldestChangeVersion! <= body.newestChangeVersion!, 'oldestChangeVersion should not exceed newestChangeVersion', { expected: 'oldest <= newest', observed: body }, ex);
  return body as Versions;
}

const newest = async (t: CheckContext): Promise<number> => (await versions(t)).newestChangeVersion;

async function raisedBy(t: CheckContext, what: string, write: () => Promise<void>): Promise<void> {
  const before = await t.step('newestChangeVersion before', () => newest(t));
  await t.step(what, write);
  const after = await t.step('newestChangeVersion after', () => newest(t));
  ensure(after > before, `${what} should raise newestChangeVersion`, { expected: `> ${before}`, observed: after });
}

const keyOf = (p: SessionPayload): Query => ({ schoolId: p.schoolReference.schoolId, schoolYear: p.schoolYearTypeReference.schoolYear, sessionName: p.sessionName });

/** Largest m in [lo, hi] with matches(min=m); requires matches(lo). */
async function bisect(matches: (q: Query) => Promise<boolean>, lo: number, hi: number): Promise<number> {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await matches({ minChangeVersion: mid })) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Creates one session and learns its change version with `matches`; then asserts both bounds inclusive. */
async function boundsAreInclusive(t: CheckContext, matchesFor: (key: Query, id: string) => (q: Query) => Promise<boolean>): Promise<void> {
  const before = await newest(t);
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const after = await newest(t);
  const matches = matchesFor(keyOf(payload), id);
  ensure(await matches({ minChangeVersion: before + 1, maxChangeVersion: after }), 'the new item should match the window (newest before, newest after]',
    { expected: `found with minChangeVersion=${before + 1}&maxChangeVersion=${after}`, observed: 'absent' });
  const v = await t.step('find the item change version', () => bisect(matches, before + 1, after));
  const cases: Array<[Query, boolean, string]> = [
    [{ minChangeVersion: v }, true, 'minChangeVersion equal to the item version includes it'],
    [{ minChangeVersion: v + 1 }, false, 'minChangeVersion above the item version excludes it'],
    [{ maxChangeVersion: v }, true, 'maxChangeVersion equal to the item version includes it'],
    [{ maxChangeVersion: v - 1 }, false, 'maxChangeVersion below the item version excludes it'],
    [{ minChangeVersion: v, maxChangeVersion: v }, true, 'the window [v, v] includes it'],
  ];
  for (const [q, expected, what] of cases) {
    const observed = await t.step(what, () => matches(q));
    ensure(observed === expected, what, { expected: `${expected ? 'present' : 'absent'} with ${JSON.stringify(q)}`, observed: observed ? 'present' : 'absent' });
  }
}

describe('availableChangeVersions', () => {
  check('SES-ACV-SHAPE', '01 availableChangeVersions gives oldest and newest as integers', async (t) => {
    await versions(t);
  }, { requires: ['changeQueries'] });

  check('SES-ACV-OLDEST-ZERO', '02 oldestChangeVersion is 0', async (t) => {
    const v = await versions(t);
    ensure(v.oldestChangeVersion === 0, 'oldestChangeVersion should be 0', { expected: 0, observed: v.oldestChangeVersion });
  }, { requires: ['changeQueries'] });

  check('SES-ACV-MONOTONIC', '03 newestChangeVersion never goes down', async (t) => {
    // Back-to-back reads first (a lagging replica shows only without writes in between), then
    // reads around a write of this check.
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      seen.push(await newest(t));
      if (i === 5 && !t.target.readOnly) await t.sessions.create(t.gen.build(t.refs));
    }
    ensure(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'successive reads should never decrease', { expected: 'non-decreasing', observed: seen });
  }, { requires: ['changeQueries'] });

  check('SES-ACV-RAISE-CREATE', '04 creating a session raises newestChangeVersion', async (t) => {
    await raisedBy(t, 'create a session', async () => void (await t.sessions.create(t.gen.build(t.refs))));
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-ACV-RAISE-UPDATE', '05 updating a session raises newestChangeVersion', async (t) => {
    const payload = t.gen.build(t.refs);
    const { id } = await t.sessions.create(payload);
    await raisedBy(t, 'update a non-key field', async () => expectStatus(await t.sessions.update(id, t.gen.withNonKeyChange(payload)), 204));
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-ACV-RAISE-KEY-CHANGE', '06 changing a session key raises newestChangeVersion', async (t) => {
    const payload = t.gen.build(t.refs);
    const { id } = await t.sessions.create(payload);
    await raisedBy(t, 'change the sessionName', async () => expectStatus(await t.sessions.update(id, t.gen.withKeyChange(payload)), 204));
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-ACV-RAISE-DELETE', '07 deleting a session raises newestChangeVersion', async (t) => {
    const { id } = await t.sessions.create(t.gen.build(t.refs));
    await raisedBy(t, 'delete the session', async () => expectStatus(await t.sessions.delete(id), 204));
  }, { requires: ['changeQueries', 'writes'] });
});

describe('minChangeVersion and maxChangeVersion on live sessions', () => {
  check('SES-GET-CV-MIN-MAX', '08 on GET-many both bounds are inclusive', async (t) => {
    await boundsAreInclusive(t, (key, id) => async (q) => {
      const ex = await t.api.get(SESSIONS, { query: { ...key, ...q } });
      expectStatus(ex, 200);
      ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
      return (ex.json as Array<{ id?: unknown }>).some((item) => item.id === id);
    });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-PART-CV-MIN-MAX', '09 on partitions both bounds are inclusive', async (t) => {
    await boundsAreInclusive(t, (key, id) => async (q) => {
      const filter = { ...key, ...q };
      const ex = await t.api.get(`${SESSIONS}/partitions`, { query: { ...filter, number: 2, ...(t.target.profile === 'ods-7.3' ? { allowSmallPartitions: true } : {}) } });
      expectStatus(ex, 200);
      const tokens = (ex.json as { pageTokens?: unknown } | undefined)?.pageTokens;
      ensure(Array.isArray(tokens), 'partitions should answer {pageTokens: string[]}', { expected: '{ pageTokens: [...] }', observed: ex.text }, ex);
      for (const token of tokens as string[]) {
        let next: string | undefined = token;
        for (let page = 0; page < 10 && next !== undefined; page++) {
          const p = await t.api.get(SESSIONS, { query: { ...filter, pageToken: next, pageSize: 25 } });
          expectStatus(p, 200);
          const items = Array.isArray(p.json) ? (p.json as Array<{ id?: unknown }>) : [];
          if (items.some((item) => item.id === id)) return true;
          next = items.length ? nextPageToken(p) : undefined;
        }
      }
      return false;
    });
  }, { requires: ['changeQueries', 'writes', 'partitions'] });
});
