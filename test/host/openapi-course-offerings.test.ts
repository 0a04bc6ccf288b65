// The courseOfferings part of the host's OpenAPI document against the real ODS 7.2 resources
// document (../shared/contract/openapi/ods-api-v7.2-resources-swagger.json): the same paths,
// operation ids, parameters in order and status codes (plus the 7.3 cursor parameters and
// /partitions, which 7.2 lacks), the same EdFi_CourseOffering members and required list; and the
// host's own answers validate against its document. The comparison is skipped, with a message, when
// ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../host/openapi/index.js';
import { type TestHost, startTestHost } from './host-fixture.js';
import { COURSE_OFFERINGS, createOffering, newSession, offeringBody } from './course-offering-fixture.js';

const host = buildOpenApiDocument({ rootUrl: 'http://127.0.0.1:5999', changeQueries: true });
const odsUrl = new URL('../../../shared/contract/openapi/ods-api-v7.2-resources-swagger.json', import.meta.url);
const odsPresent = existsSync(odsUrl);
if (!odsPresent) console.warn('[openapi-course-offerings] ODS 7.2 comparison skipped: ../shared is absent');

const METHODS = ['get', 'post', 'put', 'delete'] as const;
/** Added in 7.3 (cursor paging), so absent from the 7.2 document. */
const CURSOR_PARAMETERS = ['pageToken', 'pageSize'];

function deref<T>(doc: any, value: T | OpenAPIV3.ReferenceObject): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    return value.$ref.replace(/^#\//, '').split('/').reduce((node: any, key: string) => node?.[key], doc) as T;
  }
  return value as T;
}

function describeOperations(doc: any, filter: (path: string) => boolean) {
  const result: Record<string, { operationId: string; parameters: string[]; statuses: string[] }> = {};
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!filter(path)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      result[`${method.toUpperCase()} ${path}`] = {
        operationId: op.operationId,
        parameters: (op.parameters ?? []).map((p: any) => deref<OpenAPIV3.ParameterObject>(doc, p).name),
        statuses: Object.keys(op.responses).sort(),
      };
    }
  }
  return result;
}

const isOffering = (path: string) => path.startsWith('/ed-fi/courseOfferings');

describe.skipIf(!odsPresent)('host OpenAPI courseOfferings vs the ODS 7.2 resources document', () => {
  const ods = odsPresent ? JSON.parse(readFileSync(odsUrl, 'utf8')) : undefined;

  it('has the same operations, parameter order and statuses, plus the 7.3 cursor parameters and /partitions', () => {
    const expected = describeOperations(ods, isOffering);
    const actual = describeOperations(host, isOffering);
    expect(Object.keys(actual).sort()).toEqual([...Object.keys(expected), 'GET /ed-fi/courseOfferings/partitions'].sort());
    for (const [key, op] of Object.entries(expected)) {
      expect(actual[key].operationId, key).toBe(op.operationId);
      expect(actual[key].statuses, key).toEqual(op.statuses);
      expect(actual[key].parameters.filter((name) => !CURSOR_PARAMETERS.includes(name)), key).toEqual(op.parameters);
    }
    expect(actual['GET /ed-fi/courseOfferings'].parameters.slice(0, 4)).toEqual(['offset', 'limit', 'pageToken', 'pageSize']);
  });

  it('declares the members and required list of EdFi_CourseOffering and its tracked key', () => {
    const schemas = host.components!.schemas as Record<string, OpenAPIV3.SchemaObject>;
    const odsSchemas = ods.components.schemas;
    for (const name of ['edFi_courseOffering', 'edFi_courseReference', 'trackedChanges_edFi_courseOfferingKey', 'trackedChanges_edFi_courseOfferingKeyChange']) {
      expect(Object.keys(schemas[name].properties!).sort(), name).toEqual(Object.keys(odsSchemas[name].properties).sort());
      expect([...(schemas[name].required ?? [])].sort(), name).toEqual([...(odsSchemas[name].required ?? [])].sort());
    }
  });
});

describe("the host's course offering answers against its own document", () => {
  let t: TestHost;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'host.json', components: host.components }, 'host.json');
  const schema = (name: string) => ajv.getSchema(`host.json#/components/schemas/${name}`)!;
  beforeAll(async () => {
    t = await startTestHost();
  });
  afterAll(async () => t?.stop());

  it('validates GET by id, GET-many items, /deletes and /keyChanges', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session, { instructionalTimePlanned: 45, localCourseTitle: 'T' }));
    const item = schema('edFi_courseOffering');
    const read = (await t.api({ path: created.path })).json;
    expect(item(read), JSON.stringify(item.errors)).toBe(true);
    expect(item({ ...read, instructionalTimePlanned: 0 }), 'the schema keeps minimum 1').toBe(false);
    const listed = (await t.api({ path: `${COURSE_OFFERINGS}?sessionName=${encodeURIComponent(session.sessionName)}` })).json;
    for (const entry of listed) expect(item(entry), JSON.stringify(item.errors)).toBe(true);
    await t.api({ method: 'PUT', path: `/data/v3/ed-fi/sessions/${session.id}`, body: { ...session.body, sessionName: `${session.sessionName} K` } });
    await t.api({ method: 'DELETE', path: created.path });
    const deletes = (await t.api({ path: `${COURSE_OFFERINGS}/deletes` })).json;
    const keyChanges = (await t.api({ path: `${COURSE_OFFERINGS}/keyChanges` })).json;
    expect(deletes.length).toBeGreaterThan(0);
    expect(keyChanges.length).toBeGreaterThan(0);
    for (const entry of deletes) expect(schema('trackedChanges_edFi_courseOfferingDelete')(entry)).toBe(true);
    for (const entry of keyChanges) expect(schema('trackedChanges_edFi_courseOfferingKeyChange')(entry)).toBe(true);
  });
});
