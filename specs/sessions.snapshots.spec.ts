// The Use-Snapshot request header on reads (ODS 7.x, CONTRACT.md §5). On a target without a
// snapshot every GET endpoint answers 404 "Snapshot not found"; on a target with one, reads with
// the header see the data as of the snapshot, so sessions created afterwards are invisible there.
// Writes with the header (405, Allow: GET) are checked under the seed-pair ids of the CRUD specs.
import {
  check, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';

const USE_SNAPSHOT = { 'use-snapshot': 'true' };

function saysSnapshot(t: CheckContext, ex: Exchange): void {
  const body = expectProblem(ex, { status: 404, type: ProblemType.notFound });
  if (t.target.profile === 'guidelines') return;
  const text = JSON.stringify([body.detail, body.errors]);
  ensure(/snapshot/i.test(text), 'the 404 should say that the snapshot is missing', { expected: 'detail or errors mentioning the snapshot', observed: { detail: body.detail, errors: body.errors } }, ex);
}

describe('Use-Snapshot reads on the main target', () => {
  check('SES-GET-404-SNAPSHOT', '01 GET-many with Use-Snapshot: true answers 404 snapshot not found', async (t) => {
    const plain = await t.step('without the header', () => t.api.get(SESSIONS, { query: { limit: 1 } }));
    expectStatus(plain, 200);
    saysSnapshot(t, await t.step('with Use-Snapshot: true', () => t.api.get(SESSIONS, { query: { limit: 1 }, headers: USE_SNAPSHOT })));
  }, { requires: ['snapshotAbsent'] });

  check('SES-GETID-404-SNAPSHOT', '02 GET by id of a session created now, with Use-Snapshot: true, answers 404', async (t) => {
    // 404 either way: without a snapshot ("Snapshot not found"), or with one taken before the
    // session existed. So this check also runs on a target that claims a snapshot.
    const { id } = await t.sessions.create(t.gen.build(t.refs));
    expectStatus(await t.step('without the header', () => t.sessions.get(id)), 200);
    const ex = await t.step('with Use-Snapshot: true', () => t.sessions.get(id, { headers: USE_SNAPSHOT }));
    if (t.target.capabilities.snapshotAbsent) saysSnapshot(t, ex);
    else expectProblem(ex, { status: 404, type: ProblemType.notFound });
  }, { requires: ['writes'] });

  check('SES-PART-404-SNAPSHOT', '03 partitions with Use-Snapshot: true answer 404', async (t) => {
    expectStatus(await t.step('without the header', () => t.api.get(`${SESSIONS}/partitions`, { query: { number: 1 } })), 200);
    saysSnapshot(t, await t.step('with Use-Snapshot: true', () => t.api.get(`${SESSIONS}/partitions`, { query: { number: 1 }, headers: USE_SNAPSHOT })));
  }, { requires: ['snapshotAbsent', 'partitions'] });

  check('SES-DELETES-404-SNAPSHOT', '04 /deletes with Use-Snapshot: true answers 404', async (t) => {
    expectStatus(await t.step('without the header', () => t.api.get(`${SESSIONS}/deletes`, { query: { limit: 1 } })), 200);
    saysSnapshot(t, await t.step('with Use-Snapshot: true', () => t.api.get(`${SESSIONS}/deletes`, { query: { limit: 1 }, headers: USE_SNAPSHOT })));
  }, { requires: ['snapshotAbsent', 'changeQueries'] });

  check('SES-KEYCHG-404-SNAPSHOT', '05 /keyChanges with Use-Snapshot: true answers 404', async (t) => {
    expectStatus(await t.step('without the header', () => t.api.get(`${SESSIONS}/keyChanges`, { query: { limit: 1 } })), 200);
    saysSnapshot(t, await t.step('with Use-Snapshot: true', () => t.api.get(`${SESSIONS}/keyChanges`, { query: { limit: 1 }, headers: USE_SNAPSHOT })));
  }, { requires: ['snapshotAbsent', 'changeQueries'] });
});

describe('Use-Snapshot on a target with a snapshot', () => {
  check('SES-SNAP-ISOLATION', '06 a session created after the snapshot is invisible through it', async (t) => {
    const snap = t.secondary('snapshot');
    const payload = t.gen.build(t.refs);
    const { id } = await t.step('create a session on the snapshot target', () => snap.sessions.create(payload));
    const byKey = { schoolId: payload.schoolReference.schoolId, schoolYear: payload.schoolYearTypeReference.schoolYear, sessionName: payload.sessionName };
    const listIds = (ex: Exchange): unknown[] => {
      expectStatus(ex, 200);
      ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
      return (ex.json as Array<{ id?: unknown }>).map((i) => i.id);
    };

    expectStatus(await t.step('by id, live', () => snap.sessions.get(id)), 200);
    const live = listIds(await t.step('by natural key, live', () => snap.api.get(SESSIONS, { query: byKey })));
    ensure(live.includes(id), 'the new session should be visible without the header', { expected: id, observed: live });

    const byId = await t.step('by id, through the snapshot', () => snap.sessions.get(id, { headers: USE_SNAPSHOT }));
    expectProblem(byId, { status: 404, type: ProblemType.notFound });
    const inSnap = listIds(await t.step('by natural key, through the snapshot', () => snap.api.get(SESSIONS, { query: byKey, headers: USE_SNAPSHOT })));
    ensure(!inSnap.includes(id), 'a session created after the snapshot should not be in it', { expected: 'absent', observed: inSnap });
  }, { requires: ['snapshotTarget', 'writes'] });
});
