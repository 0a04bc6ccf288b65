// A client for one resource of a check, built from its descriptor (src/resources/): create (an
// arrange step that expects 201 and a Location naming the new item), a fresh valid item with its
// parents created first, get, list, update, delete. What it creates is recorded in the ledger by
// the check's exchange observer, as for every creating POST of the check's clients. t.resource(name)
// hands one out; t.sessions (session-helpers.ts) is the sessions client with one move more.
import type { ApiClient } from '../http/api-client.js';
import type { Exchange, RequestSpec } from '../http/exchange.js';
import { expectStatus } from '../assert/status.js';
import { ensure } from '../assert/fail.js';
import { allRequirements } from '../requirements/index.js';
import { memberAt, resourceByName, type AnyResourceDescriptor, type ResourceFactory, type ResourceName } from '../resources/index.js';
import { inArrange } from './arrange.js';
import type { SessionRefs } from './refs.js';
import { deriveSeed } from './seed.js';

type Payload = Record<string, unknown>;

export interface CreatedResource<P = Record<string, unknown>> {
  id: string;
  location: string;
  /** ETag header as sent by the target (quoted). */
  etag: string | undefined;
  payload: P;
  exchange: Exchange;
}

export interface WriteOptions {
  ifMatch?: string;
  headers?: Record<string, string | undefined>;
  /**
   * PUT only: send the body as given. By default a PUT body without an `id` gets the route id,
   * which every profile accepts (ODS ignores it, DMS requires it): only the check about id-less
   * PUTs sends none.
   */
  exactBody?: boolean;
}

export interface ResourceClient {
  readonly descriptor: AnyResourceDescriptor;
  /** POST and expect 201 with a Location naming the new item: an arrange step (see createEvidences). */
  create(payload: Payload): Promise<CreatedResource<Payload>>;
  /**
   * A fresh valid payload from the target's fixtures, its parents created first (skips when a
   * required fixture is missing). `parents` names already created parents by the prerequisite's
   * `as` (a check that later changes the parent's key creates it itself and passes it here).
   */
  prepare(overrides?: Payload, parents?: GivenParents): Promise<Payload>;
  /** n fresh payloads sharing one set of created parents (a list check's set: one session for all its offerings). */
  prepareMany(n: number, overrides?: Payload, parents?: GivenParents): Promise<Payload[]>;
  /** prepare, then create. */
  createNew(overrides?: Payload): Promise<CreatedResource<Payload>>;
  get(id: string, spec?: Omit<RequestSpec, 'path' | 'method'>): Promise<Exchange>;
  list(query?: RequestSpec['query'], spec?: Omit<RequestSpec, 'path' | 'method' | 'query'>): Promise<Exchange>;
  /** PUT; the route id is added to an id-less body unless exactBody (ODS ignores it, DMS requires it). */
  update(id: string, payload: unknown, options?: WriteOptions): Promise<Exchange>;
  delete(id: string, options?: WriteOptions): Promise<Exchange>;
}

/** Parents a check created itself, by the prerequisite's `as` ('session'): only their payload is read. */
export type GivenParents = Readonly<Record<string, Pick<CreatedResource<Payload>, 'payload'>>>;

export interface ResourceClientDeps {
  api: ApiClient;
  refs: SessionRefs;
  /** The check's seed: each resource's factory is seeded from it and the resource's name. */
  seed: number;
  runTag: string;
  skip: (reason: string, lacks?: string) => never;
  /** A factory to use instead of the descriptor's (t.sessions keeps t.gen's payload sequence for replays). */
  factories?: Partial<Record<ResourceName, ResourceFactory<Payload, Payload>>>;
  /**
   * What a failed create of a resource is evidence against, instead of createEvidences(): a
   * resource created only as a sessions check's set-up keeps its named set-up step.
   */
  evidences?: Partial<Record<ResourceName, { created: string; location: string }>>;
}

/**
 * What a failed create step is evidence against: the resource's own POST requirements when the
 * catalogue has them (SES-POST-201-CREATED, SES-POST-LOCATION-RESOLVES), else a named set-up step
 * (the resource is then only ever set-up, and its creation is no requirement of the run).
 */
export function createEvidences(descriptor: Pick<AnyResourceDescriptor, 'idPrefix' | 'title'>): { created: string; location: string } {
  const ids = new Set(allRequirements().map((r) => r.id));
  const created = `${descriptor.idPrefix}-POST-201-CREATED`;
  const location = `${descriptor.idPrefix}-POST-LOCATION-RESOLVES`;
  if (!ids.has(created)) return { created: `set-up: create ${descriptor.title}`, location: `set-up: create ${descriptor.title}` };
  return { created, location: ids.has(location) ? location : created };
}

