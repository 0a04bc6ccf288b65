// The descriptors' builders against the embedded reference host: what they build from discovered
// fixtures (and a session created first, for course offerings; a course offering, for a set-up-only
// section) is created with 201 and read back as sent; the sessions non-key change is accepted by
// PUT. (The host serves courseOfferings PUT with issue 12 item 4; its non-key change is checked
// against the schema in descriptors.test.ts.)
// The host is an independent implementation: the builders meet a real validator, not our schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKeyOf, type SessionPayload, type SessionRefs } from '../../../generators/index.js';
import { startHost, type RunningHost } from '../../../host/index.js';
import { courseOfferings, sections, sessions } from '../../../src/resources/index.js';
import { discoverRefs, HostClient } from '../../generators/host-client.js';

describe('descriptor builders against the embedded host', () => {
  let host: RunningHost;
  let client: HostClient;
  let refs: SessionRefs;

  beforeAll(async () => {
    host = await startHost({ port: 0, quiet: true });
    client = await HostClient.connect(host.baseUrl, host.clients.full);
    const course = (await client.list('courses'))[0];
    refs = { ...(await discoverRefs(client)), course: { courseCode: String(course.courseCode), educationOrganizationId: Number(course.educationOrganizationReference.educationOrganizationId) } };
  });

  afterAll(async () => {
    await host?.stop();
  });

  const post = async (path: string, json: unknown): Promise<string> => {
    const answer = await client.send('POST', `/data/v3${path}`, { json });
    expect([answer.status, answer.text]).toEqual([201, '']);
    return answer.location!.slice(answer.location!.lastIndexOf('/') + 1);
  };

  it('should have sessions, then course offerings of them, created with 201 and read back as sent', async () => {
    const sessionFactory = sessions.factory({ seed: 5, runTag: 'desc' });
    const offeringFactory = courseOfferings.factory({ seed: 5, runTag: 'desc' });
    for (let i = 0; i < 3; i++) {
      const session: SessionPayload = sessionFactory.build(refs, {});
      const sessionId = await post(sessions.path, session);
      const changed = sessions.nonKeyChange(session);
      const put = await client.send('PUT', `/data/v3${sessions.path}/${sessionId}`, { json: changed });
      expect([put.status, put.text]).toEqual([204, '']);
      const offering = offeringFactory.build(refs, { session: sessionKeyOf(session) });
      const id = await post(courseOfferings.path, offering);
      const read = await client.send('GET', `/data/v3${courseOfferings.path}/${id}`);
      // The host does not keep instructionalTimePlanned yet (it gains the full model with item 4).
      const { instructionalTimePlanned: _notKept, ...kept } = offering;
      expect([read.status, read.json]).toMatchObject([200, kept]);
    }
  });

  it('should have a section (set-up only) of a course offering created with 201, read back as sent', async () => {
    const session: SessionPayload = sessions.factory({ seed: 6, runTag: 'desc' }).build(refs, {});
    await post(sessions.path, session);
    const offering = courseOfferings.factory({ seed: 6, runTag: 'desc' }).build(refs, { session: sessionKeyOf(session) });
    await post(courseOfferings.path, offering);
    const key = { localCourseCode: offering.localCourseCode, schoolId: offering.schoolReference.schoolId, schoolYear: offering.sessionReference.schoolYear, sessionName: offering.sessionReference.sessionName };
    const section = sections.factory({ seed: 6, runTag: 'desc' }).build(refs, { courseOffering: key });
    const id = await post(sections.path, section);
    expect((await client.send('GET', `/data/v3${sections.path}/${id}`)).json).toMatchObject(section);
  });
});
