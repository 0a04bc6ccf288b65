// t.sessions: the common moves of a check (create a valid session, read, update, delete, create a
// course offering that references a session). Creation asserts 201 and the ledger records the new
// id automatically (see exchange-observer.ts), so every create is cleaned up.
import type { ApiClient } from '../http/api-client.js';
import type { Exchange, RequestSpec } from '../http/exchange.js';
import { COURSE_OFFERINGS, SESSIONS } from '../contract/operations.js';
import { expectStatus } from '../assert/status.js';
import { ensure } from '../assert/fail.js';
import { parseLocation } from '../fixtures/ledger.js';
import type { SessionRefs } from './refs.js';
import { inArrange } from './arrange.js';

export interface CreatedResource<P = Record<string, unknown>> {
  id: string;
  location: string;
  /** ETag header as sent by the target (quoted). */
  etag: string | undefined;
  payload: P;
  exchange: Exchange;
}

export interface WriteOptions {
  ifMatch?: string;
  headers?: Record<string, string | undefined>;
  /**
   * PUT only: send the body as given. By default a PUT body without an `id` gets the route id,
   * which every profile accepts (ODS ignores it, DMS requires it): only the check about id-less
   * PUTs sends none.
   */
  exactBody?: boolean;
}

export interface SessionHelpers {
  create<P extends object>(payload: P): Promise<CreatedResource<P>>;
  createCourseOffering(sessionPayload: SessionKeyPayload, overrides?: Record<string, unknown>): Promise<CreatedResource>;
  get(id: string, spec?: Omit<RequestSpec, 'path' | 'method'>): Promise<Exchange>;
  update(id: string, payload: unknown, options?: WriteOptions): Promise<Exchange>;
  delete(id: string, options?: WriteOptions): Promise<Exchange>;
}

export interface SessionKeyPayload {
  sessionName: string;
  schoolReference: { schoolId: number };
  schoolYearTypeReference: { schoolYear: number };
}

function headersFor(options: WriteOptions | undefined): Record<string, string | undefined> {
  return { ...(options?.ifMatch !== undefined ? { 'if-match': options.ifMatch } : {}), ...options?.headers };
}

/**
 * POST and expect 201 with a Location. An arrange step: when a check creates what it needs and the
 * host refuses, the check is blocked by the create requirement (a check *about* creation, whose
 * own requirement this is, fails instead).
 */
async function createAt(api: ApiClient, path: string, payload: unknown, what: string, evidences: { created: string; location: string }): Promise<CreatedResource> {
  return inArrange(`POST ${what}`, evidences.created, async () => {
    const exchange = await api.post(path, payload);
    expectStatus(exchange, 201, `creating ${what}`);
    return inArrange(`read the Location of ${what}`, evidences.location, () => {
      const location = exchange.headers['location'];
      ensure(location, `a 201 answer to POST ${path} should carry a Location header`, { expected: 'Location: …/{id}', observed: exchange.headers }, exchange);
      const parsed = parseLocation(new URL(location, exchange.request.url).toString());
      ensure(parsed, 'the Location header should end with the new resource id', { expected: `…${path}/{id}`, observed: location }, exchange);
      return { id: parsed.id, location, etag: exchange.headers['etag'], payload: payload as Record<string, unknown>, exchange };
    });
  });
}

const SESSION_CREATE = { created: 'SES-POST-201-CREATED', location: 'SES-POST-LOCATION-RESOLVES' };
/** Course offerings are only ever set-up here; their creation is not a sessions requirement. */
const OFFERING_CREATE = { created: 'set-up: create a course offering', location: 'set-up: create a course offering' };

/** The PUT body actually sent: the route id added unless the body has one or exactBody is set. */
function putBody(id: string, payload: unknown, options: WriteOptions | undefined): unknown {
  if (options?.exactBody || !payload || typeof payload !== 'object' || Array.isArray(payload) || 'id' in payload) return payload;
  return { id, ...payload };
}

export function sessionHelpers(api: ApiClient, refs: SessionRefs, runTag: string, skip: (reason: string, lacks?: string) => never): SessionHelpers {
  let offerings = 0;
  return {
    create: async <P extends object>(payload: P) => (await createAt(api, SESSIONS, payload, 'a valid session', SESSION_CREATE)) as CreatedResource<P>,
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
      return createAt(api, COURSE_OFFERINGS, body, 'a course offering', OFFERING_CREATE);
    },
    get: (id, spec = {}) => api.get(`${SESSIONS}/${encodeURIComponent(id)}`, spec),
    update: (id, payload, options) => api.put(`${SESSIONS}/${encodeURIComponent(id)}`, putBody(id, payload, options), { headers: headersFor(options) }),
    delete: (id, options) => api.delete(`${SESSIONS}/${encodeURIComponent(id)}`, { headers: headersFor(options) }),
  };
}