/** The id a Location names when it ends with {path}/{id}; undefined otherwise. */
export function idFromLocation(location: string, path: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(location, 'http://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const segments = pathname.split('/').filter(Boolean);
  const own = path.split('/').filter(Boolean);
  if (segments.length < own.length + 1) return undefined;
  const tail = segments.slice(-(own.length + 1));
  if (!own.every((s, i) => s.toLowerCase() === tail[i]!.toLowerCase())) return undefined;
  try {
    return decodeURIComponent(tail[own.length]!);
  } catch {
    return undefined;
  }
}

function headersFor(options: WriteOptions | undefined): Record<string, string | undefined> {
  return { ...(options?.ifMatch !== undefined ? { 'if-match': options.ifMatch } : {}), ...options?.headers };
}

function putBody(id: string, payload: unknown, options: WriteOptions | undefined): unknown {
  if (options?.exactBody || !payload || typeof payload !== 'object' || Array.isArray(payload) || 'id' in payload) return payload;
  return { id, ...payload };
}

/** A missing fixture: absent, or an empty list (a session needs at least one term descriptor). */
export function lacking(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** The clients of every resource the suite knows, for one check; parents resolve among them. */
export function resourceClients(deps: ResourceClientDeps): (name: ResourceName) => ResourceClient {
  const made = new Map<ResourceName, ResourceClient>();
  const clientFor = (name: ResourceName): ResourceClient => {
    let client = made.get(name);
    if (!client) {
      const descriptor = resourceByName(name);
      if (!descriptor) throw new Error(`no resource descriptor named ${name}`);
      client = makeClient(descriptor, deps, clientFor);
      made.set(name, client);
    }
    return client;
  };
  return clientFor;
}

function makeClient(descriptor: AnyResourceDescriptor, deps: ResourceClientDeps, clientFor: (name: ResourceName) => ResourceClient): ResourceClient {
  const api = deps.api;
  const path = descriptor.path;
  const itemPath = (id: string): string => `${path}/${encodeURIComponent(id)}`;
  const evidences = deps.evidences?.[descriptor.name] ?? createEvidences(descriptor);
  let factory: ResourceFactory<Payload, Payload> | undefined;

  const client: ResourceClient = {
    descriptor,
    create: (payload) =>
      inArrange(`POST ${descriptor.title}`, evidences.created, async () => {
        const exchange = await api.post(path, payload);
        expectStatus(exchange, 201, `creating ${descriptor.title}`);
        return inArrange(`read the Location of ${descriptor.title}`, evidences.location, () => {
          const location = exchange.headers['location'];
          ensure(location, `a 201 answer to POST ${path} should carry a Location header`, { expected: 'Location: …/{id}', observed: exchange.headers }, exchange);
          const id = idFromLocation(location, path);
          ensure(id, 'the Location header should end with the new resource id', { expected: `…${path}/{id}`, observed: location }, exchange);
          return { id, location, etag: exchange.headers['etag'], payload, exchange };
        });
      }),
    async prepare(overrides, given) {
      return (await client.prepareMany(1, overrides, given))[0]!;
    },
    async prepareMany(n, overrides, given) {
      const parents: Payload = {};
      for (const p of descriptor.prerequisites) {
        if (p.kind === 'fixture') {
          if (p.required && lacking(deps.refs[p.fixture])) deps.skip(p.missing ?? `the target has no ${p.fixture} for ${descriptor.title} (fixtures: ${p.fixture})`, p.capability ?? p.fixture);
          continue;
        }
        const parent = clientFor(p.resource);
        const created = given?.[p.as] ?? (await parent.createNew());
        // The parent as an Ed-Fi reference holds it: the leaves of its natural key (SessionKey for a session).
        parents[p.as] = Object.fromEntries(parent.descriptor.naturalKey.map((k) => [k.split('.').pop()!, memberAt(created.payload, k)]));
      }
      factory ??= deps.factories?.[descriptor.name] ?? descriptor.factory({ seed: deriveSeed(deps.seed, descriptor.name), runTag: deps.runTag });
      const built = factory;
      return Array.from({ length: n }, () => built.build(deps.refs, parents, overrides));
    },
    createNew: async (overrides) => client.create(await client.prepare(overrides)),
    get: (id, spec = {}) => api.get(itemPath(id), spec),
    list: (query = {}, spec = {}) => api.request({ ...spec, method: 'GET', path, query }),
    update: (id, payload, options) => api.put(itemPath(id), putBody(id, payload, options), { headers: headersFor(options) }),
    delete: (id, options) => api.delete(itemPath(id), { headers: headersFor(options) }),
  };
  return client;
}
