// The invalid-case catalogue proves its own claims: schema cases fail our schema exactly where they
// say, semantic cases pass it (their invalidity is a business rule), transport cases are what
// they say (not UTF-8, not JSON, wrong media type), and no case edits the payload it is given.
import { describe, expect, it } from 'vitest';
import { ajvErrorToJsonPath, compileSessionValidators } from '../../src/contract/session-schema.js';
import {
  acceptableOutcomes,
  acceptedOddCases,
  catalogueRows,
  createSessionFactory,
  encodeRequest,
  outcomeFor,
  comparesBody,
  sendCase,
  withRouteId,
  expectedStatus,
  invalidSessionCases,
  isAccepted,
  requirementFor,
  unmetNeeds,
  type InvalidCase,
} from '../../generators/index.js';
import { ProblemType } from '../../src/contract/problem-types.js';
import { differenceById } from '../../src/profiles/register.js';
import { semanticClaims, transportClaims } from './case-claims.js';
import { bareRefs, sampleRefs } from './sample-refs.js';

const validators = compileSessionValidators();
const factory = createSessionFactory({ seed: 404, runTag: 'cases' });
const allCases: InvalidCase[] = [...invalidSessionCases, ...acceptedOddCases];
const knownTypes = new Set<string>([...Object.values(ProblemType), '']);

/** Reads `$.a[0].b` out of a JSON value (undefined when absent). */
function valueAt(root: unknown, path: string): unknown {
  const segments = path.replace(/^\$/, '').match(/[^.[\]]+/g) ?? [];
  return segments.reduce<unknown>((node, s) => (node == null ? undefined : (node as Record<string, unknown>)[s]), root);
}

function schemaErrorPaths(json: unknown): string[] {
  if (validators.request(json)) return [];
  return [...new Set((validators.request.errors ?? []).map(ajvErrorToJsonPath))].sort();
}

