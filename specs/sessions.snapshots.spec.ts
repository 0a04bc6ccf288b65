// The Use-Snapshot request header on reads (ODS 7.x, CONTRACT.md §5). Without a snapshot every GET
// endpoint answers 404 "Snapshot not found"; with one, reads with the header see the data as of
// the snapshot, so what this run wrote is invisible there. A 200 alone cannot tell "a snapshot is
// configured" from "the header was ignored" (DMS ignores it by design, ANCHORS-2 §2.4 item 2), so
// each check first writes something of its own and shows it visible live (set-up), then repeats the
// read with the header: its own data served means the header was ignored (a failure, or expected
// where the profile register says so); a 200 without it means a snapshot is configured (a skip
// quoting the answer). Writes with the header (405) are checked in sessions.methods.spec.ts.
import { check, describe, Differences, ensure, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';
import { expectServes, type ListEndpoint } from './support/access.js';
import { eventually } from './support/eventually.js';
import { sameId } from './support/ids.js';
import { findListed, FILTER_REQUIREMENT, type Query } from './support/isolated-set.js';
import { readItem } from './support/representation.js';
import { DELETES, KEY_CHANGES, ownChange, type TrackedList } from './support/tracked-changes.js';
import { nonEmptyPartitions, PARTITIONS } from './support/walks.js';

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

/** Set-up: a session created now, listed live under its run-unique sessionName. */
async function newListedSession(t: CheckContext): Promise<{ id: string; filter: Query }> {
  const payload = t.gen.build(t.refs);
  const { id } = await t.sessions.create(payload);
  const filter = { sessionName: payload.sessionName };
  await findListed(t, filter, id, 'GET-many by sessionName lists the new session (no header)');
  return { id, filter };
}

/** Set-up for /deletes and /keyChanges: this run's own change, found live; in a read-only run, that the list serves. */
async function trackedRead(t: CheckContext, list: TrackedList): Promise<SnapshotRead> {
  if (t.target.readOnly) {
    await expectServes(t, list);
    return { path: list.path, query: list.query };
  }
  const { id, from } = await ownChange(t, list);
  return { path: list.path, query: { minChangeVersion: from }, own: { what: `the change this run made to ${id}`, servedIn: (ex) => idsIn(ex).some((i) => sameId(i, id)) } };
}

const LIST: ListEndpoint = { path: SESSIONS, query: { limit: 1 }, serves: FILTER_REQUIREMENT };

// Use-Snapshot belongs to the change-queries feature: a host with change queries switched off
// drops the header from its API (CONTRACT.md §5, "Disabling"), so ignoring it there is no deviation.
describe('Use-Snapshot reads on the main target', () => {
  check('SES-GET-404-SNAPSHOT', 'GET-many with Use-Snapshot: true answers 404 snapshot not found', async (t) => {
    if (t.target.readOnly) {
      await expectServes(t, LIST);
      return judgeSnapshotRead(t, { path: SESSIONS, query: LIST.query });
    }
    const { id, filter } = await newListedSession(t);
    await judgeSnapshotRead(t, { path: SESSIONS, query: filter, own: { what: `the session ${id} created during this run`, servedIn: (ex) => idsIn(ex).some((i) => sameId(i, id)) } });
  }, { requires: ['changeQueries'] });

  check('SES-GETID-404-SNAPSHOT', 'GET by id of a session created now, with Use-Snapshot: true, answers 404', async (t) => {
    // 404 either way: without a snapshot ("Snapshot not found"), or with one taken before the
    // session existed. So this check also runs on a target that has a snapshot.
    const { id, filter } = await newListedSession(t);
    await readItem(t, id, 'GET the session by id (no header)');
    const ex = await t.step('with Use-Snapshot: true', () => t.sessions.get(id, { headers: USE_SNAPSHOT }));
    if (ex.status === 200 && sameId((ex.json as { id?: unknown } | undefined)?.id, id)) return headerIgnored(t, ex, `the session ${id} created during this run`);
    // The body must say the snapshot is missing only when there is none: a GET-many with the
    // header answers 404 then (with a snapshot it answers 200 from the snapshot).
    const list = await t.step('is a snapshot configured? (GET-many with Use-Snapshot: true)', () => t.api.get(SESSIONS, { query: filter, headers: USE_SNAPSHOT }));
    if (list.status === 404) saysSnapshotMissing(t, ex);
    else expectProblem(ex, { status: 404, type: ProblemType.notFound });
  }, { requires: ['writes', 'changeQueries'] });

  check('SES-PART-404-SNAPSHOT', 'partitions with Use-Snapshot: true answer 404', async (t) => {
    if (t.target.readOnly) {
      await expectServes(t, { path: PARTITIONS, query: { number: 1 }, serves: 'SES-PART-200' });
      return judgeSnapshotRead(t, { path: PARTITIONS, query: { number: 1 } });
    }
    const { id, filter } = await newListedSession(t);
    const query = { ...filter, number: 1 };
    await nonEmptyPartitions(t, query, 'the partitions of the new session (no header)');
    const tokensIn = (ex: Exchange): number => ((ex.json as { pageTokens?: unknown[] } | undefined)?.pageTokens ?? []).length;
    await judgeSnapshotRead(t, { path: PARTITIONS, query, own: { what: `a partition of the session ${id} created during this run`, servedIn: (ex) => tokensIn(ex) > 0 } });
  }, { requires: ['partitions', 'changeQueries'] });

  check('SES-DELETES-404-SNAPSHOT', '/deletes with Use-Snapshot: true answers 404', async (t) => {
    await judgeSnapshotRead(t, await trackedRead(t, DELETES));
  }, { requires: ['changeQueries'] });

  check('SES-KEYCHG-404-SNAPSHOT', '/keyChanges with Use-Snapshot: true answers 404', async (t) => {
    await judgeSnapshotRead(t, await trackedRead(t, KEY_CHANGES));
  }, { requires: ['changeQueries'] });
});

describe('Use-Snapshot on a target with a snapshot', () => {
  check('SES-SNAP-ISOLATION', 'a session created after the snapshot is invisible through it', async (t) => {
    const snap = t.secondary('snapshot');
    const payload = t.gen.build(t.refs);
    const { id } = await t.step('create a session on the snapshot target', () => snap.sessions.create(payload));
    const byName = { sessionName: payload.sessionName };
    await t.arrange('by id, live', async () => expectStatus(await snap.sessions.get(id), 200), 'SES-GETBYID-200-FOUND');
    await t.arrange('by sessionName, live', async () => {
      const live = await eventually(() => snap.api.get(SESSIONS, { query: byName }), (ex) => idsIn(ex).some((i) => sameId(i, id)));
      ensure(idsIn(live).some((i) => sameId(i, id)), 'the new session should be listed without the header', { expected: id, observed: live.text }, live);
    }, FILTER_REQUIREMENT);

    const own = `the session ${id} created after the snapshot`;
    const byId = await t.step('by id, through the snapshot', () => snap.sessions.get(id, { headers: USE_SNAPSHOT }));
    if (byId.status === 200) return headerIgnored(t, byId, own);
    expectProblem(byId, { status: 404, type: ProblemType.notFound });
    const inSnap = await t.step('by sessionName, through the snapshot', () => snap.api.get(SESSIONS, { query: byName, headers: USE_SNAPSHOT }));
    ensure(inSnap.status === 200 && Array.isArray(inSnap.json), 'GET-many through the snapshot should answer a JSON array', { expected: '200 […]', observed: `${inSnap.status} ${inSnap.text}` }, inSnap);
    if (idsIn(inSnap).some((i) => sameId(i, id))) headerIgnored(t, inSnap, own);
  }, { requires: ['snapshotTarget', 'writes'] });
});
