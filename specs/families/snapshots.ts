// Family "snapshots": the Use-Snapshot request header on the reads of any resource (ODS 7.x,
// CONTRACT.md §5). Without a snapshot every GET endpoint answers 404 "Snapshot not found"; with
// one, reads with the header see the data as of the snapshot, so what this run wrote is invisible
// there. A 200 alone cannot tell "a snapshot is configured" from "the header was ignored" (DMS
// ignores it by design, ANCHORS-2 §2.4 item 2), so each check first writes something of its own
// and shows it visible live (set-up), then repeats the read with the header: its own data served
// means the header was ignored (a failure, or expected where the profile register says so); a 200
// without it means a snapshot is configured (a skip quoting the answer). Writes with the header
// (405) are the family "methods". Use-Snapshot belongs to the change-queries feature: a host with
// change queries switched off drops the header from its API (CONTRACT.md §5, "Disabling"), so
// ignoring it there is no deviation.
import { check, describe, Differences, ensure, expectProblem, expectStatus, ProblemType, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectServes, type ListEndpoint } from '../support/access.js';
import { eventually } from '../support/eventually.js';
import { sameId } from '../support/ids.js';
import { findListed, type Query } from '../support/isolated-set.js';
import { readItem } from '../support/representation.js';
import { nameMemberOf } from '../support/resources.js';
import { ownChange, trackedLists } from '../support/tracked-changes.js';
import { nonEmptyPartitions } from '../support/walks.js';

const USE_SNAPSHOT = { 'use-snapshot': 'true' };

/** A read to repeat with Use-Snapshot: true, and how to tell whether an answer holds this run's own data. */
interface SnapshotRead {
  path: string;
  query: Query;
  /** Absent in a read-only run, which has no data of its own. */
  own?: { what: string; servedIn(ex: Exchange): boolean };
}

const idsIn = (ex: Exchange): unknown[] => (Array.isArray(ex.json) ? (ex.json as Array<{ id?: unknown }>).map((i) => i.id) : []);
const quote = (ex: Exchange): string => `GET ${ex.request.url} with Use-Snapshot: true answered ${ex.status}${ex.text ? ` ${ex.text.length > 160 ? `${ex.text.slice(0, 160)}…` : ex.text}` : ''}`;

/** The 404 of a read with Use-Snapshot when no snapshot exists: not-found, saying why where the register asks. */
function saysSnapshotMissing(t: CheckContext, ex: Exchange): void {
  const body = expectProblem(ex, { status: 404, type: ProblemType.notFound });
  if (!t.decide(Differences.snapshotNotFoundExplained)) return;
  ensure(/snapshot/i.test(JSON.stringify([body.detail, body.errors])), 'the 404 should say that the snapshot is missing', { expected: 'detail or errors mentioning the snapshot', observed: { detail: body.detail, errors: body.errors } }, ex);
}

/** A read with the header served this run's own data: the header was ignored. */
function headerIgnored(t: CheckContext, ex: Exchange, own: string): void {
  if (t.decide(Differences.useSnapshot) === 'ignored') {
    t.skip(`this profile ignores Use-Snapshot by design (profile register: use-snapshot): ${quote(ex).slice(0, 200)}, serving ${own}`, `profile:${t.target.profile}`);
  }
  ensure(false, 'a read with Use-Snapshot: true should not serve data written after any snapshot: the header was ignored', {
    expected: '404 not-found (no snapshot), or the snapshot without this data', observed: `200 with ${own}`,
  }, ex);
}

/** Repeats `read` with Use-Snapshot: true on a target whose snapshot state is unknown, and judges the answer. */
async function judgeSnapshotRead(t: CheckContext, read: SnapshotRead): Promise<void> {
  const ex = await t.step('with Use-Snapshot: true', () => t.api.get(read.path, { query: read.query, headers: USE_SNAPSHOT }));
  if (ex.status === 200) {
    if (!read.own) t.skip(`the run is read-only, so a configured snapshot cannot be told from an ignored header: ${quote(ex)}`, 'writes');
    if (read.own.servedIn(ex)) return headerIgnored(t, ex, read.own.what);
    t.skip(`a snapshot is configured: ${quote(ex)}, without ${read.own.what}`, 'snapshotAbsent');
  }
  saysSnapshotMissing(t, ex);
}

/** Set-up: an item created now, listed live under its run-unique name member (sessionName, localCourseCode). */
async function newListedItem(t: CheckContext, d: AnyResourceDescriptor): Promise<{ id: string; filter: Query }> {
  const r = t.resource(d.name);
  const payload = await r.prepare();
  const { id } = await r.create(payload);
  const member = nameMemberOf(d);
  const filter = { [member]: payload[member] as string };
  await findListed(t, filter, id, `GET-many by ${member} lists the new ${d.title.replace(/^an? /, '')} (no header)`, d);
  return { id, filter };
}

/** Set-up for /deletes and /keyChanges: this run's own change, found live; in a read-only run, that the list serves. */
async function trackedRead(t: CheckContext, d: AnyResourceDescriptor, kind: 'deletes' | 'keyChanges'): Promise<SnapshotRead> {
  const list = trackedLists(d)[kind];
  if (t.target.readOnly) {
    await expectServes(t, list);
    return { path: list.path, query: list.query };
  }
  const { id, from } = await ownChange(t, list);
  return { path: list.path, query: { minChangeVersion: from }, own: { what: `the change this run made to ${id}`, servedIn: (ex) => idsIn(ex).some((i) => sameId(i, id)) } };
}

