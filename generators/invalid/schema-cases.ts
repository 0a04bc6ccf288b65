// Generic write cases generated from a resource's JSON Schema in the committed ODS/API 7.3 contract
// (src/contract/ods-7.3/), so every resource gets them without writing one by hand: each required
// member missing (top level, and inside each required reference), each string with a maxLength
// given maxLength + 1 characters, each member given a value of the wrong JSON type (refused: 400),
// and the accepted counterparts that cost one POST: unknown members (ignored, CONTRACT.md §1.6: the
// Newtonsoft default in ODS; DMS scenario 10 "overpost" also answers 201 and drops them), strings
// of exactly their maxLength, and every optional member absent.
// The hand-written catalogue (./index.ts) stays the source of the semantic cases; where it already
// has a generated case under the same id (sessions), the generated one is dropped (casesFor).
import { ods73Document } from '../../src/contract/contract-sources.js';
import { edited, padTo, type Draft } from './edit.js';
import type { WriteMethod } from './types.js';

/** Which schema rule a case breaks (or, for the accepted ones, exercises). */
export type SchemaRule = 'required-missing' | 'too-long' | 'wrong-type' | 'unknown-member' | 'max-length' | 'optional-absent';

export interface SchemaCase {
  /** 'courseReference.courseCode.tooLong'; the hand-written catalogue's naming, so duplicates show by id. */
  id: string;
  rule: SchemaRule;
  /** The member the case is about, dotted ('courseReference.courseCode'); '*' for the whole body. */
  member: string;
  /** One line: what the body does. */
  reason: string;
  applyTo: readonly WriteMethod[];
  /** A conforming host refuses it with 400 data-validation-failed (else it accepts it). */
  refused: boolean;
  /** validationErrors keys ODS is expected to answer, when known (a nested missing member's key is not pinned down). */
  paths?: string[];
  /** The valid body with the one change (never edits `valid`). */
  build(valid: object): Draft;
  /** Accepted cases: what the host must store, i.e. the body without what it must ignore. */
  stored?(valid: object): Draft;
}

/** The unknown member the unknown-member case sends (a read-back must not carry it). */
export const UNKNOWN_MEMBER = 'conformanceUnknownMember';

interface Schema {
  type?: string;
  $ref?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  maxLength?: number;
  format?: string;
}

/** Members a client does not write: the id (route or server), the server-kept and link members. */
const NOT_WRITTEN = new Set(['id', '_etag', '_lastModifiedDate', '_ext', 'link']);
const REFUSED_BOTH: readonly WriteMethod[] = ['POST', 'PUT'];
const POST_ONLY: readonly WriteMethod[] = ['POST'];

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = schemas[name];
  if (!target) throw new Error(`the contract's schema reference ${schema.$ref} names no schema`);
  return target;
}

const typeOf = (s: Schema): string => s.type ?? (s.properties ? 'object' : 'unknown');
const isDescriptor = (member: string): boolean => /Descriptor$/.test(member);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const written = (s: Schema): Array<[string, Schema]> => Object.entries(s.properties ?? {}).filter(([k]) => !NOT_WRITTEN.has(k));

/** A value of another JSON type than the schema's, one a lenient binder (Newtonsoft) cannot coerce, and its id label. */
function wrongValue(s: Schema): { value: unknown; label: string } {
  switch (typeOf(s)) {
    case 'string':
      return { value: { text: 'not a string' }, label: 'object' };
    case 'integer':
    case 'number':
    case 'boolean':
      // Not a numeric string: ODS and DMS coerce "81" to 81 (acceptedOddCases).
      return { value: 'not a number', label: 'word' };
    case 'array':
      return { value: {}, label: 'object' };
    default:
      return { value: 'not an object', label: 'string' };
  }
}

/** A string `length` long for a member: a descriptor keeps the URI form, anything else pads the valid value (keeping a run tag at its start). */
function stringOfLength(member: string, current: unknown, length: number): string {
  if (isDescriptor(member) && typeof current !== 'string') return padTo(`uri://ed-fi.org/${pascal(member)}#Long`, length, 'x');
  return padTo(typeof current === 'string' ? current : 'Conformance', length);
}

type Path = readonly string[];
const dotted = (path: Path): string => path.join('.');
const jsonPath = (path: Path): string => `$.${dotted(path)}`;

function at(draft: Draft, path: Path): { parent: Draft; key: string } {
  let parent = draft;
  for (const key of path.slice(0, -1)) parent = parent[key] as Draft;
  return { parent, key: path[path.length - 1]! };
}

const withoutAt = (valid: object, path: Path): Draft => edited(valid, (d) => void delete at(d, path).parent[at(d, path).key]);
const withAt = (valid: object, path: Path, value: (current: unknown) => unknown): Draft =>
  edited(valid, (d) => {
    const { parent, key } = at(d, path);
    parent[key] = value(parent[key]);
  });

