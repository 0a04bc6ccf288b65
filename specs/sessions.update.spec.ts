// PUT /ed-fi/sessions/{id}: update (204), unknown id (404), malformed id (400), an id in the body
// (ignored on ODS, refused on DMS), and an unresolved reference (409).
// CONTRACT.md §3, §6, §9; seed PutSession 204, 400, 404, 409.
// "Did the PUT store its values?" and "did a refused PUT leave the item alone?" are answered from
// the representation read back, never from ETags: ETags are the ETag requirements' business.
import {
  check,
  Differences,
  describe,
  ensure,
  expectEtag,
  expectNoBody,
  expectProblem,
  expectStatus,
  ProblemType,
} from '../src/index.js';
import { expectNoneNamed } from './support/crud-lists.js';
import { readAfter } from './support/crud-reads.js';
import { expectSessionValues } from './support/crud-values.js';
import { expectUnchanged, readItem, unknownId } from './support/representation.js';

describe('PUT /ed-fi/sessions/{id}', () => {
  check('SES-PUT-204-UPDATED', 'a valid PUT answers 204 with no body and a new ETag, and the change is stored', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const changed = t.gen.withNonKeyChange(payload);
    const ex = await t.step('PUT it with totalInstructionalDays changed', () => t.sessions.update(created.id, changed));
    expectStatus(ex, 204);
    expectNoBody(ex);
    expectEtag(ex);
    if (t.decide(Differences.putLocation)) {
      // ODS answers a PUT with the item's Location (the request URL without a trailing slash).
      const location = ex.headers['location'] ?? '';
      ensure(location.toLowerCase().endsWith(`/ed-fi/sessions/${created.id}`.toLowerCase()), 'a PUT 204 should carry the Location of the item', {
        expected: `…/ed-fi/sessions/${created.id}`,
        observed: location || '(no Location)',
      }, ex);
    }
    // Whether the GET then answers the PUT's ETag is SES-ETAG-BODY-MATCHES-HEADER's check.
    const after = await readItem(t, created.id, 'read the item after the PUT');
    await expectSessionValues(t, after.exchange, changed, 'the PUT values should be stored');
  });

  check('SES-PUT-404-UNKNOWN-ID', 'a PUT to an id that names no session answers 404 and creates nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const id = unknownId(t);
    const ex = await t.step('PUT a valid session to a random id', () => t.sessions.update(id, payload));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
    // Only a 200 would show an item; any other answer leaves the list below to decide.
    const after = await t.step('GET the random id', () => t.sessions.get(id));
    ensure(after.status !== 200, 'a refused PUT should not create the item under the route id', { expected: 'no item (404)', observed: `${after.status} ${after.text}` }, after);
    await expectNoneNamed(t, payload.sessionName, 'a refused PUT should create nothing');
  });

  check('SES-PUT-404-UNKNOWN-ID', 'a PUT with If-Match to an id that names no session still answers 404', async (t) => {
    const ex = await t.step('PUT to a random id with If-Match', () =>
      t.sessions.update(unknownId(t), t.gen.build(t.refs), { ifMatch: '"5250374366428622464"' }));
    // DMS answers a conditional write to a missing item with 412 (register: conditional-write-missing-item).
    const allowed = t.decide(Differences.conditionalWriteToMissingItem);
    expectStatus(ex, allowed);
    if (ex.status === 404) expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-PUT-400-MALFORMED-ID', 'a PUT to a malformed id answers 400 naming $.id', async (t) => {
    const ex = await t.step('PUT a valid session to /ed-fi/sessions/not-a-guid', () => t.sessions.update('not-a-guid', t.gen.build(t.refs)));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
  });

  check('SES-PUT-BODY-ID-IGNORED', 'an id in the PUT body that differs from the route is ignored: the route id is updated', async (t) => {
    if (t.decide(Differences.putBodyIdDiffering) !== 'ignored') t.skip(`this run's profile (${t.target.profile}) does not expect a differing body id to be ignored (register: put-body-id)`, `profile:${t.target.profile}`);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const otherId = unknownId(t);
    const changed = { ...t.gen.withNonKeyChange(payload), id: otherId };
    const ex = await t.step('PUT with another id in the body', () => t.sessions.update(created.id, changed));
    expectStatus(ex, 204);
    const after = await readItem(t, created.id, 'read the route id after the PUT');
    await expectSessionValues(t, after.exchange, changed, 'the route id should be the item updated');
    const other = await t.step('GET the id from the body', () => t.sessions.get(otherId));
    ensure(other.status !== 200, 'the body id should not name an item', { expected: 'no item (404)', observed: `${other.status} ${other.text}` }, other);
  });

  check('SES-PUT-BODY-ID-OMITTED', 'a PUT body without an id is answered as the profile says: updated, or refused with the item unchanged', async (t) => {
    const expected = t.decide(Differences.putBodyIdOmitted);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    const changed = t.gen.withNonKeyChange(payload);
    const ex = await t.step('PUT the change with no id in the body', () => t.sessions.update(created.id, changed, { exactBody: true }));
    expectStatus(ex, expected === 'accepted' ? [204] : expected === 'rejected' ? [400] : [204, 400]);
    if (ex.status === 204) {
      const after = await readItem(t, created.id, 'read the item after the PUT');
      await expectSessionValues(t, after.exchange, changed, 'an id-less PUT that answered 204 should have updated the route id');
    } else {
      expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused id-less PUT should leave the item as it was');
    }
  });

  check('SES-PUT-BODY-ID-REJECTED', 'an id in the PUT body that differs from the route is refused with 400, item unchanged', async (t) => {
    if (t.decide(Differences.putBodyIdDiffering) !== 'rejected') t.skip(`this run's profile (${t.target.profile}) does not expect a differing body id to be refused (register: put-body-id)`, `profile:${t.target.profile}`);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    const ex = await t.step('PUT with another id in the body', () =>
      t.sessions.update(created.id, { ...t.gen.withNonKeyChange(payload), id: unknownId(t) }));
    expectStatus(ex, 400);
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused PUT should leave the item as it was');
  });

  check('SES-PUT-409-UNRESOLVED', 'a PUT adding an academic week that does not exist answers 409, item unchanged', async (t) => {
    const payload = t.gen.build(t.refs, { gradingPeriods: [], academicWeeks: [] });
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    const broken = {
      ...payload,
      academicWeeks: [{ academicWeekReference: { schoolId: t.refs.schoolId, weekIdentifier: `NoSuchWeek-${t.target.runTag}-${t.seed % 100000}` } }],
    };
    const ex = await t.step('PUT it with an unknown academic week', () => t.sessions.update(created.id, broken));
    expectStatus(ex, t.decide(Differences.unresolvedReference));
    expectProblem(ex, { status: ex.status, type: ProblemType.unresolvedReference });
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused PUT should leave the item as it was (no child added)');
  });
});
