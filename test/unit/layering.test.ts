// Enforces the import table of docs/DESIGN.md: the reference host is an independent implementation
// (never imports the suite), specs are black-box (only src/index.ts and generators/), generators
// only know the contract, and only the CLI's launcher may start the host.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(folder: string): string[] {
  const dir = join(root, folder);
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Repo-relative targets of the relative imports in a file ('src/index.ts', 'host/index.ts', …). */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]);
  return specifiers.map((s) => relative(root, resolve(dirname(file), s)).replace(/\\/g, '/'));
}

function violations(folder: string, allowed: (target: string, file: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) =>
    localImports(file)
      .filter((target) => !allowed(target, relative(root, file)))
      .map((target) => `${relative(root, file)} imports ${target}`),
  );
}

const topFolder = (path: string): string => path.split('/')[0];

describe('layering', () => {
  it('should keep host/ independent of the suite', () => {
    expect(violations('host', (t) => topFolder(t) === 'host')).toEqual([]);
  });

  it('should let specs import only src/index and generators/', () => {
    expect(
      violations('specs', (t) => t === 'src/index.js' || t === 'src/index.ts' || topFolder(t) === 'generators' || topFolder(t) === 'specs'),
    ).toEqual([]);
  });

  it('should let generators import only themselves and src/contract/', () => {
    expect(violations('generators', (t) => topFolder(t) === 'generators' || t.startsWith('src/contract/'))).toEqual([]);
  });

  it('should let only the CLI launcher in src/ import host/', () => {
    expect(
      violations('src', (t, file) => topFolder(t) !== 'host' || file === 'src/cli/embedded-host.ts'),
    ).toEqual([]);
  });

  it('should find the imports it polices (guards against a broken matcher)', () => {
    const probe = join(root, 'test/unit/layering.test.ts');
    expect(localImports(probe)).toEqual([]);
    expect(localImports(join(root, 'host/faults/types.ts'))).toContain('host/http/types.js');
  });
});
