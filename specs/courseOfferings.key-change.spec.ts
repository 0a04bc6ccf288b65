// A course offering follows its session's key (CONTRACT.md §5, §6; PM-KC "Key Changes (Cascading,
// LastModifiedDate)"): Session allows key updates and ODS cascades them ON UPDATE into
// CourseOffering, whose natural key holds the session name. The cascade is a change of the
// offering too: it draws a new change version, so a sync client reading GET-many from the window
// start of the rename gets the offering again, under its new key. The cascaded key change in the
// offering's own /keyChanges is the family "key-changes" (CO-KEYCHG-200); the rename itself and
// its reaching the offering are sessions' requirements, shown here in set-up.
import { check, describe, ensure, expectStatus, memberAt, RESOURCES } from '../src/index.js';
import { windowStart } from './support/change-versions.js';
import { sameId } from './support/ids.js';
import { isolate } from './support/isolated-set.js';

const OFFERINGS = RESOURCES.find((r) => r.name === 'courseOfferings')!;

describe('GET /ed-fi/courseOfferings after a session key change', () => {
  check('CO-GET-CV-KEY-CHANGE-CASCADE', "a session rename brings its course offering into GET-many's change-version window", async (t) => {
    const sessions = t.resource('sessions');
    const offerings = t.resource('courseOfferings');
    const session = await sessions.createNew();
    const offering = await offerings.create(await offerings.prepare(undefined, { session }));
    const filter = { localCourseCode: offering.payload.localCourseCode as string };
    await isolate(t, filter, [offering.id], OFFERINGS);
    const from = await windowStart(t);
    const renamed = t.gen.withKeyChange(session.payload as never);
    await t.arrange('PUT the session with a new sessionName', async () => expectStatus(await sessions.update(session.id, renamed), 204), 'SES-PUT-KEY-CHANGE-KEEPS-ID');
    await t.arrange('GET the course offering: it carries the new sessionName', async () => {
      const ex = await offerings.get(offering.id);
      expectStatus(ex, 200);
      ensure(memberAt(ex.json, 'sessionReference.sessionName') === renamed.sessionName, "the session's key change should carry into the course offering", { expected: renamed.sessionName, observed: memberAt(ex.json, 'sessionReference') }, ex);
    }, 'SES-PUT-KEY-CHANGE-CASCADES');
    const ex = await t.step(`GET-many of the offering with minChangeVersion=${from} (the rename's window start)`, () => offerings.list({ ...filter, minChangeVersion: from }));
    expectStatus(ex, 200);
    const items = Array.isArray(ex.json) ? (ex.json as unknown[]) : [];
    const mine = items.filter((i) => sameId(memberAt(i, 'id'), offering.id));
    ensure(mine.length === 1, 'the cascaded key change should give the course offering a change version inside the window', { expected: `the offering ${offering.id} listed once`, observed: ex.text }, ex);
    ensure(memberAt(mine[0], 'sessionReference.sessionName') === renamed.sessionName, 'the offering should be listed under its new key', { expected: renamed.sessionName, observed: memberAt(mine[0], 'sessionReference') }, ex);
  }, { requires: ['changeQueries', 'writes'] });
});
