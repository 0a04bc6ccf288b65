// Regenerates the committed "ODS/API 7.3" OpenAPI copy (resources-openapi.json beside this file)
// from the documents in ../shared/contract/openapi/, which live outside the repository:
//   npx tsx src/contract/ods-7.3/generate.ts
// No full 7.3 resources document was captured, so the copy is assembled (README.md beside this
// file says why and from what): the sessions paths are the reconstructed 7.3 sessions fragment as
// is; every other resource's paths come from the full 7.2 document with the same 7.3 deltas the
// fragment applies to sessions (cursor paging parameters, Next-Page-Token, a /partitions path).
// A test proves the rule reproduces the fragment from 7.2 sessions, and that the committed file
// equals this script's output.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_OPENAPI_DIR = resolve(here, '../../../../shared/contract/openapi');
export const FULL_72 = 'ods-api-v7.2-resources-swagger.json';
export const SESSIONS_73 = 'openapi-v7.3-sessions-fragment.RECONSTRUCTED.json';
export const OUTPUT = join(here, 'resources-openapi.json');

/** The resources the committed copy covers, in document order. */
export const COVERED_RESOURCES = ['/ed-fi/sessions', '/ed-fi/courseOfferings'] as const;

type Json = Record<string, unknown>;
interface Doc extends Json {
  paths: Record<string, Json>;
  components: Record<string, Record<string, unknown>>;
}

const REF = '#/components/';
/** Parameters that page by limit/offset or count: a partitions request carries none of them. */
const PAGING_REFS = ['offset', 'limit', 'pageToken', 'pageSize', 'totalCount'].map((n) => `${REF}parameters/${n}`);

const clone = <T>(value: T): T => structuredClone(value);
const refOf = (p: unknown): string | undefined => (p && typeof p === 'object' ? ((p as Json).$ref as string | undefined) : undefined);

/** The paths of one resource: the collection and the paths one segment below it. */
export function resourcePaths(paths: Record<string, Json>, resource: string): Record<string, Json> {
  return Object.fromEntries(Object.entries(paths).filter(([p]) => p === resource || (p.startsWith(`${resource}/`) && !p.slice(resource.length + 1).includes('/'))));
}

/**
 * The 7.3 deltas of one resource's paths, as the 7.3 sessions fragment applies them to sessions:
 * pageToken/pageSize after limit on GET-many, the Next-Page-Token header on its 200, and a
 * /partitions path whose parameters are numberOfPartitions plus GET-many's minus the paging ones.
 */
export function apply73Deltas(paths72: Record<string, Json>, resource: string, fragment: Doc): Record<string, Json> {
  const out = clone(paths72);
  const fragmentMany = fragment.paths['/ed-fi/sessions']!.get as Json;
  const fragmentPartitions = fragment.paths['/ed-fi/sessions/partitions']!.get as Json;
  const many = out[resource]?.get as Json | undefined;
  if (!many) throw new Error(`${resource} has no GET-many operation`);
  const params = (many.parameters as unknown[]) ?? [];
  if (!params.some((p) => refOf(p) === `${REF}parameters/pageToken`)) {
    const at = params.findIndex((p) => refOf(p) === `${REF}parameters/limit`);
    params.splice(at + 1, 0, { $ref: `${REF}parameters/pageToken` }, { $ref: `${REF}parameters/pageSize` });
  }
  many.parameters = params;
  const ok = (many.responses as Json)['200'] as Json;
  ok.headers = clone(((fragmentMany.responses as Json)['200'] as Json).headers);
  out[`${resource}/partitions`] = {
    get: {
      tags: clone(many.tags),
      summary: fragmentPartitions.summary,
      description: fragmentPartitions.description,
      operationId: `${many.operationId as string}Partitions`,
      parameters: [{ $ref: `${REF}parameters/numberOfPartitions` }, ...clone(params).filter((p) => !PAGING_REFS.includes(refOf(p) ?? ''))],
      responses: clone(fragmentPartitions.responses),
    },
  };
  return out;
}

/** Every '#/components/…' reference reachable from `roots`, resolved in `lookup` order. */
function collectComponents(roots: unknown, lookup: Doc[]): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const ref = refOf(node);
    if (ref?.startsWith(REF)) {
      const [kind, name] = ref.slice(REF.length).split('/') as [string, string];
      if (!found[kind]?.[name]) {
        const source = lookup.find((d) => d.components[kind]?.[name] !== undefined);
        if (!source) throw new Error(`unresolved reference ${ref}`);
        (found[kind] ??= {})[name] = clone(source.components[kind]![name]);
        visit(found[kind][name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(roots);
  // Sorted, so the file does not depend on traversal order.
  return Object.fromEntries(
    Object.keys(found)
      .sort()
      .map((kind) => [kind, Object.fromEntries(Object.keys(found[kind]!).sort().map((n) => [n, found[kind]![n]]))]),
  );
}

export function buildOds73Document(full72: Doc, fragment73: Doc): Doc {
  const paths: Record<string, Json> = {};
  for (const resource of COVERED_RESOURCES) {
    const own = resource === '/ed-fi/sessions' ? resourcePaths(fragment73.paths, resource) : apply73Deltas(resourcePaths(full72.paths, resource), resource, fragment73);
    if (!Object.keys(own).length) throw new Error(`${resource} is in neither source document`);
    Object.assign(paths, own);
  }
  // The fragment's components first: its shared parameters and responses are the 7.3 versions.
  const components = collectComponents(paths, [fragment73, full72]);
  return {
    openapi: fragment73.openapi,
    info: clone(fragment73.info),
    'x-provenance':
      'Assembled by src/contract/ods-7.3/generate.ts (see README.md beside it): sessions from the reconstructed 7.3 sessions fragment, courseOfferings from the ODS/API 7.2 resources document with the same 7.3 deltas.',
    servers: clone(fragment73.servers),
    paths,
    components: { ...components, securitySchemes: clone(fragment73.components.securitySchemes) },
    security: clone(fragment73.security),
  } as Doc;
}

export function readSource(name: string, dir = SHARED_OPENAPI_DIR): Doc {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Doc;
}

export function generatedText(dir = SHARED_OPENAPI_DIR): string {
  return `${JSON.stringify(buildOds73Document(readSource(FULL_72, dir), readSource(SESSIONS_73, dir)), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generatedText();
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT}: ${Object.keys((JSON.parse(text) as Doc).paths).length} paths`);
}
