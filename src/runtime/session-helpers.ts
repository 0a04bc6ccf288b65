// t.sessions: the sessions resource client (resource-client.ts) with the one move only sessions
// checks need, a course offering that references a given session (the key-change cascade; the
// dependent-item refusal is the delete family's, through t.setUp). Creation is an arrange step that asserts 201 and a Location; the ledger
// records every new id through the check's exchange observer, so every create is cleaned up.
import type { SessionRefs } from './refs.js';
import type { CreatedResource, ResourceClient } from './resource-client.js';
import type { ResourceName } from '../resources/index.js';

export type { CreatedResource, WriteOptions } from './resource-client.js';

export interface SessionHelpers extends Omit<ResourceClient, 'create'> {
  /** POST a session and expect 201 with a Location; the payload's type is kept for the check. */
  create<P extends object>(payload: P): Promise<CreatedResource<P>>;
  createCourseOffering(sessionPayload: SessionKeyPayload, overrides?: Record<string, unknown>): Promise<CreatedResource>;
}

export interface SessionKeyPayload {
  sessionName: string;
  schoolReference: { schoolId: number };
  schoolYearTypeReference: { schoolYear: number };
}

/**
 * In a sessions check a course offering is only ever set-up: when its POST is refused, the check
 * is blocked by this named step, not by a course-offering requirement the check is not about.
 */
export const OFFERING_SET_UP = { created: 'set-up: create a course offering', location: 'set-up: create a course offering' };

export function sessionHelpers(clients: (name: ResourceName) => ResourceClient, refs: SessionRefs, runTag: string, skip: (reason: string, lacks?: string) => never): SessionHelpers {
  const sessions = clients('sessions');
  let offerings = 0;
  return {
    ...sessions,
    create: async <P extends object>(payload: P) => (await sessions.create(payload as Record<string, unknown>)) as unknown as CreatedResource<P>,
    async createCourseOffering(session, overrides = {}) {
      if (!refs.course) skip('the target has no course to offer (fixtures: course)', 'course');
      offerings++;
      const body = {
        localCourseCode: `${runTag}-${offerings}`,
        courseReference: { courseCode: refs.course.courseCode, educationOrganizationId: refs.course.educationOrganizationId },
        schoolReference: { schoolId: session.schoolReference.schoolId },
        sessionReference: {
          schoolId: session.schoolReference.schoolId,
          schoolYear: session.schoolYearTypeReference.schoolYear,
          sessionName: session.sessionName,
        },
        ...overrides,
      };
      return clients('courseOfferings').create(body);
    },
  };
}
