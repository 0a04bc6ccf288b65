// The check-family registry (specs/families/index.ts) against its files: every registered family
// is defined in specs/families/<name>.ts and run by specs/families/<name>.spec.ts, and every file
// there belongs to a registered family, so a family cannot be written and forgotten (or run twice).
// Also: each family declares checks for both resources the suite knows, with their own prefixes.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { FAMILIES, registered } from '../../specs/families/index.js';
import { RESOURCES } from '../../src/resources/index.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../specs/families');

type Declared = { id: string; title: string };

/**
 * A fresh import of the family registry whose check() records into `declared` instead of
 * declaring a test: vitest's describe/test are not needed to list what a family declares.
 * The caller undoes the mock (vi.doUnmock) when done.
 */
async function familiesRecordingInto(declared: Declared[]): Promise<typeof import('../../specs/families/index.js')> {
  vi.doMock('../../src/index.js', async (original) => ({
    ...(await original<typeof import('../../src/index.js')>()),
    describe: (_name: string, fn: () => void) => fn(),
    check: (id: string, title: string) => void declared.push({ id, title }),
  }));
  vi.resetModules();
  return import('../../specs/families/index.js');
}

describe('check families', () => {
  it('registers each family once, with a definition file and a spec file of its name', () => {
    const names = FAMILIES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const files = readdirSync(dir);
    const specs = files.filter((f) => f.endsWith('.spec.ts')).map((f) => f.replace(/\.spec\.ts$/, ''));
    const definitions = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(specs.sort()).toEqual([...names].sort());
    expect(definitions.sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(readFileSync(join(dir, `${name}.spec.ts`), 'utf8')).toContain(`runFamily(registered('${name}'))`);
      expect(readFileSync(join(dir, `${name}.ts`), 'utf8')).toContain(`name: '${name}'`);
    }
  });

  it('names the registry when a spec file asks for a family it does not have', () => {
    expect(() => registered('nope')).toThrow(/no check family named 'nope'.*known: .*read/);
  });

  it('declares checks under each resource prefix, the same scenarios for each resource', async () => {
    const declared: Declared[] = [];
    const { FAMILIES: fresh } = await familiesRecordingInto(declared);
    // The validation family's checks are the cases generated from each resource's own schema, so
    // they differ by resource; every other family declares the same scenarios for each.
    for (const family of fresh.filter((f) => f.name !== 'validation')) for (const resource of RESOURCES) family.checks(resource);
    vi.doUnmock('../../src/index.js');
    const per = (prefix: string) => declared.filter((c) => c.id.startsWith(`${prefix}-`)).map((c) => c.id.slice(prefix.length + 1));
    expect(per('SES').length).toBeGreaterThan(30);
    expect(per('CO')).toEqual(per('SES'));
    expect(declared.find((c) => c.id === 'CO-POST-405-WITH-ID')?.title).toBe('a POST to /ed-fi/courseOfferings/{id} answers 405 method-not-allowed and changes nothing');
  });

  it('declares one validation check per generated case and method, its title naming the case, under the resource prefix', async () => {
    const declared: Declared[] = [];
    const { registered: fresh } = await familiesRecordingInto(declared);
    const { generatedCasesFor } = await import('../../generators/index.js');
    for (const resource of RESOURCES) {
      declared.length = 0;
      fresh('validation').checks(resource);
      const cases = generatedCasesFor(resource.schema);
      expect(declared.length).toBe(cases.reduce((n, c) => n + c.applyTo.length, 0));
      expect(declared.every((c) => c.id.startsWith(`${resource.idPrefix}-`))).toBe(true);
      for (const c of cases) expect(declared.filter((x) => x.title.includes(` ${c.id} `)).length).toBe(c.applyTo.length);
    }
    vi.doUnmock('../../src/index.js');
  });
});
