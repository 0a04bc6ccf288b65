// The fault catalogue checked in both directions (as fastify checks its error catalogue): ids are
// unique PascalCase, every declared requirement exists, every fault can act; and, against a started
// host, a handful of faults really change what the host answers while the faithful host does not.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, findFault } from '../../host/faults/catalogue.js';
import { faithfulSeams } from '../../host/faults/seams.js';
import { ods73Contract } from '../../src/contract/contract-sources.js';
import { catalogue } from '../../src/requirements/catalogue/index.js';
import { courseOfferings } from '../../src/resources/index.js';

const requirementIds = new Set(catalogue.map((r) => r.id));

describe('fault catalogue', () => {
  it('should hold at least 50 faults', () => {
    expect(faults.length).toBeGreaterThanOrEqual(50);
  });

  it('should give every fault a unique PascalCase id', () => {
    const ids = faults.map((f) => f.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[A-Z][A-Za-z0-9]+$/.test(id))).toEqual([]);
  });

  it('should find each fault by its id and nothing for an unknown id', () => {
    for (const fault of faults) expect(findFault(fault.id)).toBe(fault);
    expect(findFault('NoSuchFault')).toBeUndefined();
  });

  it('should declare at least one violated requirement per fault, each in the requirement catalogue', () => {
    const unknown = faults.flatMap((f) => f.violates.filter((id) => !requirementIds.has(id)).map((id) => `${f.id} → ${id}`));
    expect(unknown).toEqual([]);
    expect(faults.filter((f) => f.violates.length === 0).map((f) => f.id)).toEqual([]);
  });

  it('should give every fault a hook or a seam to act through', () => {
    const inert = faults.filter((f) => !f.onRequest && !f.onResponse && !f.perHost && Object.keys(f.seams ?? {}).length === 0);
    expect(inert.map((f) => f.id)).toEqual([]);
  });

  it('should declare incompatibilities only with other faults of the catalogue', () => {
    const ids = new Set(faults.map((f) => f.id));
    const bad = faults.flatMap((f) => (f.incompatibleWith ?? []).filter((other) => other === f.id || !ids.has(other)).map((other) => `${f.id} → ${other}`));
    expect(bad).toEqual([]);
  });

  it('should flip only seams that exist, and only away from the faithful value', () => {
    const faithful = faithfulSeams() as unknown as Record<string, boolean>;
    const bad = faults.flatMap((f) =>
      Object.entries(f.seams ?? {})
        .filter(([name, value]) => !(name in faithful) || value === faithful[name])
        .map(([name]) => `${f.id}.${name}`),
    );
    expect(bad).toEqual([]);
  });

  it('should describe each fault and the real-world bug it models in words', () => {
    const terse = faults.filter((f) => f.description.trim().length < 15 || f.models.trim().length < 15);
    expect(terse.map((f) => f.id)).toEqual([]);
  });

  it('should elicit a 500 on each of the 8 documented operations with one fault each', () => {
    const ops = ['GetSessions', 'GetSessionsById', 'PostSession', 'PutSession', 'DeleteSessionById', 'DeletesSessions', 'KeyChangesSessions', 'GetSessionsPartitions'];
    expect(ops.filter((op) => !findFault(`Http500On${op}`))).toEqual([]);
  });

  it('should elicit a 500 on each operation of course offerings that documents one, with one fault each', () => {
    const ops = ods73Contract().forResource(courseOfferings.path).filter((o) => o.statuses.includes(500)).map((o) => o.name);
    expect(ops).toHaveLength(8);
    expect(ops.filter((op) => !findFault(`Http500On${op}`))).toEqual([]);
  });

  it('should give course offerings faults that declare only course-offering requirements', () => {
    const coFaults = faults.filter((f) => /^(Co[A-Z]|Http500On\w*CourseOffering)/.test(f.id));
    expect(coFaults.length).toBeGreaterThanOrEqual(15);
    expect(coFaults.flatMap((f) => f.violates.filter((id) => !id.startsWith('CO-')).map((id) => `${f.id} → ${id}`))).toEqual([]);
  });
});

// ---- HTTP probes against a started host ---------------------------------------------------

interface RunningHost {
  baseUrl: string;
  clients: Record<string, { key: string; secret: string }>;
  stop(): Promise<void>;
  setFaults(ids: readonly string[]): void;
}
type StartHost = (opts: { port?: number; fault?: string; quiet?: boolean }) => Promise<RunningHost>;

const hostModulePath = new URL('../../host/index.ts', import.meta.url);
const hostExists = existsSync(hostModulePath);

