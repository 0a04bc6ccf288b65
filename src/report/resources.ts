// The resource a requirement, a check or a documented pair belongs to, for the reports that group by
// resource (conformance.md/json, junit.xml, the CLI summary). A requirement's resource is the
// descriptor whose id prefix it carries (SES- sessions, CO- course offerings; template expansion
// gives the prefix); the token and discovery requirements are about the API as a whole and belong
// to none, whatever their prefix. availableChangeVersions stays with sessions: its checks raise the
// version by writing sessions.
import { resourceOfPath } from '../contract/contract.js';
import { RESOURCES, type AnyResourceDescriptor } from '../resources/index.js';
import type { Requirement } from '../requirements/types.js';

/** Operations that are about the API, not one resource (their requirements run on every selection). */
const API_WIDE_OPERATIONS: readonly string[] = ['Token', 'Discovery'];

/** How reports name the group of requirements that belong to no resource. */
export const API_WIDE_LABEL = 'API-wide (token, discovery)';

/** The resource name, or undefined for an API-wide requirement. */
export function resourceOfRequirement(r: Pick<Requirement, 'id' | 'operation'>, known: readonly AnyResourceDescriptor[] = RESOURCES): string | undefined {
  if (API_WIDE_OPERATIONS.includes(r.operation)) return undefined;
  return known.find((d) => r.id.startsWith(`${d.idPrefix}-`))?.name;
}

/** The resource a documented pair's path is on ('/ed-fi/sessions/{id}' → sessions), or undefined. */
export function resourceOfPairPath(path: string, known: readonly AnyResourceDescriptor[] = RESOURCES): string | undefined {
  const collection = resourceOfPath(path).toLowerCase();
  return known.find((d) => d.path.toLowerCase() === collection)?.name;
}

/** The requirements a run with this selection answers for: those of its resources and the API-wide ones. */
export function inScope<T extends Pick<Requirement, 'id' | 'operation'>>(requirements: readonly T[], selected: readonly string[]): T[] {
  return requirements.filter((r) => {
    const resource = resourceOfRequirement(r);
    return resource === undefined || selected.includes(resource);
  });
}

/** Groups in report order: the selected resources in the suite's order, then API-wide (key null); empty groups dropped. */
export function groupByResource<T>(items: readonly T[], resourceOf: (item: T) => string | undefined, selected: readonly string[]): Array<{ resource: string | null; items: T[] }> {
  const order: Array<string | null> = [...RESOURCES.map((d) => d.name).filter((n) => selected.includes(n)), null];
  // An item of a resource outside the selection (a hand-made result) still shows, after the selected ones.
  for (const item of items) {
    const r = resourceOf(item) ?? null;
    if (!order.includes(r)) order.splice(order.length - 1, 0, r);
  }
  return order.map((resource) => ({ resource, items: items.filter((i) => (resourceOf(i) ?? null) === resource) })).filter((g) => g.items.length);
}

/** 'sessions', or the API-wide label. */
export const resourceLabel = (resource: string | null | undefined): string => resource ?? API_WIDE_LABEL;
