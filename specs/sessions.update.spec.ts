// PUT /ed-fi/sessions/{id}: update (204), unknown id (404), malformed id (400), an id in the body
// (ignored on ODS, refused on DMS), and an unresolved reference (409).
// CONTRACT.md §3, §6, §9; seed PutSession 204, 400, 404, 409.
import { randomUUID } from 'node:crypto';
import {
  check,
  describe,
  ensure,
  expectEtag,
  expectNoBody,
  expectProblem,
  expectStatus,
  ProblemType,
  SESSIONS,
  type CheckContext,
} from '../src/index.js';

const unknownId = (profile: string): string => (profile === 'ods-7.3' ? randomUUID().replace(/-/g, '') : randomUUID());

/** Re-reads an item and returns its body and ETag header (never trusts the write's own answer). */
async function reread(t: CheckContext, id: string): Promise<{ body: Record<string, unknown>; etag: string }> {
  const ex = await t.step('re-read the item', () => t.sessions.get(id));
  expectStatus(ex, 200);
  return { body: ex.json as Record<string, unknown>, etag: expectEtag(ex) };
}

describe('PUT /ed-fi/sessions/{id}', () => {
  check('SES-PUT-204-UPDATED', '01 a valid PUT answers 204 with no body and a new ETag, and the change is stored', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const changed = t.gen.withNonKeyChange(payload);
    const ex = await t.step('PUT it with totalInstructionalDays changed', () => t.sessions.update(created.id, changed));
    expectStatus(ex, 204);
    expectNoBody(ex);
    const etag = expectEtag(ex);
    if (t.target.profile === 'ods-7.3') {
      // ODS answers a PUT with the item's Location (the request URL without a trailing slash).
      const location = ex.headers['location'] ?? '';
      ensure(location.toLowerCase().endsWith(`/ed-fi/sessions/${created.id}`.toLowerCase()), 'a PUT 204 should carry the Location of the item', {
        expected: `…/ed-fi/sessions/${created.id}`,
        observed: location || '(no Location)',
      }, ex);
    }
    const after = await reread(t, created.id);
    ensure(after.body.totalInstructionalDays === changed.totalInstructionalDays, 'the PUT value should be stored', {
      expected: changed.totalInstructionalDays,
      observed: after.body.totalInstructionalDays,
    });
    ensure(after.etag === etag, 'the ETag of the PUT should be the ETag the item now has', { expected: etag, observed: after.etag });
  });

  check('SES-PUT-404-UNKNOWN-ID', '02 a PUT to an id that names no session answers 404 and creates nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const id = unknownId(t.target.profile);
    const ex = await t.step('PUT a valid session to a random id', () => t.sessions.update(id, payload));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
    const after = await t.step('GET the random id', () => t.sessions.get(id));
    expectStatus(after, 404);
    const byName = await t.step('GET-many by the sent name', () => t.api.get(SESSIONS, { query: { sessionName: payload.sessionName } }));
    expectStatus(byName, 200);
    ensure(Array.isArray(byName.json) && byName.json.length === 0, 'a refused PUT should create nothing', { expected: [], observed: byName.json }, byName);
  });

  check('SES-PUT-404-UNKNOWN-ID', '03 a PUT with If-Match to an id that names no session still answers 404', async (t) => {
    const ex = await t.step('PUT to a random id with If-Match', () =>
      t.sessions.update(unknownId(t.target.profile), t.gen.build(t.refs), { ifMatch: '"5250374366428622464"' }));
    // DMS answers a conditional write to a missing item with 412 (CONTRACT.md §3, DMS etag scenario 09).
    if (t.target.profile === 'dms') expectStatus(ex, [404, 412]);
    else expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-PUT-400-MALFORMED-ID', '04 a PUT to a malformed id answers 400 naming $.id', async (t) => {
    const ex = await t.step('PUT a valid session to /ed-fi/sessions/not-a-guid', () => t.sessions.update('not-a-guid', t.gen.build(t.refs)));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
  });

  check('SES-PUT-BODY-ID-IGNORED', '05 an id in the PUT body that differs from the route is ignored: the route id is updated', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const otherId = unknownId(t.target.profile);
    const changed = { ...t.gen.withNonKeyChange(payload), id: otherId };
    const ex = await t.step('PUT with another id in the body', () => t.sessions.update(created.id, changed));
    expectStatus(ex, 204);
    const after = await reread(t, created.id);
    ensure(after.body.totalInstructionalDays === changed.totalInstructionalDays, 'the route id should be the item updated', {
      expected: changed.totalInstructionalDays,
      observed: after.body.totalInstructionalDays,
    });
    const other = await t.step('GET the id from the body', () => t.sessions.get(otherId));
    expectStatus(other, 404);
  });

  check('SES-PUT-BODY-ID-REJECTED', '06 an id in the PUT body that differs from the route is refused with 400, item unchanged', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await reread(t, created.id);
    const ex = await t.step('PUT with another id in the body', () =>
      t.sessions.update(created.id, { ...t.gen.withNonKeyChange(payload), id: unknownId(t.target.profile) }));
    expectStatus(ex, 400);
    const after = await reread(t, created.id);
    ensure(after.etag === before.etag && after.body.totalInstructionalDays === payload.totalInstructionalDays, 'a refused PUT should leave the item as it was', {
      expected: { etag: before.etag, totalInstructionalDays: payload.totalInstructionalDays },
      observed: { etag: after.etag, totalInstructionalDays: after.body.totalInstructionalDays },
    });
  });

  check('SES-PUT-409-UNRESOLVED', '07 a PUT adding an academic week that does not exist answers 409, item unchanged', async (t) => {
    const payload = t.gen.build(t.refs, { gradingPeriods: [], academicWeeks: [] });
    const created = await t.step('POST a session without children', () => t.sessions.create(payload));
    const before = await reread(t, created.id);
    const broken = {
      ...payload,
      academicWeeks: [{ academicWeekReference: { schoolId: t.refs.schoolId, weekIdentifier: `NoSuchWeek-${t.target.runTag}-${t.seed % 100000}` } }],
    };
    const ex = await t.step('PUT it with an unknown academic week', () => t.sessions.update(created.id, broken));
    expectProblem(ex, { status: 409, type: ProblemType.unresolvedReference });
    const after = await reread(t, created.id);
    ensure(after.etag === before.etag, 'a refused PUT should leave the ETag unchanged', { expected: before.etag, observed: after.etag });
    const weeks = (after.body.academicWeeks ?? []) as unknown[];
    ensure(weeks.length === 0, 'a refused PUT should add no child', {
      expected: [],
      observed: after.body.academicWeeks,
    });
  });
});
