// The host's OpenAPI document: the seeds' operations, parameter order and status codes; the
// change-queries switch; every $ref resolves; and real handler output validates against it.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { buildOpenApiDocument, openApiDocument } from '../../host/openapi/index.js';
import { listSessions, sessionDeletes, sessionPartitions } from '../../host/queries/index.js';
import { context, insertSession, openTestDb, request } from './queries-fixture.js';

const ROOT = 'http://127.0.0.1:5999';
const enabled = buildOpenApiDocument({ rootUrl: ROOT, changeQueries: true });
const disabled = buildOpenApiDocument({ rootUrl: ROOT, changeQueries: false });

/** Status codes per operation, from the seeds' "HTTP response details" tables (C# SDK docs). */
const SEED_CODES: Record<string, string[]> = {
  deleteSessionById: ['204', '400', '401', '403', '404', '405', '409', '412', '500'],
  deletesSessions: ['200', '304', '400', '401', '403', '404', '500'],
  getSessions: ['200', '304', '400', '401', '403', '404', '500'],
  getSessionsById: ['200', '304', '400', '401', '403', '404', '500'],
  getSessionsPartitions: ['200', '400', '401', '403', '500'],
  keyChangesSessions: ['200', '304', '400', '401', '403', '404', '500'],
  postSession: ['200', '201', '400', '401', '403', '405', '409', '412', '500'],
  putSession: ['204', '400', '401', '403', '404', '405', '409', '412', '500'],
};

/** Parameter order of the seeds (query parameters and headers; path id first where present). */
const SEED_PARAMS: Record<string, string[]> = {
  getSessions: ['offset', 'limit', 'pageToken', 'pageSize', 'minChangeVersion', 'maxChangeVersion', 'totalCount', 'sessionName', 'schoolId', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate', 'id', 'totalInstructionalDays', 'Use-Snapshot'],
  getSessionsPartitions: ['number', 'minChangeVersion', 'maxChangeVersion', 'sessionName', 'schoolId', 'schoolYear', 'termDescriptor', 'beginDate', 'endDate', 'id', 'totalInstructionalDays', 'Use-Snapshot'],
  deletesSessions: ['offset', 'limit', 'minChangeVersion', 'maxChangeVersion', 'totalCount', 'Use-Snapshot'],
  keyChangesSessions: ['offset', 'limit', 'minChangeVersion', 'maxChangeVersion', 'totalCount', 'Use-Snapshot'],
  getSessionsById: ['id', 'If-None-Match', 'Use-Snapshot'],
  putSession: ['id', 'If-Match'],
  deleteSessionById: ['id', 'If-Match'],
  postSession: [],
};

/** Operations by id, of one resource tag (the document also carries courseOfferings). */
function operations(doc: OpenAPIV3.Document, tag = 'sessions'): Map<string, OpenAPIV3.OperationObject> {
  const found = new Map<string, OpenAPIV3.OperationObject>();
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const op = item?.[method];
      if (op?.operationId && op.tags?.includes(tag)) found.set(op.operationId, op);
    }
  }
  return found;
}

function resolve<T>(doc: OpenAPIV3.Document, value: T | OpenAPIV3.ReferenceObject): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const target = value.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
    if (target === undefined) throw new Error(`unresolved ${value.$ref}`);
    return target as T;
  }
  return value as T;
}

function paramNames(doc: OpenAPIV3.Document, op: OpenAPIV3.OperationObject): string[] {
  return (op.parameters ?? []).map((p) => resolve<OpenAPIV3.ParameterObject>(doc, p).name);
}

function allRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => allRefs(child, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else allRefs(value, out);
    }
  }
  return out;
}

describe('buildOpenApiDocument with change queries on', () => {
  it('should declare the eight seed operations with exactly the seeds\' status codes (plus the snapshot 404 on partitions)', () => {
    const ops = operations(enabled);
    expect([...ops.keys()].sort()).toEqual(Object.keys(SEED_CODES).sort());
    for (const [id, codes] of Object.entries(SEED_CODES)) {
      const expected = id === 'getSessionsPartitions' ? [...codes, '404'] : codes;
      expect(Object.keys(ops.get(id)?.responses ?? {}).sort(), id).toEqual([...expected].sort());
    }
  });

  it('should list parameters in the seeds\' order', () => {
    const ops = operations(enabled);
    for (const [id, names] of Object.entries(SEED_PARAMS)) expect(paramNames(enabled, ops.get(id)!), id).toEqual(names);
  });

  it('should resolve every $ref and point tokens at the host root', () => {
    for (const ref of allRefs(enabled)) expect(() => resolve(enabled, { $ref: ref })).not.toThrow();
    expect(enabled.servers?.[0]?.url).toBe(`${ROOT}/data/v3`);
    const scheme = enabled.components!.securitySchemes!.oauth2_client_credentials as OpenAPIV3.OAuth2SecurityScheme;
    expect(scheme.flows.clientCredentials?.tokenUrl).toBe(`${ROOT}/oauth/token`);
  });
});