/** Every generated case for one schema of the contract, in schema order, before deduplication. */
export function schemaCases(schemaName: string, doc = ods73Document()): SchemaCase[] {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const root = schemas[schemaName];
  if (!root) throw new Error(`the committed contract has no schema ${schemaName}`);
  const required = new Set(root.required ?? []);
  const members = written(root).map(([name, s]) => ({ name, schema: resolve(s, schemas), required: required.has(name) }));
  // References the body always carries: their members are generated too.
  const references = members.filter((m) => m.required && typeOf(m.schema) === 'object');
  const nested = references.flatMap((ref) =>
    written(ref.schema).map(([name, s]) => ({ path: [ref.name, name] as Path, schema: resolve(s, schemas), required: (ref.schema.required ?? []).includes(name) })),
  );
  const scalars = [...members.map((m) => ({ path: [m.name] as Path, schema: m.schema, required: m.required })), ...nested];
  const cases: SchemaCase[] = [];

  // Required members missing: top level first, then inside each required reference.
  for (const m of scalars.filter((x) => x.required)) {
    const top = m.path.length === 1;
    cases.push({
      id: `${dotted(m.path)}.missing`,
      rule: 'required-missing',
      member: dotted(m.path),
      reason: top ? `the required member ${m.path[0]} is absent` : `${m.path[0]} lacks its required ${m.path[1]}`,
      applyTo: REFUSED_BOTH,
      refused: true,
      // ODS keys a reference's missing member at the reference ("… is missing the following properties"); not pinned down.
      ...(top ? { paths: [jsonPath(m.path)] } : {}),
      build: (valid) => withoutAt(valid, m.path),
    });
  }

  // maxLength + 1: strings at the top level and in the references, and the one string member of a child collection's item.
  for (const m of scalars.filter((x) => typeOf(x.schema) === 'string' && x.schema.maxLength !== undefined)) {
    const max = m.schema.maxLength!;
    cases.push({
      id: `${dotted(m.path)}.tooLong`,
      rule: 'too-long',
      member: dotted(m.path),
      reason: `${dotted(m.path)} has ${max + 1} characters (maxLength ${max})`,
      applyTo: REFUSED_BOTH,
      refused: true,
      paths: [jsonPath(m.path)],
      build: (valid) => withAt(valid, m.path, (current) => stringOfLength(m.path[m.path.length - 1]!, current, max + 1)),
    });
  }
  for (const m of members.filter((x) => typeOf(x.schema) === 'array')) {
    const item = resolve(m.schema.items ?? {}, schemas);
    const own = written(item).map(([name, s]) => [name, resolve(s, schemas)] as const);
    const [only] = own;
    // Only items of one string member (descriptor children): any other item needs fixtures to be valid otherwise.
    if (own.length !== 1 || typeOf(only![1]) !== 'string' || only![1].maxLength === undefined) continue;
    const [name, s] = only!;
    const max = s.maxLength!;
    const member = `${m.name}[0].${name}`;
    cases.push({
      id: `${m.name}.${name}.tooLong`,
      rule: 'too-long',
      member,
      reason: `an item of ${m.name} whose ${name} has ${max + 1} characters (maxLength ${max})`,
      applyTo: REFUSED_BOTH,
      refused: true,
      paths: [`$.${member}`],
      build: (valid) => edited(valid, (d) => void (d[m.name] = [{ [name]: stringOfLength(name, undefined, max + 1) }])),
    });
  }

  // A value of the wrong JSON type for every member: top level, then inside the references.
  for (const m of scalars) {
    const wrong = wrongValue(m.schema);
    cases.push({
      id: `${dotted(m.path)}.${wrong.label}`,
      rule: 'wrong-type',
      member: dotted(m.path),
      reason: `${dotted(m.path)} is ${wrong.label === 'word' ? 'a non-numeric string' : `a JSON ${wrong.label}`} where the schema says ${typeOf(m.schema)}`,
      applyTo: REFUSED_BOTH,
      refused: true,
      paths: [jsonPath(m.path)],
      build: (valid) => withAt(valid, m.path, () => structuredClone(wrong.value)),
    });
  }

  // Accepted: unknown members at the top level and inside every reference are ignored.
  const addUnknown = (valid: object): Draft =>
    edited(valid, (d) => {
      d[UNKNOWN_MEMBER] = 'not part of the contract';
      for (const ref of references) if (d[ref.name] && typeof d[ref.name] === 'object') d[ref.name][UNKNOWN_MEMBER] = 1;
    });
  cases.push({
    id: 'extraMembers.unknown',
    rule: 'unknown-member',
    member: UNKNOWN_MEMBER,
    reason: `an unknown member ${UNKNOWN_MEMBER} at the top level and in ${references.map((r) => r.name).join(', ') || 'no reference'} is ignored`,
    applyTo: POST_ONLY,
    refused: false,
    build: addUnknown,
    stored: (valid) => structuredClone(valid) as Draft,
  });

  // Accepted: exactly maxLength, for top-level strings that are neither a reference member nor a
  // descriptor (those must also name something that exists).
  for (const m of members.filter((x) => typeOf(x.schema) === 'string' && x.schema.maxLength !== undefined && !isDescriptor(x.name))) {
    const max = m.schema.maxLength!;
    const build = (valid: object): Draft => withAt(valid, [m.name], (current) => stringOfLength(m.name, current, max));
    cases.push({
      id: `${m.name}.atMaxLength`,
      rule: 'max-length',
      member: m.name,
      reason: `${m.name} has exactly ${max} characters (its maxLength)`,
      applyTo: POST_ONLY,
      refused: false,
      build,
      stored: build,
    });
  }

  // Accepted: every optional top-level member absent.
  const optional = members.filter((m) => !m.required).map((m) => m.name);
  if (optional.length > 0) {
    const build = (valid: object): Draft => edited(valid, (d) => optional.forEach((name) => delete d[name]));
    cases.push({
      id: 'optionalMembers.absent',
      rule: 'optional-absent',
      member: optional.join(', '),
      reason: `every optional member (${optional.join(', ')}) is absent`,
      applyTo: POST_ONLY,
      refused: false,
      build,
      stored: build,
    });
  }
  return cases;
}
