// The resource descriptors against the committed contract (paths, schemas, keys, filters,
// references) and their builders against the contract's schemas.
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { type SessionKey, type SessionRefs } from '../../../generators/index.js';
import { ods73Contract, ods73Document } from '../../../src/contract/contract-sources.js';
import { compileSchemaValidator } from '../../../src/contract/openapi.js';
import { courseOfferings, isSetUpOnly, KNOWN_RESOURCES, memberAt, naturalKeyOf, RESOURCES, resourceByName, sameNaturalKey, sections, SET_UP_RESOURCES, sessions, type AnyResourceDescriptor } from '../../../src/resources/index.js';
import { bareRefs, sampleRefs } from '../../generators/sample-refs.js';

const doc = ods73Document();
const schemas = doc.components!.schemas! as Record<string, OpenAPIV3.SchemaObject>;
const refName = (node: unknown): string | undefined => ((node as { $ref?: string })?.$ref ?? '').split('/').pop() || undefined;
const refs: SessionRefs = { ...sampleRefs, course: { courseCode: 'ALG-1', educationOrganizationId: 255901001 } };

/** The schema of a dotted member path, following $refs; undefined when a segment is not a property. */
function memberSchema(schema: string, path: string): OpenAPIV3.SchemaObject | undefined {
  let node: OpenAPIV3.SchemaObject | undefined = schemas[schema];
  for (const part of path.split('.')) {
    const next: unknown = node?.properties?.[part];
    node = refName(next) ? schemas[refName(next)!] : (next as OpenAPIV3.SchemaObject | undefined);
  }
  return node;
}