describe('buildOpenApiDocument with change queries off', () => {
  it('should drop deletes/keyChanges, the change-version parameters and Use-Snapshot', () => {
    expect(Object.keys(disabled.paths).sort()).toEqual([
      '/ed-fi/courseOfferings',
      '/ed-fi/courseOfferings/partitions',
      '/ed-fi/courseOfferings/{id}',
      '/ed-fi/sessions',
      '/ed-fi/sessions/partitions',
      '/ed-fi/sessions/{id}',
    ]);
    const declared = [...operations(disabled).values(), ...operations(disabled, 'courseOfferings').values()].flatMap((op) => paramNames(disabled, op));
    const dropped = ['minChangeVersion', 'maxChangeVersion', 'Use-Snapshot'];
    expect(declared.filter((name) => dropped.includes(name))).toEqual([]);
    expect(Object.keys(disabled.components?.parameters ?? {}).filter((key) => /ChangeVersion|Snapshot/.test(key))).toEqual([]);
    for (const ref of allRefs(disabled)) expect(() => resolve(disabled, { $ref: ref })).not.toThrow();
    expect(paramNames(disabled, operations(disabled).get('getSessions')!)).toEqual(
      SEED_PARAMS.getSessions.filter((name) => !['minChangeVersion', 'maxChangeVersion', 'Use-Snapshot'].includes(name)),
    );
  });

  it('should be what the handler serves for the context', async () => {
    const res = await openApiDocument(request('/metadata/data/v3/resources/swagger.json'), {
      ...context(undefined as unknown as Db, { changeQueries: false }),
      rootUrl: 'http://host.example',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(buildOpenApiDocument({ rootUrl: 'http://host.example', changeQueries: false }));
  });
});

describe('handler output against the document', () => {
  let db: Db;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'host.json', components: enabled.components }, 'host.json');
  const schema = (name: string) => ajv.getSchema(`host.json#/components/schemas/${name}`)!;

  beforeAll(async () => {
    db = await openTestDb();
    // Children too, so nested references and their links are validated.
    await insertSession(db, { sessionName: 'Doc check', schoolYear: 2024 });
    await db.exec(`INSERT INTO edfi.sessiongradingperiod (schoolid, schoolyear, sessionname, gradingperioddescriptorid, gradingperiodname)
      SELECT schoolid, 2024, 'Doc check', gradingperioddescriptorid, gradingperiodname FROM edfi.gradingperiod
      WHERE schoolid = 255901001 AND schoolyear = 2024 ORDER BY gradingperiodname LIMIT 2`);
    await db.exec(`INSERT INTO edfi.sessionacademicweek (schoolid, schoolyear, sessionname, weekidentifier)
      SELECT schoolid, 2024, 'Doc check', weekidentifier FROM edfi.academicweek WHERE schoolid = 255901001 LIMIT 1`);
    await insertSession(db, { sessionName: 'Doc gone', schoolYear: 2030 });
    await db.exec(`DELETE FROM edfi.session WHERE sessionname = 'Doc gone'`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('should validate GET-many items, deletes and partitions against their schemas', async () => {
    const items = (await listSessions(request('/x', { sessionName: 'Doc check' }), context(db))).body as unknown[];
    expect(items).toHaveLength(1);
    expect((items[0] as { gradingPeriods: unknown[] }).gradingPeriods).toHaveLength(2);
    const session = schema('edFi_session');
    expect(session(items[0]), JSON.stringify(session.errors)).toBe(true);
    expect(session({ ...(items[0] as object), totalInstructionalDays: -1 })).toBe(false);
    const deletes = (await sessionDeletes(request('/x'), context(db))).body as unknown[];
    expect(deletes.length).toBeGreaterThan(0);
    for (const item of deletes) expect(schema('trackedChanges_edFi_sessionDelete')(item)).toBe(true);
    const partitions = (await sessionPartitions(request('/x'), context(db))).body;
    expect(schema('partitions')(partitions)).toBe(true);
  });

  const official = new URL('../../../shared/contract/openapi/openapi-v7.3-sessions-fragment.RECONSTRUCTED.json', import.meta.url);
  it.skipIf(!existsSync(official))('should validate a GET-many item against the edFi_session of ../shared (skipped when ../shared is absent)', async () => {
    const fragment = JSON.parse(readFileSync(official, 'utf8')) as { components: unknown };
    const shared = new Ajv({ strict: false, allErrors: true });
    addFormats.default(shared);
    shared.addSchema({ $id: 'shared.json', components: fragment.components }, 'shared.json');
    const validate = shared.getSchema('shared.json#/components/schemas/edFi_session')!;
    const [item] = (await listSessions(request('/x', { sessionName: 'Doc check' }), context(db))).body as unknown[];
    expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
  });
});
