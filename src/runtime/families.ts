// Check families: a rule set of the Ed-Fi API pattern written once as a function of a resource
// descriptor, declaring its checks with check() (requirement ids from templates, `SES-…` for
// sessions, `CO-…` for course offerings). A spec file runs a family over each selected resource,
// one describe block per resource, so the report shows "courseOfferings > …" beside "sessions > …".
//
// Which resources run: the ones the suite knows (src/resources/) that the target serves. The target
// says so in its own OpenAPI document, which the probe saved (RunContext.openApiDocumentPath): a
// resource whose collection path it lists is served. A target that published no document cannot
// tell, so every known resource runs (a resource it lacks then fails loudly rather than vanishing).
// EDFI_CONFORMANCE_RESOURCES (comma-separated names) narrows the set, for harness tests and replays.
import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { HarnessError } from '../errors.js';
import { isOpenApiDocument } from '../contract/openapi.js';
import { RESOURCES, type AnyResourceDescriptor } from '../resources/index.js';
import { currentRun } from './current-run.js';
import type { RunContext } from './run-context.js';

export const RESOURCES_ENV = 'EDFI_CONFORMANCE_RESOURCES';

export interface Family {
  /** Short name, also the family's spec file: 'etag' → specs/families/etag.spec.ts. */
  name: string;
  /** What the family checks, in one line (shown in DESIGN and the registry test). */
  about: string;
  /** Declares the family's checks for one resource (called inside that resource's describe block). */
  checks(resource: AnyResourceDescriptor): void;
}

/** The collection paths a target's OpenAPI document lists (lower-case); undefined without a readable document. */
export function servedPaths(documentPath: string | undefined): Set<string> | undefined {
  if (!documentPath) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(documentPath, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isOpenApiDocument(doc)) return undefined;
  return new Set(Object.keys(doc.paths ?? {}).map((p) => `/${p.split('/').filter(Boolean).slice(0, 2).join('/')}`.toLowerCase()));
}

/**
 * The resources a family runs over: the named ones (EDFI_CONFORMANCE_RESOURCES) or every known one,
 * kept only when the target's own document (if any) lists its path.
 */
export function selectedResources(
  env: NodeJS.ProcessEnv = process.env,
  known: readonly AnyResourceDescriptor[] = RESOURCES,
  run: Pick<RunContext, 'openApiDocumentPath'> | undefined = currentRun(),
): AnyResourceDescriptor[] {
  const named = env[RESOURCES_ENV]?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of named ?? []) {
    if (!known.some((r) => r.name === name)) throw new HarnessError(`${RESOURCES_ENV} names an unknown resource '${name}'; the suite knows ${known.map((r) => r.name).join(', ')}`);
  }
  const wanted = named ? known.filter((r) => named.includes(r.name)) : [...known];
  const served = run ? servedPaths(run.openApiDocumentPath) : undefined;
  return served ? wanted.filter((r) => served.has(r.path.toLowerCase())) : wanted;
}

/** Declares the family's checks once per selected resource, each resource in its own describe block. */
export function runFamily(family: Family, resources: readonly AnyResourceDescriptor[] = selectedResources()): void {
  for (const resource of resources) describe(resource.name, () => family.checks(resource));
}