function getMany(d: AnyResourceDescriptor): OpenAPIV3.ParameterObject[] {
  return ((doc.paths[d.path]!.get!.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => 'name' in p);
}

/** An item's natural key as an Ed-Fi reference to it holds it: the leaf of each key member. */
function keyLeaves(d: AnyResourceDescriptor, item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(d.naturalKey.map((k) => [k.split('.').pop()!, memberAt(item, k)]));
}

/** The name under which `child` takes `parent` as a created prerequisite. */
function parentAs(child: AnyResourceDescriptor, parent: AnyResourceDescriptor): string {
  const p = child.prerequisites.find((x) => x.kind === 'created' && x.resource === parent.name);
  if (!p || p.kind !== 'created') throw new Error(`${child.name} does not take ${parent.name} as a parent`);
  return p.as;
}

/** Builds one item, creating (building) its parents first as the descriptor's prerequisites say. */
function buildWithParents(d: AnyResourceDescriptor, seed: number, r: SessionRefs = refs): { item: Record<string, unknown>; parents: Record<string, unknown> } {
  const parents: Record<string, unknown> = {};
  for (const p of d.prerequisites) {
    if (p.kind !== 'created') continue;
    const parent = resourceByName(p.resource)!;
    parents[p.as] = keyLeaves(parent, buildWithParents(parent, seed + 1, r).item);
  }
  return { item: d.factory({ seed, runTag: 'Ab12' }).build(r, parents), parents };
}

describe.each(RESOURCES.map((d) => [d.name, d] as const))('the %s descriptor', (_name, d) => {
  it('should name a resource of the contract with all eight operations and its schema', () => {
    const kinds = ods73Contract().forResource(d.path).map((o) => o.kind).sort();
    expect(kinds).toEqual(['create', 'delete', 'deletes', 'keyChanges', 'list', 'partitions', 'read', 'update']);
    expect(refName((doc.paths[d.path]!.post!.requestBody as OpenAPIV3.RequestBodyObject).content['application/json']!.schema)).toBe(d.schema);
    const listed = ((doc.paths[d.path]!.get!.responses['200'] as OpenAPIV3.ResponseObject).content!['application/json']!.schema as OpenAPIV3.ArraySchemaObject).items;
    expect(refName(listed)).toBe(d.schema);
    expect(d.path.endsWith(`/${d.name}`)).toBe(true);
  });

  it("should declare the key the contract's identity filters, required members and PUT say", () => {
    for (const path of d.naturalKey) expect([path, memberSchema(d.schema, path)?.['x-Ed-Fi-isIdentity' as never]]).toEqual([path, true]);
    const identityFilters = getMany(d).filter((p) => (p as unknown as Record<string, unknown>)['x-Ed-Fi-isIdentity']).map((p) => p.name);
    expect(new Set(d.naturalKey.map((p) => p.split('.').pop()))).toEqual(new Set(identityFilters));
    for (const head of new Set(d.naturalKey.map((p) => p.split('.')[0]!))) expect(schemas[d.schema]!.required).toContain(head);
    expect(d.keyUpdatable).toBe(ods73Contract().forResource(d.path).find((o) => o.kind === 'update')!.keyUpdatable);
  });

  it('should isolate on scalar non-key members that GET-many can filter on', () => {
    const filters = getMany(d).map((p) => p.name);
    const keyLeaves = d.naturalKey.map((p) => p.split('.').pop());
    expect(d.isolation.length).toBeGreaterThan(0);
    for (const member of d.isolation) {
      expect(filters).toContain(member);
      expect(keyLeaves).not.toContain(member);
      expect(['string', 'integer']).toContain(memberSchema(d.schema, member)?.type);
    }
  });

  it('should reference its dependents the way their schemas do', () => {
    for (const dep of d.dependents) {
      const dependent = resourceByName(dep.resource)!;
      if (!schemas[dependent.schema]) {
        // A set-up-only dependent (sections) is not in the committed contract: its builder must put
        // exactly this resource's key leaves under `via`, as Ed-Fi's reference holds them.
        expect(isSetUpOnly(dependent.name)).toBe(true);
        const parent = buildWithParents(d, 5).item;
        const built = dependent.factory({ seed: 5, runTag: 'Ab12' }).build(refs, { [parentAs(dependent, d)]: keyLeaves(d, parent) });
        expect(built[dep.via]).toEqual(keyLeaves(d, parent));
        continue;
      }
      const refSchema = refName(schemas[dependent.schema]!.properties![dep.via]);
      expect(refSchema).toBe(`${d.schema}Reference`);
      expect(new Set(schemas[refSchema!]!.required)).toEqual(new Set(d.naturalKey.map((p) => p.split('.').pop())));
      expect(dependent.prerequisites).toContainEqual(expect.objectContaining({ kind: 'created', resource: d.name }));
    }
  });

  it("should build items valid against the contract's schema, distinct in key, the same for the same seed", () => {
    const validate = compileSchemaValidator(doc, d.schema)!;
    const parents = buildWithParents(d, 7).parents;
    const factory = d.factory({ seed: 7, runTag: 'Ab12' });
    const items = Array.from({ length: 40 }, () => factory.build(refs, parents));
    for (const item of items) expect(validate(item)).toEqual([]);
    expect(new Set(items.map((i) => JSON.stringify(naturalKeyOf(d, i)))).size).toBe(items.length);
    const again = d.factory({ seed: 7, runTag: 'Ab12' });
    expect(items.slice(0, 3)).toEqual([again.build(refs, parents), again.build(refs, parents), again.build(refs, parents)]);
    expect(JSON.stringify(items[0])).toContain('ab12');
    expect(validate({ ...items[0], unknownMember: 1, [d.naturalKey[0]!.split('.')[0]!]: undefined })).not.toEqual([]);
  });

  it('should change exactly one non-key member, leaving the item it was given alone', () => {
    const { item } = buildWithParents(d, 11);
    const before = structuredClone(item);
    const changed = d.nonKeyChange(item);
    expect(item).toEqual(before);
    expect(sameNaturalKey(d, item, changed)).toBe(true);
    const differing = Object.keys({ ...item, ...changed }).filter((k) => JSON.stringify(item[k]) !== JSON.stringify(changed[k]));
    expect(differing).toHaveLength(1);
    expect(d.naturalKey.map((p) => p.split('.')[0])).not.toContain(differing[0]);
    expect(compileSchemaValidator(doc, d.schema)!(changed)).toEqual([]);
  });
});

describe('the courseOfferings builder', () => {
  const session: SessionKey = { schoolId: 255901001, schoolYear: 2025, sessionName: 'Fall Term ab12-0000000x' };

  it('should offer the discovered course at the created session, one school for both school members', () => {
    const item = courseOfferings.factory({ seed: 3, runTag: 'ab12' }).build(refs, { session });
    expect(item.sessionReference).toEqual(session);
    expect(item.schoolReference.schoolId).toBe(session.schoolId);
    expect(item.courseReference).toEqual(refs.course);
    expect(naturalKeyOf(courseOfferings, item)).toEqual({
      localCourseCode: item.localCourseCode,
      'schoolReference.schoolId': 255901001,
      'sessionReference.schoolYear': 2025,
      'sessionReference.sessionName': session.sessionName,
    });
  });

  it('should refuse to build without a course, and list the course as a required probed fixture', () => {
    expect(() => courseOfferings.factory({ seed: 3, runTag: 'ab12' }).build(bareRefs, { session })).toThrow(/course/);
    expect(courseOfferings.prerequisites).toContainEqual(expect.objectContaining({ kind: 'fixture', fixture: 'course', required: true, capability: 'course' }));
  });

  it('should apply overrides, and remove a member given as undefined', () => {
    const item = courseOfferings.factory({ seed: 3, runTag: 'ab12' }).build(refs, { session }, { localCourseTitle: 'Given', instructionalTimePlanned: undefined });
    expect(item.localCourseTitle).toBe('Given');
    expect('instructionalTimePlanned' in item).toBe(false);
  });
});

describe('the sections builder (set-up only)', () => {
  const offering = { localCourseCode: 'ab12-c1', schoolId: 255901001, schoolYear: 2025, sessionName: 'Fall Term ab12-0000000x' };

  it('should build sections of the given course offering, its identifier carrying the run tag, distinct and the same for the same seed', () => {
    const factory = sections.factory({ seed: 3, runTag: 'Ab12' });
    const items = Array.from({ length: 20 }, () => factory.build(bareRefs, { courseOffering: offering }));
    for (const item of items) {
      expect(item.courseOfferingReference).toEqual(offering);
      expect(item.sectionIdentifier.length).toBeLessThanOrEqual(255);
      expect(item.sectionIdentifier).toMatch(/^ab12-[0-9a-z]+$/);
    }
    expect(new Set(items.map((i) => i.sectionIdentifier)).size).toBe(items.length);
    expect(sections.factory({ seed: 3, runTag: 'Ab12' }).build(bareRefs, { courseOffering: offering })).toEqual(items[0]);
    expect(naturalKeyOf(sections, items[0]!)).toMatchObject({ sectionIdentifier: items[0]!.sectionIdentifier, 'courseOfferingReference.sessionName': offering.sessionName });
  });

  it('should change only sectionName as its non-key change', () => {
    const item = sections.factory({ seed: 3, runTag: 'Ab12' }).build(bareRefs, { courseOffering: offering });
    const changed = sections.nonKeyChange(item);
    expect(sameNaturalKey(sections, item, changed)).toBe(true);
    expect(changed.sectionName).not.toBe(item.sectionName);
  });
});

describe('descriptor registry and keys', () => {
  it('should check sessions then courseOfferings, know sections only as set-up, and find all three by name', () => {
    expect(RESOURCES.map((r) => r.name)).toEqual(['sessions', 'courseOfferings']);
    expect(SET_UP_RESOURCES.map((r) => r.name)).toEqual(['sections']);
    expect(KNOWN_RESOURCES.map((r) => r.name)).toEqual(['sessions', 'courseOfferings', 'sections']);
    expect(resourceByName('sessions')).toBe(sessions);
    expect(resourceByName('sections')).toBe(sections);
    expect([isSetUpOnly('sections'), isSetUpOnly('courseOfferings')]).toEqual([true, false]);
    expect(resourceByName('schools')).toBeUndefined();
  });

  it('should read dotted members and compare keys member by member', () => {
    const a = { sessionName: 'x', schoolReference: { schoolId: 1 }, schoolYearTypeReference: { schoolYear: 2025 } };
    expect(memberAt(a, 'schoolReference.schoolId')).toBe(1);
    expect(memberAt(a, 'schoolReference.missing.deeper')).toBeUndefined();
    expect(sameNaturalKey(sessions, a, { ...a, totalInstructionalDays: 3 })).toBe(true);
    expect(sameNaturalKey(sessions, a, { ...a, schoolReference: { schoolId: 2 } })).toBe(false);
  });
});
