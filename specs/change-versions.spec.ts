// Change versions (CONTRACT.md §5): availableChangeVersions, a session key change raising it, and
// minChangeVersion/maxChangeVersion as inclusive bounds on live items (GET-many, partitions). The
// raise by a create, update or delete of any resource is the family "version-raise"
// (specs/families/version-raise.ts); a key change by PUT stays here: only sessions allow one.
// Only SES-ACV-SHAPE judges the shape of availableChangeVersions; every other check reads it as
// set-up, so a broken endpoint blocks them on that requirement. Other checks write in parallel, so
// a write is only known to land in (newest before, newest after]; the exact version of a live item
// is then found by bisecting on minChangeVersion with a filter only that item matches (its
// run-unique sessionName, not a reference field), and cross-checked with maxChangeVersion.
import { check, describe, ensure, expectStatus, SESSIONS, type CheckContext } from '../src/index.js';
import { availableVersions, newestChangeVersion, raisedBy } from './support/change-versions.js';
import { sameId } from './support/ids.js';
import { findListed, type Query } from './support/isolated-set.js';
import { listPage, nonEmptyPartitions, partitionTokens, walkByCursor } from './support/walks.js';

/** Largest m in [lo, hi] with matches(min=m); requires matches(lo). */
async function bisect(matches: (q: Query) => Promise<boolean>, lo: number, hi: number): Promise<number> {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await matches({ minChangeVersion: mid })) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Creates one session between two reads of newestChangeVersion; `visible` (set-up) shows the item
 * can be found without change-version bounds. Then learns its change version with `matches` and
 * asserts both bounds inclusive.
 */
async function boundsAreInclusive(t: CheckContext, visible: (filter: Query, id: string) => Promise<void>, matchesFor: (filter: Query, id: string) => (q: Query) => Promise<boolean>): Promise<void> {
  const before = await newestChangeVersion(t, 'newestChangeVersion before');
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const filter = { sessionName: payload.sessionName };
  await visible(filter, id);
  const matches = matchesFor(filter, id);
  // A read replica may answer a newestChangeVersion from before the write: that is
  // SES-ACV-MONOTONIC's finding, not this check's. So "newest after" is read again (bounded) until
  // the window holds the item; a window that never does is this check's failure.
  let after = 0;
  let found = false;
  for (let read = 1; read <= 4 && !found; read++) {
    after = await newestChangeVersion(t, `newestChangeVersion after (read ${read})`);
    const window = { minChangeVersion: before + 1, maxChangeVersion: after };
    found = await t.step(`the window (newest before, newest after] = [${before + 1}, ${after}]`, () => matches(window));
  }
  ensure(found, 'the new item should match the window (newest before, newest after]',
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

/** Whether the partitions of `query` lead, by cursor walks, to the item `id`. */
async function inPartitions(t: CheckContext, query: Query, id: string): Promise<boolean> {
  for (const token of await partitionTokens(t, { ...query, number: 2 })) {
    if ((await walkByCursor(t, query, token, 25, { checkPages: false })).some((x) => sameId(x, id))) return true;
  }
  return false;
}

// These read the run-wide newestChangeVersion. SES-ACV-MONOTONIC's back-to-back reads hold the
// target to themselves for those few requests (t.exclusive): no other write, nor another read,
// which moves a load balancer on. The reads around a raising write (raisedBy) only keep the other
// writes out (t.withoutOtherWrites): a read moves no change version. Either hold keeps out this
// file's other checks as well as every other file's, so they need not also run one after another
// (which held this file's thread, and the bounds checks below, for the whole chain against a
// remote host). SES-ACV-SHAPE and SES-ACV-OLDEST-ZERO judge one read each, which no write moves.
describe('availableChangeVersions', () => {
  check('SES-ACV-SHAPE', 'availableChangeVersions gives oldest and newest as integers', async (t) => {
    await t.step('GET availableChangeVersions', () => availableVersions(t));
  }, { requires: ['changeQueries'] });

  check('SES-ACV-OLDEST-ZERO', 'oldestChangeVersion is 0', async (t) => {
    const v = await t.arrange('read availableChangeVersions', () => availableVersions(t), 'SES-ACV-SHAPE');
    ensure(v.oldestChangeVersion === 0, 'oldestChangeVersion should be 0', { expected: 0, observed: v.oldestChangeVersion });
  }, { requires: ['changeQueries'] });

  check('SES-ACV-MONOTONIC', 'newestChangeVersion never goes down', async (t) => {
    // Back-to-back reads first (a lagging replica shows only without writes in between), then
    // reads around a write of this check. With the target to itself, so no other check's write
    // (or read, which moves a load balancer on) lands in between; nine requests, kept that short
    // because every other request of the run waits meanwhile.
    const seen: number[] = [];
    await t.exclusive('no other request between the reads', async () => {
      for (let i = 0; i < 8; i++) {
        seen.push(await newestChangeVersion(t, `read ${i + 1}`));
        if (i === 5 && !t.target.readOnly) await t.sessions.create(t.gen.build(t.refs));
      }
    });
    ensure(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'successive reads should never decrease', { expected: 'non-decreasing', observed: seen });
  }, { requires: ['changeQueries'] });

  check('SES-ACV-RAISE-KEY-CHANGE', 'changing a session key raises newestChangeVersion', async (t) => {
    const payload = t.gen.build(t.refs);
    const { id } = await t.sessions.create(payload);
    await raisedBy(t, 'change the sessionName', async () => expectStatus(await t.sessions.update(id, t.gen.withKeyChange(payload)), 204), 'SES-PUT-KEY-CHANGE-KEEPS-ID');
  }, { requires: ['changeQueries', 'writes'] });
});

describe('minChangeVersion and maxChangeVersion on live sessions', () => {
  check('SES-GET-CV-MIN-MAX', 'on GET-many both bounds are inclusive', async (t) => {
    await boundsAreInclusive(t, (filter, id) => findListed(t, filter, id, 'GET-many by sessionName lists the new item'), (filter, id) => async (q) => {
      const { ids } = await listPage(t, { ...filter, ...q });
      return ids.some((x) => sameId(x, id));
    });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-PART-CV-MIN-MAX', 'on partitions both bounds are inclusive', async (t) => {
    const visible = async (filter: Query, id: string): Promise<void> => {
      await findListed(t, filter, id, 'GET-many by sessionName lists the new item');
      await nonEmptyPartitions(t, { ...filter, number: 2 });
      await t.arrange('walking the partitions of the sessionName filter finds the item', async () => {
        ensure(await inPartitions(t, filter, id), 'the partitions of a filter should lead to the item it matches', { expected: id, observed: 'absent' });
      }, 'SES-PART-WALK');
    };
    await boundsAreInclusive(t, visible, (filter, id) => (q) => inPartitions(t, { ...filter, ...q }, id));
  }, { requires: ['changeQueries', 'partitions', 'writes'] });
});
