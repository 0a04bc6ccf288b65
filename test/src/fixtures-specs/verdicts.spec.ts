// Fixture checks for the harness's own tests (never part of the conformance suite): one of each
// verdict, each writing to the target so cleanup can be counted. The requirement ids are taken
// from the live catalogue (first MUST, first SHOULD of sessions: these checks write sessions) so
// this file survives catalogue edits.
import { allRequirements } from '../../../src/requirements/index.js';
import { check, describe, ensure, expectStatus, SESSIONS, type CheckContext } from '../../../src/index.js';

const sessions = allRequirements().filter((r) => r.id.startsWith('SES-'));
const must = sessions.find((r) => r.level === 'MUST' && !r.profiles)!;
const should = sessions.find((r) => r.level === 'SHOULD' && !r.profiles)!;
const other = sessions.find((r) => r.level === 'MUST' && !r.profiles && r.id !== must.id)!;

function minimalSession(t: CheckContext, n: number): { sessionName: string; schoolReference: { schoolId: number }; schoolYearTypeReference: { schoolYear: number } } {
  return { sessionName: `fixture ${t.target.runTag} ${n}`, schoolReference: { schoolId: t.refs.schoolId }, schoolYearTypeReference: { schoolYear: t.refs.schoolYear } };
}

describe('harness fixture checks', () => {
  check(must.id, 'creates a session and passes', async (t) => {
    const created = await t.sessions.create(minimalSession(t, 1));
    expectStatus(await t.sessions.get(created.id), 200);
  });

  // Declared after a quicker check on purpose: vitest 4.1 (@vitest/runner) drops a finished
  // concurrent test from its list of running tests with splice(index) and no count, which drops
  // every test started after it too, so its cancel (Ctrl-C) would not reach this one. The runner's
  // own interrupt (src/runtime/interrupt.ts) must stop it anyway: test/src/cli/interrupt.test.ts.
  if (process.env.FIXTURE_SLOW_CHECK) {
    check(must.id, 'creates a session, then waits to be interrupted', async (t) => {
      await t.sessions.create(minimalSession(t, 3));
      process.stdout.write('FIXTURE-CREATED\n');
      await new Promise((resolve) => setTimeout(resolve, 25_000));
    }, { timeout: 60_000 });
  }

  check(must.id, 'creates a session and a course offering, then fails on purpose', async (t) => {
    const session = minimalSession(t, 2);
    await t.sessions.create(session);
    await t.sessions.createCourseOffering(session);
    const ex = await t.api.get(SESSIONS);
    ensure(false, 'deliberate failure for the harness tests', { expected: 'nothing', observed: ex.status }, ex);
  });

  check(should.id, 'a SHOULD that is not met becomes a warning', async (t) => {
    const ex = await t.api.get(SESSIONS);
    ensure(false, 'deliberately unmet recommendation', { expected: 'something', observed: ex.status }, ex);
  });

  check(must.id, 'is blocked when a set-up step shows another requirement broken', async (t) => {
    await t.arrange('read what the check needs', async () => {
      const ex = await t.api.get(SESSIONS);
      ensure(false, 'deliberately broken set-up', { expected: 'something else', observed: ex.status }, ex);
    }, other.id);
  });

  check(must.id, 'fails when a set-up step shows its own requirement broken', async (t) => {
    await t.arrange('read what the check needs', async () => {
      const ex = await t.api.get(SESSIONS);
      ensure(false, 'deliberately broken own requirement', { expected: 'something else', observed: ex.status }, ex);
    }, must.id);
  });

  check(must.id, 'needs a snapshot target', async () => {}, { requires: ['snapshotTarget'] });

});
