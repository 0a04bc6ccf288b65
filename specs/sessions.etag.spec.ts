// ETag checks that only sessions have: a change of a child collection alone (grading periods,
// academic weeks) gives a new ETag, and a refused write (a negative totalInstructionalDays) leaves
// the item and its ETag as they were. CONTRACT.md §3. The ETag rules of every resource (header,
// _etag, changes, identical re-POST, If-None-Match) are the "etag" family: specs/families/etag.ts.
// Set-up reads take the ETags they compare, so a host without ETags blocks these checks on
// SES-ETAG-HEADER-QUOTED; the writes that make a new version are set-up, blocked by their own requirement.
import { check, describe, ensure, expectStatus } from '../src/index.js';
import { readVersion } from './support/crud-reads.js';
import { putInSetup } from './support/crud-writes.js';
import { expectUnchanged, readItem } from './support/representation.js';

describe('ETag header and _etag', () => {
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
