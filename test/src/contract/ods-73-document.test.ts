// The committed ODS/API 7.3 document: equal to its generator's output, derived by the rule the 7.3
// sessions fragment follows, and self-contained (every $ref resolves inside it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply73Deltas, FULL_72, generatedText, OUTPUT, readSource, resourcePaths, SESSIONS_73, SHARED_OPENAPI_DIR } from '../../../src/contract/ods-7.3/generate.js';

const shared = existsSync(join(SHARED_OPENAPI_DIR, FULL_72));
const committed = JSON.parse(readFileSync(OUTPUT, 'utf8')) as { paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string; name?: string }> }>>; components: Record<string, Record<string, unknown>> };

/** Descriptions are prose (the fragment carries DS 5.2 wording): compare structure without them. */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'description').map(([k, v]) => [k, withoutDescriptions(v)]));
}

describe('the committed ODS/API 7.3 document', () => {
  it.skipIf(!shared)('should equal what generate.ts builds from ../shared (regenerate with npx tsx src/contract/ods-7.3/generate.ts)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generatedText());
  });

  it.skipIf(!shared)('should derive courseOfferings by the rule that turns the 7.2 sessions paths into the 7.3 fragment', () => {
    const fragment = readSource(SESSIONS_73);
    const from72 = apply73Deltas(resourcePaths(readSource(FULL_72).paths, '/ed-fi/sessions'), '/ed-fi/sessions', fragment);
    expect(withoutDescriptions(from72)).toEqual(withoutDescriptions(resourcePaths(fragment.paths, '/ed-fi/sessions')));
  });

  it('should page courseOfferings partitions by number only, with the GET-many filters', () => {
    const many = committed.paths['/ed-fi/courseOfferings']!.get!.parameters!.map((p) => p.$ref?.split('/').pop() ?? p.name);
    const partitions = committed.paths['/ed-fi/courseOfferings/partitions']!.get!.parameters!.map((p) => p.$ref?.split('/').pop() ?? p.name);
    expect(many.slice(0, 4)).toEqual(['offset', 'limit', 'pageToken', 'pageSize']);
    expect(partitions[0]).toBe('numberOfPartitions');
    expect(partitions.slice(1)).toEqual(many.filter((n) => !['offset', 'limit', 'pageToken', 'pageSize', 'totalCount'].includes(n!)));
    expect(partitions).toContain('localCourseCode');
  });

  it('should resolve every reference inside itself', () => {
    const text = readFileSync(OUTPUT, 'utf8');
    const refs = [...new Set([...text.matchAll(/"\$ref": "#\/components\/(\w+)\/([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`))];
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => { const [kind, name] = r.split('/'); return committed.components[kind!]?.[name!] === undefined; })).toEqual([]);
  });
});
