// Which resources a run checks (src/runtime/resource-selection.ts, read by src/runtime/families.ts):
// --resource, else those the target's own OpenAPI document lists, else all known; which spec files
// belong to one resource and are left out of a run that does not check it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectedResources, servedPaths } from '../../../src/runtime/families.js';
import { excludedSpecGlobs, resolveResources, specFileResource } from '../../../src/runtime/resource-selection.js';
import { RunNotPossibleError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'families-'));
function documentWith(paths: string[]): string {
  const file = join(dir, `doc-${paths.length}-${paths.join('').length}.json`);
  writeFileSync(file, JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: Object.fromEntries(paths.map((p) => [p, {}])) }));
  return file;
}
const both = (): string => documentWith(['/ed-fi/sessions', '/ed-fi/courseOfferings/{id}', '/ed-fi/schools']);
const sessionsOnly = (): string => documentWith(['/ed-fi/Sessions', '/ed-fi/sessions/{id}']);

describe(resolveResources.name, () => {
  it('keeps the resources the target document lists, case-insensitively, in the suite order', () => {
    expect(resolveResources(undefined, sessionsOnly())).toEqual(['sessions']);
    expect(resolveResources(undefined, both())).toEqual(['sessions', 'courseOfferings']);
  });

  it('runs every known resource when the target published no readable document', () => {
    expect(resolveResources(undefined, undefined)).toEqual(['sessions', 'courseOfferings']);
    expect(servedPaths(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('narrows to the requested resources, in the suite order', () => {
    expect(resolveResources(['courseOfferings'], both())).toEqual(['courseOfferings']);
    expect(resolveResources(['courseOfferings', 'sessions'], undefined)).toEqual(['sessions', 'courseOfferings']);
  });

  it('stops the run when a requested resource is not served, or nothing known is', () => {
    expect(() => resolveResources(['courseOfferings'], sessionsOnly())).toThrow(RunNotPossibleError);
    expect(() => resolveResources(['courseOfferings'], sessionsOnly())).toThrow(
      "--resource names courseOfferings, which the target's OpenAPI document does not list (of the suite's sessions, courseOfferings it serves sessions); leave it out of --resource.",
    );
    expect(() => resolveResources(undefined, documentWith(['/ed-fi/schools']))).toThrow(/lists none of the resources the suite checks \(sessions, courseOfferings\)/);
    expect(() => resolveResources(['widgets'], undefined)).toThrow("--resource names 'widgets', which the suite does not know; it knows sessions, courseOfferings.");
  });
});

describe(selectedResources.name, () => {
  it('reads the run context selection, not the environment', () => {
    expect(selectedResources({ resources: ['courseOfferings'], openApiDocumentPath: both() }).map((r) => r.name)).toEqual(['courseOfferings']);
    expect(selectedResources({ resources: ['sessions'] }).map((r) => r.name)).toEqual(['sessions']);
  });

  it('falls back to the target document for a hand-made run context, and to all outside a run', () => {
    expect(selectedResources({ openApiDocumentPath: sessionsOnly() }).map((r) => r.name)).toEqual(['sessions']);
    expect(selectedResources({ openApiDocumentPath: documentWith(['/ed-fi/schools']) }).map((r) => r.name)).toEqual([]);
    expect(selectedResources(undefined).map((r) => r.name)).toEqual(['sessions', 'courseOfferings']);
  });
});

describe('spec files per resource', () => {
  it('gives the sessions files and change-versions to sessions, oauth and the families to none', () => {
    expect(specFileResource('specs/sessions.etag.spec.ts')).toBe('sessions');
    expect(specFileResource('/repo/specs/change-versions.spec.ts')).toBe('sessions');
    expect(specFileResource('specs/oauth.token.spec.ts')).toBeUndefined();
    expect(specFileResource('specs/families/etag.spec.ts')).toBeUndefined();
    expect(specFileResource('specs/courseOfferings.key-change.spec.ts')).toBe('courseOfferings');
  });

  it('excludes the files of the resources a run does not check, and nothing when it checks all', () => {
    expect(excludedSpecGlobs(['sessions', 'courseOfferings'])).toEqual([]);
    expect(excludedSpecGlobs(['courseOfferings'])).toEqual(['**/specs/sessions.*.spec.ts', '**/specs/change-versions.spec.ts']);
    expect(excludedSpecGlobs(['sessions'])).toEqual(['**/specs/courseOfferings.*.spec.ts']);
  });
});