describe('invalid-case catalogue: shape', () => {
  it('should hold at least 40 invalid cases with unique ids across both lists', () => {
    expect(invalidSessionCases.length).toBeGreaterThanOrEqual(40);
    const ids = allCases.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('should give each case a one-line reason, a method, a known problem type and an ODS outcome of the right class', () => {
    for (const c of allCases) {
      expect(c.reason.length > 0 && !c.reason.includes('\n'), c.id).toBe(true);
      expect(c.applyTo.length, c.id).toBeGreaterThan(0);
      const outcomes = [...Object.values(c.expect), ...Object.values(c.alternatives ?? {}).flat()];
      for (const outcome of outcomes) expect(knownTypes.has(outcome!.type), `${c.id}: ${outcome!.type}`).toBe(true);
      if (c.alternatives) expect(c.caveat, `${c.id} explains when its alternatives apply`).toBeTruthy();
      if (c.kind !== 'transport') expect(c.at?.length, `${c.id} says where it is wrong`).toBeGreaterThan(0);
    }
    for (const c of invalidSessionCases) expect(c.expect['ods-7.3'].status, c.id).toBeGreaterThanOrEqual(400);
    expect(acceptedOddCases.filter((c) => isAccepted(c.expect['ods-7.3'])).length).toBeGreaterThanOrEqual(6);
  });

  it('should cover every required member missing, references that do not exist, and every transport family', () => {
    const ids = new Set(invalidSessionCases.map((c) => c.id));
    for (const id of ['sessionName.missing', 'beginDate.missing', 'schoolYearTypeReference.missing', 'schoolReference.unknown', 'academicWeekReference.unknown', 'body.notUtf8', 'contentType.missing', 'id.inPostBody']) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('should map outcomes to requirements and statuses per method', () => {
    const unknownSchool = invalidSessionCases.find((c) => c.id === 'schoolReference.unknown')!;
    expect(requirementFor(unknownSchool, 'PUT')).toBe('SES-PUT-409-UNRESOLVED');
    expect(requirementFor(invalidSessionCases.find((c) => c.id === 'id.inPostBody')!, 'POST')).toBe('SES-POST-400-ID-IN-BODY');
    expect(expectedStatus({ status: 201, type: '' }, 'PUT')).toBe(204);
    expect(expectedStatus({ status: 409, type: ProblemType.unresolvedReference }, 'PUT')).toBe(409);
  });
});

describe.each([
  ['a target with every fixture', sampleRefs],
  ['a bare target', bareRefs],
])('catalogue claims on %s', (_label, refs) => {
  const runnable = allCases.filter((c) => unmetNeeds(c, refs).length === 0);

  it('should only skip cases that declare an unmet need', () => {
    const skipped = allCases.filter((c) => unmetNeeds(c, refs).length > 0);
    for (const c of skipped) expect(c.needs?.length, c.id).toBeGreaterThan(0);
    if (refs === sampleRefs) expect(skipped).toEqual([]);
  });

  it.each(runnable.filter((c) => c.kind === 'schema').map((c) => [c.id, c] as const))('schema case %s fails our schema only where it says', (_id, c) => {
    const valid = factory.build(refs);
    const req = c.build(valid, refs);
    expect(req.json, 'a schema case sends JSON').not.toBeUndefined();
    expect(schemaErrorPaths(req.json)).toEqual([...c.at!].sort());
    // One reason per place: a second keyword failing at the same path would be an accidental reason.
    const keywords = (validators.request.errors ?? []).map((e) => `${ajvErrorToJsonPath(e)} ${e.keyword}`);
    expect(keywords, keywords.join(', ')).toHaveLength(c.at!.length);
  });

  it.each(runnable.filter((c) => c.kind === 'semantic').map((c) => [c.id, c] as const))('semantic case %s passes our schema and changes what it names', (_id, c) => {
    const valid = factory.build(refs);
    const req = c.build(valid, refs);
    expect(schemaErrorPaths(req.json)).toEqual([]);
    for (const path of c.at ?? []) expect(JSON.stringify(valueAt(req.json, path)), path).not.toBe(JSON.stringify(valueAt(valid, path)));
    if (invalidSessionCases.includes(c)) {
      expect(semanticClaims[c.id], `${c.id} needs a claim in case-claims.ts`).toBeTypeOf('function');
      expect(semanticClaims[c.id](req, valid, refs), `${c.id} claim`).toBe(true);
    }
  });

  it.each(runnable.filter((c) => c.kind === 'transport').map((c) => [c.id, c] as const))('transport case %s is what it claims', (_id, c) => {
    const valid = factory.build(refs);
    const req = c.build(valid, refs);
    expect(transportClaims[c.id], `${c.id} needs a claim in case-claims.ts`).toBeTypeOf('function');
    expect(transportClaims[c.id](req, valid, refs)).toBe(true);
  });

  it('should never edit the valid payload or the refs it is given', () => {
    for (const c of runnable) {
      const valid = factory.build(refs);
      const before = JSON.stringify([valid, refs]);
      c.build(valid, refs);
      expect(JSON.stringify([valid, refs]), c.id).toBe(before);
    }
  });
});

describe('unmetNeeds', () => {
  it('should explain why a case cannot run on a bare target', () => {
    const otherSchool = invalidSessionCases.find((c) => c.id === 'gradingPeriodReference.otherSchool')!;
    expect(unmetNeeds(otherSchool, bareRefs)).toContain('the target has no second school');
    expect(unmetNeeds(otherSchool, sampleRefs)).toEqual([]);
  });
});

describe('catalogue usage helpers', () => {
  const valid = factory.build(sampleRefs);
  const byId = (id: string) => allCases.find((c) => c.id === id)!;

  it('should encode json as application/json and keep raw bodies and a missing Content-Type as given', () => {
    const json = encodeRequest(byId('sessionName.missing').build(valid, sampleRefs));
    expect(json.headers['content-type']).toBe('application/json');
    expect(JSON.parse(json.body as string).sessionName).toBeUndefined();
    const bare = encodeRequest(byId('contentType.missing').build(valid, sampleRefs));
    expect(bare.headers).toEqual({});
    expect(bare.body).toBeInstanceOf(Uint8Array);
  });

  it("should give a profile its own outcome, else ODS's status only, and list alternatives", () => {
    const unknownSchool = byId('schoolReference.unknown');
    expect(acceptableOutcomes(unknownSchool, 'ods-7.3').map((o) => o.status)).toEqual([409, 403]);
    const own = outcomeFor(byId('termDescriptor.noHash'), 'dms');
    expect(own).toEqual({ status: 400, type: ProblemType.badRequest, paths: ['$.termDescriptor'] });
    expect(comparesBody(own)).toBe(true);
    for (const profile of ['dms', 'guidelines'] as const) {
      const inherited = outcomeFor(byId('contentType.textPlain'), profile);
      expect(inherited).toEqual({ status: 415, type: ProblemType.unsupportedMediaType, inheritedFrom: 'ods-7.3' });
      expect(comparesBody(inherited)).toBe(false);
    }
    // ODS's validationErrors paths are not carried over to a profile that documents none.
    expect(outcomeFor(byId('beginDate.missing'), 'guidelines')).not.toHaveProperty('paths');
    expect(acceptableOutcomes(byId('propertyNames.pascalCase'), 'guidelines').map((o) => o.status)).toEqual([201, 400]);
  });

  it('should add the route id to a PUT body only where the body is a JSON object without one', () => {
    const id = 'abc123';
    expect(withRouteId(byId('sessionName.missing').build(valid, sampleRefs), id).json).toMatchObject({ id });
    const differing = byId('id.inPutBody.different').build(valid, sampleRefs);
    expect(withRouteId(differing, id)).toBe(differing);
    const array = byId('body.jsonArray').build(valid, sampleRefs);
    expect(withRouteId(array, id)).toBe(array);
    const raw = byId('body.malformedJson').build(valid, sampleRefs);
    expect(withRouteId(raw, id)).toBe(raw);
  });

  it('should send a case as encoded, with no Content-Type when the case says none', async () => {
    const sent: unknown[] = [];
    const client = { request: async (spec: unknown) => void sent.push(spec) };
    await sendCase(client, 'PUT', '/x', byId('contentType.missing').build(valid, sampleRefs));
    await sendCase(client, 'POST', '/x', byId('sessionName.missing').build(valid, sampleRefs));
    expect(sent[0]).toMatchObject({ method: 'PUT', path: '/x', headers: {} });
    expect((sent[0] as { body: unknown }).body).toBeInstanceOf(Uint8Array);
    expect(sent[1]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
  });

  it('should name only profile-register entries that exist', () => {
    const named = allCases.filter((c) => c.difference);
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const c of named) expect(differenceById(c.difference!), `${c.id}: ${c.difference}`).toBeDefined();
  });

  it('should list one printable row per case', () => {
    const rows = catalogueRows(allCases);
    expect(rows).toHaveLength(allCases.length);
    expect(rows.find((r) => r.id === 'schoolReference.unknown')?.ods).toBe('409 data-conflict:unresolved-reference or 403 security:authorization');
    expect(rows.find((r) => r.id === 'extraMembers.unknown')?.ods).toBe('201 accepted');
  });
});
