// Helpers the course-offering host tests share: a valid body over a session created by the test,
// its POST, and the id from a Location header.
import { PRIMARY_SCHOOL, type TestHost, createSession, sessionBody, uniqueName } from './host-fixture.js';

export const COURSE_OFFERINGS = '/data/v3/ed-fi/courseOfferings';

export interface OfferingSession {
  sessionName: string;
  schoolId: number;
  schoolYear: number;
}

export function offeringBody(session: OfferingSession, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    localCourseCode: uniqueName('LCC').slice(0, 20),
    courseReference: { courseCode: 'ALG-01', educationOrganizationId: session.schoolId },
    schoolReference: { schoolId: session.schoolId },
    sessionReference: { schoolId: session.schoolId, schoolYear: session.schoolYear, sessionName: session.sessionName },
    ...overrides,
  };
}

export function idOf(location: unknown): string {
  const text = String(location);
  return text.slice(text.lastIndexOf('/') + 1);
}

/** A new session of the school (primary by default) for offerings to reference. */
export async function newSession(t: TestHost, schoolId = PRIMARY_SCHOOL): Promise<OfferingSession & { id: string; body: Record<string, any> }> {
  const created = await createSession(t, sessionBody({ schoolId }));
  return { id: created.id, body: created.body, sessionName: created.body.sessionName, schoolId, schoolYear: 2025 };
}

/** POSTs a new course offering (201 expected) and returns its id, path, ETag and body. */
export async function createOffering(t: TestHost, body: Record<string, any>): Promise<{ id: string; path: string; etag: string; body: Record<string, any> }> {
  const reply = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body });
  if (reply.status !== 201) throw new Error(`course offering create failed: ${reply.status} ${reply.text}`);
  const id = idOf(reply.headers.location);
  return { id, path: `${COURSE_OFFERINGS}/${id}`, etag: String(reply.headers.etag), body };
}
