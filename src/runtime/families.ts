// Check families: a rule set of the Ed-Fi API pattern written once as a function of a resource
// descriptor, declaring its checks with check() (requirement ids from templates, `SES-…` for
// sessions, `CO-…` for course offerings). A spec file runs a family over each selected resource,
// one describe block per resource, so the report shows "courseOfferings > …" beside "sessions > …".
//
// Which resources run: RunContext.resources, decided once by the runner after the probe
// (src/runtime/resource-selection.ts: --resource, else every known resource the target serves).
// Outside a run (the project's unit tests) every known resource runs.
import { describe } from 'vitest';
import { RESOURCES, type AnyResourceDescriptor } from '../resources/index.js';
import { currentRun } from './current-run.js';
import { servedPaths } from './resource-selection.js';
import type { RunContext } from './run-context.js';

export { servedPaths } from './resource-selection.js';

export interface Family {
  /** Short name, also the family's spec file: 'etag' → specs/families/etag.spec.ts. */
  name: string;
  /** What the family checks, in one line (shown in DESIGN and the registry test). */
  about: string;
  /** Declares the family's checks for one resource (called inside that resource's describe block). */
  checks(resource: AnyResourceDescriptor): void;
}

/**
 * The resources a family runs over: the run's selection (RunContext.resources); a run context made
 * without one (a test's) is resolved from its target document as the runner would.
 */
export function selectedResources(
  run: Pick<RunContext, 'openApiDocumentPath' | 'resources'> | undefined = currentRun(),
  known: readonly AnyResourceDescriptor[] = RESOURCES,
): AnyResourceDescriptor[] {
  if (!run) return [...known];
  if (run.resources) return known.filter((r) => run.resources!.includes(r.name));
  const served = servedPaths(run.openApiDocumentPath);
  return served ? known.filter((r) => served.has(r.path.toLowerCase())) : [...known];
}

/** Declares the family's checks once per selected resource, each resource in its own describe block. */
export function runFamily(family: Family, resources: readonly AnyResourceDescriptor[] = selectedResources()): void {
  for (const resource of resources) describe(resource.name, () => family.checks(resource));
}
