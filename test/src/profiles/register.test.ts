// The profile register is the one place profile differences live (src/profiles/register.ts): every
// requirement restricted to some profiles names the entry that restricts it, every entry is used
// (by a requirement, an invalid case, or a `Differences.x` read in specs/ or src/), each
// has a source, and a yes/no entry agrees with the profiles of the requirements that cite it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acceptedOddCases, invalidSessionCases } from '../../../generators/index.js';
import { PROFILES } from '../../../src/contract/profiles.js';
import { ALL_DIFFERENCES, Differences, differenceById } from '../../../src/profiles/register.js';
import { allRequirements } from '../../../src/requirements/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function filesUnder(folder: string): string[] {
  const dir = join(root, folder);
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(join(folder, name)) : /\.ts$/.test(name) ? [full] : [];
  });
}

/** Register keys read as `Differences.<key>` in specs/ (t.decide) and in src/ (the assertions' `decided`, the runner). */
function keysReadInCode(): Set<string> {
  const register = join(root, 'src/profiles/register.ts');
  const files = [...filesUnder('specs'), ...filesUnder('src')].filter((f) => f !== register);
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return new Set([...text.matchAll(/Differences\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!));
}

describe('profile register', () => {
  it('should give every entry a unique kebab-case id, a topic, a source and a value for every profile', () => {
    const ids = ALL_DIFFERENCES.map((d) => d.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const d of ALL_DIFFERENCES) {
      expect(d.id, d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.topic.trim().length, `${d.id} topic`).toBeGreaterThan(10);
      expect(d.source.trim().length, `${d.id} source`).toBeGreaterThan(10);
      expect(Object.keys(d.values).sort(), `${d.id} values`).toEqual([...PROFILES].sort());
    }
  });

  it('should let every requirement restricted to some profiles name an existing register entry', () => {
    const unnamed = allRequirements().filter((r) => r.profiles && !(r.difference && differenceById(r.difference)));
    expect(unnamed.map((r) => `${r.id} → ${r.difference ?? '(none)'}`)).toEqual([]);
    const stray = allRequirements().filter((r) => r.difference && !r.profiles);
    expect(stray.map((r) => r.id), 'a difference without profiles decides nothing').toEqual([]);
  });

  it('should agree with the profiles of the requirements citing a yes/no entry', () => {
    const disagreeing = allRequirements()
      .filter((r) => r.profiles && r.difference)
      .flatMap((r) => {
        const entry = differenceById(r.difference!)!;
        if (!PROFILES.every((p) => typeof entry.values[p] === 'boolean')) return [];
        const applies = PROFILES.filter((p) => entry.values[p] === true);
        return [...applies].sort().join() === [...r.profiles!].sort().join() ? [] : [`${r.id}: profiles ${r.profiles!.join(',')} but ${entry.id} holds under ${applies.join(',')}`];
      });
    expect(disagreeing).toEqual([]);
  });

  it('should use every entry: by a requirement, an invalid case, or a read in specs/ or src/', () => {
    const read = keysReadInCode();
    const used = new Set<string>([
      ...allRequirements().flatMap((r) => (r.difference ? [r.difference] : [])),
      ...[...invalidSessionCases, ...acceptedOddCases].flatMap((c) => (c.difference ? [c.difference] : [])),
      ...Object.entries(Differences).filter(([key]) => read.has(key)).map(([, d]) => d.id),
    ]);
    expect(ALL_DIFFERENCES.map((d) => d.id).filter((id) => !used.has(id))).toEqual([]);
  });
});