export const snapshots: Family = {
  name: 'snapshots',
  about: 'Use-Snapshot on reads: 404 without a snapshot on GET-many, by id, partitions, /deletes, /keyChanges; items created after a snapshot invisible through it',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const LIST: ListEndpoint = { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST') };
    const PARTITIONS = `${d.path}/partitions`;
    const noun = d.title.replace(/^an? /, '');
    const member = nameMemberOf(d);

    describe('Use-Snapshot reads on the main target', () => {
      check(id('GET-404-SNAPSHOT'), 'GET-many with Use-Snapshot: true answers 404 snapshot not found', async (t) => {
        if (t.target.readOnly) {
          await expectServes(t, LIST);
          return judgeSnapshotRead(t, { path: d.path, query: LIST.query });
        }
        const { id: mine, filter } = await newListedItem(t, d);
        await judgeSnapshotRead(t, { path: d.path, query: filter, own: { what: `the ${noun} ${mine} created during this run`, servedIn: (ex) => idsIn(ex).some((i) => sameId(i, mine)) } });
      }, { requires: ['changeQueries'] });

      check(id('GETID-404-SNAPSHOT'), `GET by id of ${d.title} created now, with Use-Snapshot: true, answers 404`, async (t) => {
        // 404 either way: without a snapshot ("Snapshot not found"), or with one taken before the
        // item existed. So this check also runs on a target that has a snapshot.
        const { id: mine, filter } = await newListedItem(t, d);
        await readItem(t, mine, `GET the ${noun} by id (no header)`, d);
        const ex = await t.step('with Use-Snapshot: true', () => t.resource(d.name).get(mine, { headers: USE_SNAPSHOT }));
        if (ex.status === 200 && sameId((ex.json as { id?: unknown } | undefined)?.id, mine)) return headerIgnored(t, ex, `the ${noun} ${mine} created during this run`);
        // The body must say the snapshot is missing only when there is none: a GET-many with the
        // header answers 404 then (with a snapshot it answers 200 from the snapshot).
        const list = await t.step('is a snapshot configured? (GET-many with Use-Snapshot: true)', () => t.api.get(d.path, { query: filter, headers: USE_SNAPSHOT }));
        if (list.status === 404) saysSnapshotMissing(t, ex);
        else expectProblem(ex, { status: 404, type: ProblemType.notFound });
      }, { requires: ['writes', 'changeQueries'] });

      check(id('PART-404-SNAPSHOT'), 'partitions with Use-Snapshot: true answer 404', async (t) => {
        if (t.target.readOnly) {
          await expectServes(t, { path: PARTITIONS, query: { number: 1 }, serves: id('PART-200') });
          return judgeSnapshotRead(t, { path: PARTITIONS, query: { number: 1 } });
        }
        const { id: mine, filter } = await newListedItem(t, d);
        const query = { ...filter, number: 1 };
        await nonEmptyPartitions(t, query, `the partitions of the new ${noun} (no header)`, d);
        const tokensIn = (ex: Exchange): number => ((ex.json as { pageTokens?: unknown[] } | undefined)?.pageTokens ?? []).length;
        await judgeSnapshotRead(t, { path: PARTITIONS, query, own: { what: `a partition of the ${noun} ${mine} created during this run`, servedIn: (ex) => tokensIn(ex) > 0 } });
      }, { requires: ['partitions', 'changeQueries'] });

      check(id('DELETES-404-SNAPSHOT'), '/deletes with Use-Snapshot: true answers 404', async (t) => {
        await judgeSnapshotRead(t, await trackedRead(t, d, 'deletes'));
      }, { requires: ['changeQueries'] });

      check(id('KEYCHG-404-SNAPSHOT'), '/keyChanges with Use-Snapshot: true answers 404', async (t) => {
        await judgeSnapshotRead(t, await trackedRead(t, d, 'keyChanges'));
      }, { requires: ['changeQueries'] });
    });

    describe('Use-Snapshot on a target with a snapshot', () => {
      check(id('SNAP-ISOLATION'), `${d.title} created after the snapshot is invisible through it`, async (t) => {
        const snap = t.secondary('snapshot');
        const r = snap.resource(d.name);
        const payload = await r.prepare();
        const { id: mine } = await t.step(`create ${d.title} on the snapshot target`, () => r.create(payload));
        const byName = { [member]: payload[member] as string };
        await t.arrange('by id, live', async () => expectStatus(await r.get(mine), 200), id('GETBYID-200-FOUND'));
        await t.arrange(`by ${member}, live`, async () => {
          const live = await eventually(() => snap.api.get(d.path, { query: byName }), (ex) => idsIn(ex).some((i) => sameId(i, mine)));
          ensure(idsIn(live).some((i) => sameId(i, mine)), `the new ${noun} should be listed without the header`, { expected: mine, observed: live.text }, live);
        }, id('GET-200-LIST'));

        const own = `the ${noun} ${mine} created after the snapshot`;
        const byId = await t.step('by id, through the snapshot', () => r.get(mine, { headers: USE_SNAPSHOT }));
        if (byId.status === 200) return headerIgnored(t, byId, own);
        expectProblem(byId, { status: 404, type: ProblemType.notFound });
        const inSnap = await t.step(`by ${member}, through the snapshot`, () => snap.api.get(d.path, { query: byName, headers: USE_SNAPSHOT }));
        ensure(inSnap.status === 200 && Array.isArray(inSnap.json), 'GET-many through the snapshot should answer a JSON array', { expected: '200 […]', observed: `${inSnap.status} ${inSnap.text}` }, inSnap);
        if (idsIn(inSnap).some((i) => sameId(i, mine))) headerIgnored(t, inSnap, own);
      }, { requires: ['snapshotTarget', 'writes'] });
    });
  },
};
