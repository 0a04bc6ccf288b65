// The seeded factory: determinism, validity against our schema and the OpenAPI, run-unique names,
// variety, and change helpers that never edit their input.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSessionValidators } from '../../src/contract/session-schema.js';
import { createSessionFactory, crossesCalendarYear, schoolYearSpan, type SessionPayload } from '../../generators/index.js';
import { compileOpenApiSession, OPENAPI_FRAGMENT, openApiAvailable } from './openapi-validator.js';
import { bareRefs, sampleRefs } from './sample-refs.js';

const validators = compileSessionValidators();
// A plain boolean: Ajv's type guard would narrow the payload to `never` in the failing branch.
const passes = (validate: (data: unknown) => boolean, data: unknown): boolean => validate(data);
const sequence = (seed: number, runTag = 'det') => {
  const f = createSessionFactory({ seed, runTag });
  return JSON.stringify([...f.buildMany(sampleRefs, 50), ...f.variants(sampleRefs).map((v) => v.payload), f.withKeyChange(f.build(sampleRefs))]);
};
const samples = (): SessionPayload[] => {
  const f = createSessionFactory({ seed: 20261122, runTag: 'valid' });
  return [...f.buildMany(sampleRefs, 200), ...f.buildMany(bareRefs, 20), ...f.variants(sampleRefs).map((v) => v.payload), ...f.variants(bareRefs).map((v) => v.payload)];
};

describe('createSessionFactory determinism', () => {
  it('should produce byte-identical sequences for the same seed and run tag', () => {
    expect(sequence(1234)).toBe(sequence(1234));
  });

  it('should produce different sequences for different seeds', () => {
    expect(sequence(1234)).not.toBe(sequence(1235));
  });
});

describe('generated payloads are valid', () => {
  const payloads = samples();

  it('should validate every build and variant against our request schema', () => {
    const failures = payloads.flatMap((p) => (passes(validators.request, p) ? [] : [{ name: p.sessionName, errors: validators.request.errors }]));
    expect(failures).toEqual([]);
  });

  describe.skipIf(!openApiAvailable)('against the shared v7.3 OpenAPI edFi_session schema', () => {
    let validateOpenApi: ReturnType<typeof compileOpenApiSession>;
    beforeAll(() => {
      validateOpenApi = compileOpenApiSession();
    });
    it('should validate every build and variant', () => {
      const failures = payloads.flatMap((p) => (passes(validateOpenApi, p) ? [] : [{ name: p.sessionName, errors: validateOpenApi.errors }]));
      expect(failures).toEqual([]);
    });
    it('should be a live validator (it rejects a string day count)', () => {
      expect(validateOpenApi({ ...payloads[0], totalInstructionalDays: 'eighty' })).toBe(false);
    });
  });
  if (!openApiAvailable) console.warn(`[generators] OpenAPI check skipped: ${OPENAPI_FRAGMENT} is absent (../shared not mounted)`);

  it('should keep dates inside the school year with beginDate before endDate, sometimes crossing New Year', () => {
    const span = schoolYearSpan(sampleRefs.schoolYear);
    const [first, last] = [span.start.toISOString().slice(0, 10), span.end.toISOString().slice(0, 10)];
    for (const p of payloads.filter((x) => x.schoolYearTypeReference.schoolYear === 2025)) {
      expect(p.beginDate < p.endDate, `${p.beginDate} < ${p.endDate}`).toBe(true);
      expect(p.beginDate >= first && p.endDate <= last, `${p.beginDate}..${p.endDate} within ${first}..${last}`).toBe(true);
    }
    expect(payloads.some(crossesCalendarYear)).toBe(true);
    expect(payloads.some((p) => !crossesCalendarYear(p))).toBe(true);
  });

  it('should take children only from the refs, without duplicates, and sometimes none', () => {
    const known = new Set(sampleRefs.gradingPeriods.map((g) => JSON.stringify(g)));
    for (const p of payloads) {
      const keys = (p.gradingPeriods ?? []).map((g) => JSON.stringify(g.gradingPeriodReference));
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(known.has(k), k).toBe(true);
    }
    expect(payloads.some((p) => (p.gradingPeriods ?? []).length === 0)).toBe(true);
    expect(payloads.some((p) => (p.gradingPeriods ?? []).length > 1)).toBe(true);
  });

  it('should use the boundary day counts 0 and 250 and stay within 0..250 in ordinary builds', () => {
    const days = createSessionFactory({ seed: 5, runTag: 'days' }).buildMany(sampleRefs, 400).map((p) => p.totalInstructionalDays);
    expect(days).toContain(0);
    expect(days).toContain(250);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThanOrEqual(250);
  });
});

