// Requirement templates: a rule of the Ed-Fi API pattern written once and expanded per resource
// descriptor (src/resources/), so `{R}-PUT-412-STALE` becomes SES-PUT-412-STALE for sessions and
// CO-PUT-412-STALE for course offerings. Level, area and profile restriction are the template's;
// the statement and source take the resource's words through %placeholders%, and the operation is
// the contract's operation of the template's kind on that resource. The sessions expansion is held
// byte-for-byte to the records the catalogue had before templates (a test), so requirement ids,
// check ids, baselines and Allure history do not move.
import type { OperationKind } from '../contract/contract.js';
import { ods73Contract } from '../contract/contract-sources.js';
import { RESOURCES, resourceByName, type AnyResourceDescriptor } from '../resources/index.js';
import { SEED_PAIRS } from './seed-pairs.js';
import type { Area, Level, Profile, Requirement } from './types.js';

export interface RequirementTemplate {
  /** The id without its resource prefix: 'PUT-412-STALE' (the expanded id is `${idPrefix}-${template}`). */
  template: string;
  level: Level;
  /** With placeholders; '%doc%:%op% 412' reads 'seed:PutSession 412' for sessions. */
  source: string;
  area: Area;
  /** Which of the resource's contract operations the requirement is about. */
  kind: Exclude<OperationKind, 'other'>;
  /** With placeholders (see PLACEHOLDERS). */
  statement: string;
  profiles?: Profile[];
  difference?: string;
  /**
   * Resources (by name) the template is not expanded for, because a hand-written requirement of
   * theirs already covers every case it would hold (sessions' invalid-case catalogue, cited as
   * SES-POST-400-VALIDATION): a requirement without a single check would only read "not run".
   */
  except?: readonly string[];
}

/** A catalogue entry: a requirement of one resource, or a template for every resource. */
export type CatalogueEntry = Requirement | RequirementTemplate;

export const isTemplate = (entry: CatalogueEntry): entry is RequirementTemplate => 'template' in entry;

const article = /^an? /;

/** What each placeholder reads for a resource (sessions in brackets). */
export const PLACEHOLDERS: Record<string, (d: AnyResourceDescriptor) => string> = {
  /** The resource with its article (a session). */
  a: (d) => d.title,
  /** Its noun (session). */
  noun: (d) => d.title.replace(article, ''),
  /** Its noun in the plural (sessions). */
  nouns: (d) => `${d.title.replace(article, '')}s`,
  /** Its collection path (/ed-fi/sessions). */
  path: (d) => d.path,
  /** Its collection segment (sessions). */
  collection: (d) => d.name,
  /**
   * Its natural key as /deletes and /keyChanges name it: the leaf of each key member, in key order
   * ({schoolId, schoolYear, sessionName}).
   */
  key: (d) => `{${d.naturalKey.map((k) => k.split('.').pop()).join(', ')}}`,
  /** Its singular name as Ed-Fi content types spell it (session): the schema name without 'edFi_'. */
  singular: (d) => d.schema.replace(/^edFi_/, ''),
  /**
   * The resource whose items reference it and block its DELETE, with its article (a course
   * offering); 'an item of another resource' when it has none (its check then skips).
   */
  dependent: (d) => {
    const blocking = d.dependents.find((x) => x.blocksDelete);
    return (blocking && resourceByName(blocking.resource)?.title) ?? 'an item of another resource';
  },
  /**
   * Where its documented statuses come from: the seeds for the resource they cover (seed), the
   * committed OpenAPI contract for the others (openapi).
   */
  doc: (d) => (SEED_PAIRS.some((p) => p.path === d.path) ? 'seed' : 'openapi'),
};

function fill(text: string, d: AnyResourceDescriptor, op: string, where: string): string {
  const out = text.replace(/%(\w+)%/g, (whole, name: string) => {
    if (name === 'op') return op;
    const value = PLACEHOLDERS[name];
    if (!value) throw new Error(`requirement template ${where}: unknown placeholder ${whole}`);
    return value(d);
  });
  return out;
}

/** The contract operation of this kind on the resource ('PutSession' for sessions, kind update). */
export function operationOfKind(d: Pick<AnyResourceDescriptor, 'path' | 'name'>, kind: RequirementTemplate['kind']): string {
  const op = ods73Contract().forResource(d.path).find((o) => o.kind === kind);
  if (!op) throw new Error(`the contract documents no ${kind} operation for ${d.name}`);
  return op.name;
}

/** The template for one resource. */
export function expandTemplate(t: RequirementTemplate, d: AnyResourceDescriptor): Requirement {
  const op = operationOfKind(d, t.kind);
  const id = `${d.idPrefix}-${t.template}`;
  return {
    id,
    level: t.level,
    source: fill(t.source, d, op, id),
    area: t.area,
    operation: op,
    statement: fill(t.statement, d, op, id),
    ...(t.profiles ? { profiles: [...t.profiles] } : {}),
    ...(t.difference ? { difference: t.difference } : {}),
  };
}

/** Whether the template is expanded for this resource (see RequirementTemplate.except). */
export function templateAppliesTo(t: Pick<RequirementTemplate, 'except'>, d: Pick<AnyResourceDescriptor, 'name'>): boolean {
  return !(t.except ?? []).includes(d.name);
}

/** Every entry as requirements: a template once per resource it applies to (in RESOURCES order), in place. */
export function expandCatalogue(entries: readonly CatalogueEntry[], resources: readonly AnyResourceDescriptor[] = RESOURCES): Requirement[] {
  return entries.flatMap((e) => (isTemplate(e) ? resources.filter((d) => templateAppliesTo(e, d)).map((d) => expandTemplate(e, d)) : [e]));
}

/** The id a template gets for a resource: what a family cites (`requirementOf(d, 'PUT-412-STALE')`). */
export function requirementIdOf(d: Pick<AnyResourceDescriptor, 'idPrefix'>, template: string): string {
  return `${d.idPrefix}-${template}`;
}
