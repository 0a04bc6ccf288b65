// t.setUp(name): the client of a resource a check creates only as set-up, such as the dependent
// that makes a DELETE answer 409 (a course offering under a session, a section under a course
// offering). A failed create of it blocks the check by the named step "set-up: create {title}",
// never by that resource's own POST requirements, which the check is not about. A resource the
// suite only ever sets up (SET_UP_RESOURCES: sections) is not part of --resource, so nothing has
// asked whether the target serves it: this asks first (GET {path}?limit=1) and skips the check,
// quoting the answer, when the target answers 404 (no such path). Any other answer, a 500 or a
// 405 included, counts as served, so the create that follows judges it.
import { isSetUpOnly, resourceByName, type ResourceName } from '../resources/index.js';
import type { ApiClient } from '../http/api-client.js';
import { evidenceOf, quoteEvidence } from './evidence.js';
import type { ResourceClient } from './resource-client.js';

/** What a failed create of a set-up-only step is evidence against: the step itself, named. */
export function setUpStep(title: string): { created: string; location: string } {
  const step = `set-up: create ${title}`;
  return { created: step, location: step };
}

export interface SetUpDeps {
  api: ApiClient;
  /** Resource clients whose create of `name` is evidence against setUpStep (see context.ts). */
  clients: (name: ResourceName) => ResourceClient;
  skip: (reason: string, lacks?: string) => never;
  step<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
}

export async function setUpClient(deps: SetUpDeps, name: ResourceName): Promise<ResourceClient> {
  const d = resourceByName(name);
  if (!d) throw new Error(`no resource descriptor named ${name}`);
  if (isSetUpOnly(name)) {
    const ex = await deps.step(`ask whether the target serves ${d.path}`, () => deps.api.get(d.path, { query: { limit: 1 } }));
    if (ex.status === 404) {
      deps.skip(`the target does not serve ${d.path}, so this check cannot create ${d.title}: ${quoteEvidence(evidenceOf(ex, 'not served'))}`, name);
    }
  }
  return deps.clients(name);
}