describe('session names', () => {
  it('should stay within 60 characters and never repeat across 10,000 builds', () => {
    const names = createSessionFactory({ seed: 99, runTag: 'uniq1234' }).buildMany(bareRefs, 10_000).map((p) => p.sessionName);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(60);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('should embed the run tag, and differ between two factories of one run with different seeds', () => {
    const a = createSessionFactory({ seed: 1, runTag: 'Run42' }).build(bareRefs).sessionName;
    const b = createSessionFactory({ seed: 2, runTag: 'Run42' }).build(bareRefs).sessionName;
    expect(a).toContain('run42');
    expect(a).not.toBe(b);
  });
});

describe('variants', () => {
  const f = createSessionFactory({ seed: 3, runTag: 'var' });
  const byId = new Map(f.variants(sampleRefs).map((v) => [v.id, v.payload]));

  it('should cover the boundary lengths with BMP-only names', () => {
    expect([...byId.get('sessionName.length1')!.sessionName]).toHaveLength(1);
    for (const id of ['sessionName.length60', 'sessionName.length60.accented']) {
      const name = byId.get(id)!.sessionName;
      expect(name.length, id).toBe(60);
      expect([...name].length, `${id} has no astral characters`).toBe(60);
    }
    expect(byId.get('sessionName.length60.accented')!.sessionName).toMatch(/[^\x00-\x7f]/);
  });

  it('should cover zero and int32-max day counts, omitted and full children, and a New Year crossing', () => {
    expect(byId.get('totalInstructionalDays.zero')!.totalInstructionalDays).toBe(0);
    expect(byId.get('totalInstructionalDays.int32Max')!.totalInstructionalDays).toBe(2_147_483_647);
    expect('gradingPeriods' in byId.get('children.omitted')!).toBe(false);
    expect(byId.get('children.all')!.gradingPeriods).toHaveLength(sampleRefs.gradingPeriods.length);
    expect(crossesCalendarYear(byId.get('dates.crossYear')!)).toBe(true);
  });

  it('should give every variant a distinct sessionName', () => {
    const names = [...byId.values()].map((p) => p.sessionName);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('change helpers', () => {
  const f = createSessionFactory({ seed: 11, runTag: 'chg' });
  const original = f.build(sampleRefs);
  const frozen = JSON.stringify(original);
  const diffKeys = (a: object, b: object) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]),
    );

  it('should change exactly the member each helper names, and never the input', () => {
    expect(diffKeys(original, f.withNonKeyChange(original))).toEqual(['totalInstructionalDays']);
    expect(diffKeys(original, f.withKeyChange(original))).toEqual(['sessionName']);
    expect(diffKeys(original, f.withChildChange(original, sampleRefs))).toEqual(['gradingPeriods']);
    expect(diffKeys(original, f.identicalRepost(original))).toEqual([]);
    expect(f.identicalRepost(original)).not.toBe(original);
    expect(JSON.stringify(original)).toBe(frozen);
  });

  it('should keep changed payloads valid and refuse a child change when the target has no children', () => {
    expect(validators.request(f.withChildChange(original, sampleRefs))).toBe(true);
    expect(validators.request(f.withKeyChange(original))).toBe(true);
    expect(() => f.withChildChange(f.build(bareRefs), bareRefs)).toThrow(/no grading periods and no academic weeks/);
  });

  it('should not let build overrides alias the caller objects', () => {
    const gradingPeriods = [{ gradingPeriodReference: { ...sampleRefs.gradingPeriods[0] } }];
    const built = f.build(sampleRefs, { gradingPeriods });
    built.gradingPeriods![0].gradingPeriodReference.gradingPeriodName = 'changed';
    expect(gradingPeriods[0].gradingPeriodReference.gradingPeriodName).toBe(sampleRefs.gradingPeriods[0].gradingPeriodName);
  });
});