async function loadStartHost(): Promise<StartHost> {
  const specifier = '../../host/index.js';
  return ((await import(specifier)) as { startHost: StartHost }).startHost;
}

async function tokenFor(host: RunningHost): Promise<string> {
  const { key, secret } = host.clients.full;
  const res = await fetch(`${host.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

interface Probe {
  status: number;
  headers: Headers;
  json: unknown;
}

async function call(host: RunningHost, token: string | undefined, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Probe> {
  const headers: Record<string, string> = { ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${host.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

function sessionPayload(name: string): Record<string, unknown> {
  return {
    sessionName: name,
    schoolReference: { schoolId: 255901001 },
    schoolYearTypeReference: { schoolYear: 2025 },
    beginDate: '2024-08-26',
    endDate: '2024-12-20',
    termDescriptor: 'uri://ed-fi.org/TermDescriptor#Fall Semester',
    totalInstructionalDays: 80,
  };
}

const SESSIONS = '/data/v3/ed-fi/sessions';
const COURSE_OFFERINGS = '/data/v3/ed-fi/courseOfferings';

/** POSTs a fresh session and returns its id (from Location). */
async function createSession(host: RunningHost, token: string, label: string): Promise<{ id: string; body: Record<string, unknown> }> {
  const body = sessionPayload(`FaultProbe ${label} ${Date.now()}${Math.random().toString(36).slice(2, 6)}`);
  const res = await call(host, token, 'POST', SESSIONS, body);
  return { id: (res.headers.get('location') ?? '').split('/').pop() ?? '', body };
}

/** A course offering a section references, then its DELETE: [status, problem type, the section's GET status]. */
async function deleteReferencedOffering(host: RunningHost, token: string, label: string): Promise<unknown[]> {
  const session = await createSession(host, token, label);
  const localCourseCode = `${label}${Date.now().toString(36)}`;
  const offering = await call(host, token, 'POST', COURSE_OFFERINGS, {
    localCourseCode,
    courseReference: { courseCode: 'ALG-01', educationOrganizationId: 255901001 },
    schoolReference: { schoolId: 255901001 },
    sessionReference: { schoolId: 255901001, schoolYear: 2025, sessionName: session.body.sessionName },
  });
  const section = await call(host, token, 'POST', '/data/v3/ed-fi/sections', {
    sectionIdentifier: `${label}-section`,
    courseOfferingReference: { localCourseCode, schoolId: 255901001, schoolYear: 2025, sessionName: session.body.sessionName },
  });
  const refused = await call(host, token, 'DELETE', new URL(offering.headers.get('location') ?? '').pathname);
  const after = await call(host, token, 'GET', new URL(section.headers.get('location') ?? '').pathname);
  return [refused.status, (refused.json as { type?: string } | undefined)?.type ?? null, after.status];
}

/**
 * A session with a course offering: [does a non-key PUT of the session raise newestChangeVersion,
 * does renaming the session bring the offering into GET-many's change-version window]. The
 * second is the offering's own trigger's doing, which a fault of the session's trigger must leave
 * alone (it once froze the cascaded rows too, so CO-GET-CV-KEY-CHANGE-CASCADE failed for it).
 */
async function changeVersionsOnUpdateAndRename(host: RunningHost, token: string, label: string): Promise<boolean[]> {
  const newest = async (): Promise<number> =>
    ((await call(host, token, 'GET', '/changeQueries/v1/availableChangeVersions')).json as { newestChangeVersion: number }).newestChangeVersion;
  const session = await createSession(host, token, label);
  const path = `${SESSIONS}/${session.id}`;
  const localCourseCode = `${label}${Date.now().toString(36)}`.slice(0, 20);
  await call(host, token, 'POST', COURSE_OFFERINGS, {
    localCourseCode,
    courseReference: { courseCode: 'ALG-01', educationOrganizationId: 255901001 },
    schoolReference: { schoolId: 255901001 },
    sessionReference: { schoolId: 255901001, schoolYear: 2025, sessionName: session.body.sessionName },
  });
  const beforeUpdate = await newest();
  await call(host, token, 'PUT', path, { ...session.body, totalInstructionalDays: 81 });
  const raised = (await newest()) > beforeUpdate;
  const beforeRename = await newest();
  await call(host, token, 'PUT', path, { ...session.body, totalInstructionalDays: 81, sessionName: `${String(session.body.sessionName)} renamed` });
  const listed = await call(host, token, 'GET', `${COURSE_OFFERINGS}?localCourseCode=${encodeURIComponent(localCourseCode)}&minChangeVersion=${beforeRename + 1}`);
  return [raised, Array.isArray(listed.json) && listed.json.length === 1];
}

const delay = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** What one probe observes; run on the faithful host and on the faulty one. */
const probes: Record<string, { observe(host: RunningHost, token: string): Promise<unknown>; faithful: unknown; faulty: unknown }> = {
  ChangeVersionNotRaisedOnUpdate: {
    observe: (host, token) => changeVersionsOnUpdateAndRename(host, token, 'CvUpd'),
    faithful: [true, true],
    faulty: [false, true],
  },
  Http500OnGetSessions: {
    observe: async (host, token) => {
      const res = await call(host, token, 'GET', `${SESSIONS}?limit=1&schoolId=255901001`);
      return [res.status, (res.json as { type?: string } | undefined)?.type ?? null];
    },
    faithful: [200, null],
    faulty: [500, 'urn:ed-fi:api:system'],
  },
  LimitAboveMaximumAccepted: {
    observe: async (host, token) => (await call(host, token, 'GET', `${SESSIONS}?limit=501`)).status,
    faithful: 400,
    faulty: 200,
  },
  UnauthenticatedAnswers403: {
    observe: async (host) => (await call(host, undefined, 'GET', `${SESSIONS}?limit=1`)).status,
    faithful: 401,
    faulty: 403,
  },
  TotalCountAlwaysSent: {
    observe: async (host, token) => (await call(host, token, 'GET', `${SESSIONS}?limit=1`)).headers.has('total-count'),
    faithful: false,
    faulty: true,
  },
  EtagChangedByNoOpUpsert: {
    // A seam fault: the host's upsert handler reads ctx.seams.touchOnNoOpUpsert.
    observe: async (host, token) => {
      const body = sessionPayload(`FaultProbe NoOp ${Date.now()}`);
      const first = await call(host, token, 'POST', SESSIONS, body);
      const again = await call(host, token, 'POST', SESSIONS, body);
      return [first.status, again.status, first.headers.get('etag') === again.headers.get('etag')];
    },
    faithful: [201, 200, true],
    faulty: [201, 200, false],
  },
  NoEtagsAnywhere: {
    observe: async (host, token) => {
      const { id, body } = await createSession(host, token, 'NoEtags');
      const read = await call(host, token, 'GET', `${SESSIONS}/${id}`);
      const stale = await call(host, token, 'PUT', `${SESSIONS}/${id}`, { ...body, totalInstructionalDays: 81 }, { 'if-match': '"1"' });
      return [read.headers.has('etag'), '_etag' in (read.json as object), stale.status];
    },
    faithful: [true, true, 412],
    faulty: [false, false, 204],
  },
  IfMatchStarAccepted: {
    observe: async (host, token) => {
      const { id, body } = await createSession(host, token, 'Star');
      return (await call(host, token, 'PUT', `${SESSIONS}/${id}`, { ...body, totalInstructionalDays: 81 }, { 'if-match': '*' })).status;
    },
    faithful: 412,
    faulty: 204,
  },
  ChangeQueriesAnswer500: {
    observe: async (host, token) => [
      (await call(host, token, 'GET', '/changeQueries/v1/availableChangeVersions')).status,
      (await call(host, token, 'GET', `${SESSIONS}/deletes`)).status,
      (await call(host, undefined, 'GET', `${SESSIONS}/keyChanges`)).status,
    ],
    faithful: [200, 200, 401],
    faulty: [500, 500, 401],
  },
  ReferenceFiltersRefused: {
    observe: async (host, token) => [
      (await call(host, token, 'GET', '/data/v3/ed-fi/gradingPeriods?schoolId=255901001')).status,
      (await call(host, token, 'GET', `${SESSIONS}?schoolYear=2025&limit=1`)).status,
      (await call(host, token, 'GET', `${SESSIONS}?sessionName=nothing-by-this-name`)).status,
    ],
    faithful: [200, 200, 200],
    faulty: [400, 400, 200],
  },
  MissingTokenAnswers400: {
    observe: async (host) => [
      (await call(host, undefined, 'GET', `${SESSIONS}?limit=1`)).status,
      (await call(host, 'f'.repeat(32), 'GET', `${SESSIONS}?limit=1`)).status,
    ],
    faithful: [401, 401],
    faulty: [400, 401],
  },
  PutBodyIdRequired: {
    observe: async (host, token) => {
      const { id, body } = await createSession(host, token, 'PutId');
      const idless = await call(host, token, 'PUT', `${SESSIONS}/${id}`, { ...body, totalInstructionalDays: 81 });
      const withId = await call(host, token, 'PUT', `${SESSIONS}/${id}`, { ...body, id, totalInstructionalDays: 82 });
      const stored = await call(host, token, 'GET', `${SESSIONS}/${id}`);
      return [idless.status, Object.keys((idless.json as { validationErrors?: object } | undefined)?.validationErrors ?? {}), withId.status, (stored.json as { totalInstructionalDays: number }).totalInstructionalDays];
    },
    faithful: [204, [], 204, 82],
    faulty: [400, ['$.id'], 204, 82],
  },
  UseSnapshotIgnored: {
    observe: async (host, token) => {
      const read = await call(host, token, 'GET', `${SESSIONS}?limit=1`, undefined, { 'use-snapshot': 'true' });
      const write = await call(host, token, 'POST', SESSIONS, sessionPayload(`FaultProbe Snapshot ${Date.now()}`), { 'use-snapshot': 'true' });
      return [read.status, write.status];
    },
    faithful: [404, 405],
    faulty: [200, 201],
  },
  JwtTokensAbsoluteExpiresIn: {
    observe: async (host) => {
      const { key, secret } = host.clients.full;
      const res = await fetch(`${host.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const body = (await res.json()) as { access_token: string; expires_in: number };
      const use = await call(host, body.access_token, 'GET', `${SESSIONS}?limit=1`);
      return [body.access_token.split('.').length, body.access_token.length > 500, body.expires_in > Date.now() / 1000 - 60, use.status];
    },
    faithful: [1, false, false, 200],
    faulty: [3, true, true, 200],
  },
  DeletedItemsVisibleForAWhile: {
    observe: async (host, token) => {
      const { id, body } = await createSession(host, token, 'Ghost');
      const deleted = await call(host, token, 'DELETE', `${SESSIONS}/${id}`);
      const soon = await call(host, token, 'GET', `${SESSIONS}/${id}`);
      const listed = await call(host, token, 'GET', `${SESSIONS}?sessionName=${encodeURIComponent(String(body.sessionName))}`);
      await delay(1000);
      const later = await call(host, token, 'GET', `${SESSIONS}/${id}`);
      const laterListed = await call(host, token, 'GET', `${SESSIONS}?sessionName=${encodeURIComponent(String(body.sessionName))}`);
      return [deleted.status, soon.status, (listed.json as unknown[]).length, later.status, (laterListed.json as unknown[]).length];
    },
    faithful: [204, 404, 0, 404, 0],
    faulty: [204, 200, 1, 404, 0],
  },
  CoCollectionMethodAnswers404: {
    // Scoped to course offerings: the sessions collection still answers 405.
    observe: async (host, token) => [
      (await call(host, token, 'PUT', COURSE_OFFERINGS, {})).status,
      (await call(host, token, 'DELETE', COURSE_OFFERINGS)).status,
      (await call(host, token, 'DELETE', SESSIONS)).status,
    ],
    faithful: [405, 405, 405],
    faulty: [404, 404, 405],
  },
  CoNotFoundWithoutProblem: {
    observe: async (host, token) => {
      const unknown = 'f'.repeat(32);
      const co = await call(host, token, 'GET', `${COURSE_OFFERINGS}/${unknown}`);
      const session = await call(host, token, 'GET', `${SESSIONS}/${unknown}`);
      const typeOf = (probe: Probe): unknown => (probe.json as { type?: string } | undefined)?.type ?? null;
      return [co.status, typeOf(co), session.status, typeOf(session)];
    },
    faithful: [404, 'urn:ed-fi:api:not-found', 404, 'urn:ed-fi:api:not-found'],
    faulty: [404, null, 404, 'urn:ed-fi:api:not-found'],
  },
  CoTotalCountAlwaysSent: {
    // Scoped to course offerings: GET-many of sessions still sends Total-Count only when asked.
    observe: async (host, token) => [
      (await call(host, token, 'GET', `${COURSE_OFFERINGS}?limit=1`)).headers.has('total-count'),
      (await call(host, token, 'GET', `${SESSIONS}?limit=1`)).headers.has('total-count'),
    ],
    faithful: [false, false],
    faulty: [true, false],
  },
  Http500OnGetCourseOfferingsPartitions: {
    // Filtered queries only, and course offerings only.
    observe: async (host, token) => [
      (await call(host, token, 'GET', `${COURSE_OFFERINGS}/partitions?number=2&schoolId=255901001`)).status,
      (await call(host, token, 'GET', `${COURSE_OFFERINGS}/partitions?number=2`)).status,
      (await call(host, token, 'GET', `${SESSIONS}/partitions?number=2&schoolId=255901001`)).status,
    ],
    faithful: [200, 200, 200],
    faulty: [500, 200, 200],
  },
  Http500OnDeletesCourseOfferings: {
    // Course offerings only: sessions' /deletes and the course-offering /keyChanges still answer.
    observe: async (host, token) => [
      (await call(host, token, 'GET', `${COURSE_OFFERINGS}/deletes`)).status,
      (await call(host, token, 'GET', `${COURSE_OFFERINGS}/keyChanges`)).status,
      (await call(host, token, 'GET', `${SESSIONS}/deletes`)).status,
    ],
    faithful: [200, 200, 200],
    faulty: [500, 200, 200],
  },
  Http500OnKeyChangesCourseOfferings: {
    observe: async (host, token) => {
      const res = await call(host, token, 'GET', `${COURSE_OFFERINGS}/keyChanges?limit=5`);
      return [res.status, (res.json as { type?: string } | undefined)?.type ?? null, (await call(host, token, 'GET', `${SESSIONS}/keyChanges`)).status];
    },
    faithful: [200, null, 200],
    faulty: [500, 'urn:ed-fi:api:system', 200],
  },
  CoNoOpRepostTouchesItem: {
    // A per-host fault that writes through the host beneath it: the identical re-POST gets a new
    // ETag, and the item still holds what was posted (the touching change is put back).
    observe: async (host, token) => {
      const session = await createSession(host, token, 'CoNoOp');
      const offering = {
        localCourseCode: `NoOp${Date.now().toString(36)}`,
        courseReference: { courseCode: 'ALG-01', educationOrganizationId: 255901001 },
        schoolReference: { schoolId: 255901001 },
        sessionReference: { schoolId: 255901001, schoolYear: 2025, sessionName: session.body.sessionName },
        localCourseTitle: 'No-op re-POST probe',
      };
      const first = await call(host, token, 'POST', COURSE_OFFERINGS, offering);
      const again = await call(host, token, 'POST', COURSE_OFFERINGS, offering);
      const stored = (await call(host, token, 'GET', new URL(again.headers.get('location') ?? '').pathname)).json as Record<string, unknown>;
      return [first.status, again.status, first.headers.get('etag') === again.headers.get('etag'), stored.localCourseTitle, 'instructionalTimePlanned' in stored];
    },
    faithful: [201, 200, true, 'No-op re-POST probe', false],
    faulty: [201, 200, false, 'No-op re-POST probe', false],
  },
  CoDeleteCascadesToSections: {
    // A per-host fault that deletes through the host beneath it: the referenced offering's DELETE
    // takes its section along (204, the section gone) instead of being refused (409, section kept).
    observe: (host, token) => deleteReferencedOffering(host, token, 'CoCascade'),
    faithful: [409, 'urn:ed-fi:api:data-conflict:dependent-item-exists', 200],
    faulty: [204, null, 404],
  },
  CoDependentDeleteAnswers500: {
    observe: (host, token) => deleteReferencedOffering(host, token, 'Co500'),
    faithful: [409, 'urn:ed-fi:api:data-conflict:dependent-item-exists', 200],
    faulty: [500, 'urn:ed-fi:api:system', 200],
  },
  EtagUnquoted: {
    observe: async (host, token) => {
      const res = await call(host, token, 'POST', SESSIONS, sessionPayload(`FaultProbe ${Date.now()}`));
      return [res.status, /^".*"$/.test(res.headers.get('etag') ?? '')];
    },
    faithful: [201, true],
    faulty: [201, false],
  },
};

// One host for every probe (opening and seeding a database per fault cost most of this file's
// time): each test observes the host faithful, puts its fault on with setFaults, as the self-test
// switches faults on a reused host, observes it misbehave, and takes the fault off again.
describe.skipIf(!hostExists)('faults on a started host', () => {
  let host: RunningHost;
  let token: string;

  beforeAll(async () => {
    const startHost = await loadStartHost();
    host = await startHost({ port: 0, quiet: true });
    token = await tokenFor(host);
  });
  afterAll(async () => {
    await host?.stop();
  });

  for (const [faultId, probe] of Object.entries(probes)) {
    it(`should make the host misbehave with ${faultId} and behave without it`, async () => {
      expect(findFault(faultId), `${faultId} is in the catalogue`).toBeDefined();
      expect(await probe.observe(host, token)).toEqual(probe.faithful);
      host.setFaults([faultId]);
      try {
        // A fresh token under the fault, as a client of a host that always had it would get.
        expect(await probe.observe(host, await tokenFor(host))).toEqual(probe.faulty);
      } finally {
        host.setFaults([]);
      }
    });
  }
});
