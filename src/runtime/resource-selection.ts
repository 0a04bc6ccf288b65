// Which resources a run checks, decided once by the runner after the probe and carried in the run
// context (RunContext.resources), so the spec workers read the same answer (src/runtime/families.ts)
// and the reports group by it. The default is every resource the suite knows (src/resources/) that
// the target serves: the target says so in its own OpenAPI document, which the probe saved; a
// target that published none cannot tell, so every known resource runs (a resource it lacks then
// fails loudly rather than vanishing). --resource narrows the set; naming a resource the target's
// document does not list stops the run (exit 2) rather than quietly checking less than asked.
//
// Spec files written for one resource (src/resources/ names it in the file name, `sessions.*.spec.ts`,
// or SPEC_FILE_RESOURCES below) are left out of the collection when their resource is not selected,
// so they do not show as skipped checks. The rest (oauth.token.spec.ts, the families) are resource-
// neutral: oauth and discovery run on every selection, a family declares checks per selected resource.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RunNotPossibleError } from '../errors.js';
import { isOpenApiDocument } from '../contract/openapi.js';
import { RESOURCES, type AnyResourceDescriptor } from '../resources/index.js';

/**
 * Spec files whose name does not start with their resource: change-versions.spec.ts raises
 * availableChangeVersions by writing sessions and cites SES- requirements only.
 */
export const SPEC_FILE_RESOURCES: Readonly<Record<string, string>> = { 'change-versions.spec.ts': 'sessions' };

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
 * The names of the resources a run checks, in the suite's order: the requested ones (settings,
 * already validated against the known names) or every known one the target's document lists.
 */
export function resolveResources(
  requested: readonly string[] | undefined,
  openApiDocumentPath: string | undefined,
  known: readonly AnyResourceDescriptor[] = RESOURCES,
): string[] {
  const served = servedPaths(openApiDocumentPath);
  const isServed = (r: AnyResourceDescriptor): boolean => !served || served.has(r.path.toLowerCase());
  const knownNames = known.map((r) => r.name).join(', ');
  if (requested?.length) {
    const unknown = requested.filter((name) => !known.some((r) => r.name === name));
    if (unknown.length) throw new RunNotPossibleError(`--resource names ${unknown.map((n) => `'${n}'`).join(', ')}, which the suite does not know; it knows ${knownNames}.`);
    const wanted = known.filter((r) => requested.includes(r.name));
    const missing = wanted.filter((r) => !isServed(r));
    if (missing.length) {
      const servedNames = known.filter(isServed).map((r) => r.name).join(', ') || 'none of them';
      throw new RunNotPossibleError(
        `--resource names ${missing.map((r) => r.name).join(', ')}, which the target's OpenAPI document does not list (of the suite's ${knownNames} it serves ${servedNames}); leave it out of --resource.`,
      );
    }
    return wanted.map((r) => r.name);
  }
  const selected = known.filter(isServed).map((r) => r.name);
  if (!selected.length) throw new RunNotPossibleError(`The target's OpenAPI document lists none of the resources the suite checks (${knownNames}); is --base-url the API root of an Ed-Fi ODS/API?`);
  return selected;
}

/** The resource a spec file was written for, or undefined for a resource-neutral one. */
export function specFileResource(file: string, known: readonly AnyResourceDescriptor[] = RESOURCES): string | undefined {
  const name = basename(file);
  return SPEC_FILE_RESOURCES[name] ?? known.find((r) => name.startsWith(`${r.name}.`))?.name;
}

/** Globs (for vitest's exclude) of the spec files of the resources a run does not check. */
export function excludedSpecGlobs(selected: readonly string[], known: readonly AnyResourceDescriptor[] = RESOURCES): string[] {
  return known
    .filter((r) => !selected.includes(r.name))
    .flatMap((r) => [`**/specs/${r.name}.*.spec.ts`, ...Object.entries(SPEC_FILE_RESOURCES).filter(([, owner]) => owner === r.name).map(([file]) => `**/specs/${file}`)]);
}
