// ETags: present and quoted on every answer that carries a representation's version, equal to the
// body's _etag, changed by real changes only, and honoured by If-None-Match on GET by id.
// CONTRACT.md §3; seed GetSessionsById 304.
// Only SES-ETAG-HEADER-QUOTED asserts that ETags are sent; every other check here takes the ETags
// it compares in set-up steps, so a host without them blocks those checks on SES-ETAG-HEADER-QUOTED.
// The writes that make a new version (PUT, re-POST) are set-up too, blocked by their own requirement.
import { check, Differences, describe, ensure, expectEtag, expectNoBody, expectStatus, unquoteEtag, type CheckContext } from '../src/index.js';
import { currentEtag, readVersion, writeEtag } from './support/crud-reads.js';
import { putInSetup, upsertInSetup } from './support/crud-writes.js';
import { expectUnchanged, readItem } from './support/representation.js';

/** If-None-Match in the form the profile takes it (register: if-none-match-form). */
const ifNoneMatch = (t: CheckContext, etag: string): string => (t.decide(Differences.ifNoneMatchForm) === 'bare' ? unquoteEtag(etag) : etag);

describe('ETag header and _etag', () => {
  check('SES-ETAG-HEADER-QUOTED', 'POST 201, POST 200, PUT 204 and GET by id each carry a quoted ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    expectEtag(created.exchange);
    const repost = await upsertInSetup(t, t.gen.identicalRepost(payload), 'POST it again unchanged');
    expectEtag(repost);
    const put = await putInSetup(t, created.id, t.gen.withNonKeyChange(payload), 'PUT a change');
    expectEtag(put);
    const read = await readItem(t, created.id, 'GET the item');
    expectEtag(read.exchange);
  });

  check('SES-ETAG-BODY-MATCHES-HEADER', "_etag equals the ETag header without quotes, and the last write's ETag", async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const posted = await writeEtag(t, created.exchange, 'the POST');
    const first = await readVersion(t, created.id);
    ensure(first.body._etag === unquoteEtag(first.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(first.etag), observed: first.body._etag }, first.exchange);
    ensure(first.etag === posted, 'GET should answer the ETag the POST gave', { expected: posted, observed: first.etag }, first.exchange);
    const put = await putInSetup(t, created.id, t.gen.withNonKeyChange(payload), 'PUT a change');
    const putEtag = await writeEtag(t, put, 'the PUT');
    const second = await readVersion(t, created.id, 'read the item after the PUT');
    ensure(second.etag === putEtag, 'GET should answer the ETag the PUT gave', { expected: putEtag, observed: second.etag }, second.exchange);
    ensure(second.body._etag === unquoteEtag(second.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(second.etag), observed: second.body._etag }, second.exchange);
  });

  check('SES-ETAG-CHANGES-ON-UPDATE', 'a change of a non-key field gives a new ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readVersion(t, created.id);
    await putInSetup(t, created.id, t.gen.withNonKeyChange(payload), 'PUT totalInstructionalDays changed');
    const after = await readVersion(t, created.id, 'read the item after the PUT');
    ensure(after.etag !== before.etag, 'a real change should give a new ETag', { expected: `not ${before.etag}`, observed: after.etag }, after.exchange);
  });

  check('SES-ETAG-CHANGES-ON-UPDATE', 'a change of a child collection only gives a new ETag', async (t) => {
    if (t.refs.gradingPeriods.length === 0 && t.refs.academicWeeks.length === 0) {
      t.skip(`the run's fixtures have neither grading periods nor academic weeks for school ${t.refs.schoolId}, year ${t.refs.schoolYear}`, 'gradingPeriods');
    }
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readVersion(t, created.id);
    await putInSetup(t, created.id, t.gen.withChildChange(payload, t.refs), 'PUT with one child added or removed');
    const after = await readVersion(t, created.id, 'read the item after the PUT');
    ensure(after.etag !== before.etag, 'a child-only change should give a new ETag', { expected: `not ${before.etag}`, observed: after.etag }, after.exchange);
  });

  check('SES-ETAG-STABLE-ON-IDENTICAL-REPOST', 'an identical re-POST answers 200 and keeps ETag and _lastModifiedDate', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readVersion(t, created.id);
    // Its 200 is SES-POST-200-UPSERT's; what this check asks is that nothing changed.
    const again = await upsertInSetup(t, t.gen.identicalRepost(payload), 'POST the identical body again');
    const againEtag = await writeEtag(t, again, 'the re-POST');
    ensure(againEtag === before.etag, 'an identical re-POST should answer the unchanged ETag', { expected: before.etag, observed: againEtag }, again);
    const after = await readVersion(t, created.id, 'read the item after the re-POST');
    ensure(after.etag === before.etag && after.body._lastModifiedDate === before.body._lastModifiedDate, 'an identical re-POST should change nothing', {
      expected: { etag: before.etag, _lastModifiedDate: before.body._lastModifiedDate },
      observed: { etag: after.etag, _lastModifiedDate: after.body._lastModifiedDate },
    }, after.exchange);
  });

  check('SES-ETAG-STABLE-ON-FAILED-WRITE', 'a refused PUT (negative totalInstructionalDays) leaves the item and its ETag unchanged', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    await t.arrange('PUT with totalInstructionalDays -1 (a write the host must refuse)', async () => {
      expectStatus(await t.sessions.update(created.id, { ...payload, totalInstructionalDays: -1 }), 400);
    }, 'SES-PUT-400-VALIDATION');
    const after = await readItem(t, created.id, 'read the item after the refused PUT');
    expectUnchanged(before, after, 'a refused write should leave the stored item as it was');
    // A host without ETags is judged on the item alone (its missing ETags are SES-ETAG-HEADER-QUOTED's).
    if (before.etag !== undefined) {
      ensure(after.etag === before.etag, 'a refused write should leave the ETag unchanged', { expected: before.etag, observed: after.etag ?? '(no ETag header)' }, after.exchange);
    }
  });
});

describe('If-None-Match on GET by id', () => {
  check('SES-GETBYID-304-NOT-MODIFIED', 'If-None-Match equal to the current ETag answers 304 with no body', async (t) => {
    const created = await t.sessions.create(t.gen.build(t.refs));
    const etag = await currentEtag(t, created.id);
    const ex = await t.step('GET with If-None-Match: the current ETag', () => t.sessions.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, etag) } }));
    expectStatus(ex, 304);
    expectNoBody(ex);
  });

  check('SES-GETBYID-IFNONEMATCH-STALE', 'If-None-Match with an ETag that is no longer current answers 200 with the new ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const old = await currentEtag(t, created.id);
    await putInSetup(t, created.id, t.gen.withNonKeyChange(payload), 'PUT a change');
    const ex = await t.step('GET with If-None-Match: the old ETag', () => t.sessions.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, old) } }));
    expectStatus(ex, 200);
    const etag = expectEtag(ex);
    ensure(etag !== old, 'the answer should carry the new ETag', { expected: `not ${old}`, observed: etag }, ex);
    ensure((ex.json as Record<string, unknown>)?.id !== undefined, 'a 200 should carry the item', { expected: 'the session', observed: ex.text }, ex);
  });
});
