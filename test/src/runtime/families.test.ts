// Which resources a family runs over (src/runtime/families.ts): those the target's own OpenAPI
// document lists, all known ones when it published none, narrowed by EDFI_CONFORMANCE_RESOURCES.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_ENV, selectedResources, servedPaths } from '../../../src/runtime/families.js';

const dir = mkdtempSync(join(tmpdir(), 'families-'));
function documentWith(paths: string[]): string {
  const file = join(dir, `doc-${paths.length}.json`);
  writeFileSync(file, JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: Object.fromEntries(paths.map((p) => [p, {}])) }));
  return file;
}
type Case = { env: NodeJS.ProcessEnv; run: { openApiDocumentPath?: string } | undefined };
/** A run whose target saved this document (or none), with these environment variables. */
const envWith = (openApiDocumentPath: string | undefined, extra: Record<string, string> = {}): Case => ({ env: extra, run: { openApiDocumentPath } });
/** Outside a conformance run: no run context at all. */
const outside: Case = { env: {}, run: undefined };
const names = (c: Case): string[] => selectedResources(c.env, undefined, c.run).map((r) => r.name);

describe('selectedResources', () => {
  it('keeps the resources the target document lists, case-insensitively', () => {
    expect(names(envWith(documentWith(['/ed-fi/Sessions', '/ed-fi/sessions/{id}'])))).toEqual(['sessions']);
    expect(names(envWith(documentWith(['/ed-fi/sessions', '/ed-fi/courseOfferings/{id}', '/ed-fi/schools'])))).toEqual(['sessions', 'courseOfferings']);
  });

  it('runs every known resource when the target published no document, or outside a run', () => {
    expect(names(envWith(undefined))).toEqual(['sessions', 'courseOfferings']);
    expect(names(outside)).toEqual(['sessions', 'courseOfferings']);
    expect(servedPaths(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('narrows to the named resources and refuses an unknown name in one sentence', () => {
    expect(names(envWith(undefined, { [RESOURCES_ENV]: 'courseOfferings' }))).toEqual(['courseOfferings']);
    expect(names(envWith(documentWith(['/ed-fi/sessions']), { [RESOURCES_ENV]: 'courseOfferings' }))).toEqual([]);
    expect(() => selectedResources({ [RESOURCES_ENV]: 'sessions,widgets' }, undefined, undefined)).toThrow("EDFI_CONFORMANCE_RESOURCES names an unknown resource 'widgets'; the suite knows sessions, courseOfferings");
  });
});
