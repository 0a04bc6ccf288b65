// Unit tests of the kill matrix's decisions: what a fault run selects, when a fault counts as
// killed, what is listed as unproven or as a 500 elicited.
import { describe, expect, it } from 'vitest';
import type { CheckOutcome, JobResult } from './types.js';
import { classifyFault, elicited500, grepFor, OPERATIONS, SAMPLE_REQUIREMENTS, selectedRequirements, specFilesFor, unprovenChecks } from './classify.js';

const check = (requirementId: string, verdict: CheckOutcome['verdict'], title = 'does it'): CheckOutcome => ({ requirementId, title, verdict, elicited: [] });
const run = (checks: CheckOutcome[], extra: Partial<JobResult> = {}): JobResult => ({ jobId: 'F', faultId: 'F', durationMs: 10, checks, suiteErrors: [], ...extra });
const fault = { id: 'EtagUnquoted', violates: ['SES-ETAG-HEADER-QUOTED'] };

describe(grepFor.name, () => {
  it('should match the titles of exactly the given requirement ids', () => {
    const pattern = new RegExp(grepFor(['SES-PUT-412-STALE', 'SES-GET-400-LIMIT']));
    expect(pattern.test('[SES-PUT-412-STALE] 03 a stale If-Match is refused')).toBe(true);
    expect(pattern.test('[SES-GET-400-LIMIT] 01 limit 501')).toBe(true);
    expect(pattern.test('[SES-PUT-412-STALE-X] other')).toBe(false);
    expect(pattern.test('[SES-DELETE-412-STALE] other')).toBe(false);
  });
});

describe(selectedRequirements.name, () => {
  it('should add the fixed sample and drop ids the catalogue does not know', () => {
    const known = new Set(['SES-ETAG-HEADER-QUOTED', ...SAMPLE_REQUIREMENTS]);
    expect(selectedRequirements({ violates: ['SES-ETAG-HEADER-QUOTED', 'SES-NOPE'] }, known).sort()).toEqual(
      ['SES-ETAG-HEADER-QUOTED', ...SAMPLE_REQUIREMENTS].sort(),
    );
  });
});

describe(`${selectedRequirements.name} for host-wide counters`, () => {
  it('should run a fault on newestChangeVersion without the sample, whose writes would mask it', () => {
    const known = new Set(['SES-ACV-RAISE-UPDATE', ...SAMPLE_REQUIREMENTS]);
    expect(selectedRequirements({ violates: ['SES-ACV-RAISE-UPDATE'] }, known)).toEqual(['SES-ACV-RAISE-UPDATE']);
  });

  it('should treat every resource\'s raise requirements as host-wide (the sample writes sessions, which would raise the counter a course-offering fault leaves behind)', () => {
    const known = new Set(['CO-ACV-RAISE-CREATE', 'CO-ACV-RAISE-DELETE', ...SAMPLE_REQUIREMENTS]);
    expect(selectedRequirements({ violates: ['CO-ACV-RAISE-CREATE', 'CO-ACV-RAISE-DELETE'] }, known).sort()).toEqual(['CO-ACV-RAISE-CREATE', 'CO-ACV-RAISE-DELETE']);
  });
});

describe(specFilesFor.name, () => {
  const specs = [
    { path: 'specs/a.spec.ts', text: "check('SES-PUT-412-STALE', '02 …')" },
    { path: 'specs/auth.spec.ts', text: 'check(`SES-${op}-401-UNAUTHENTICATED`, title)' },
    { path: 'specs/authz.spec.ts', text: 'check(`SES-${op}-403-${tag}`, title)' },
  ];

  it('should pick the files that name a requirement literally', () => {
    expect(specFilesFor(['SES-PUT-412-STALE'], specs)).toEqual(['specs/a.spec.ts']);
  });

  it('should find templated ids by their tail, then by their status part', () => {
    expect(specFilesFor(['SES-POST-401-UNAUTHENTICATED'], specs)).toEqual(['specs/auth.spec.ts']);
    expect(specFilesFor(['SES-PUT-403-OTHER-SCHOOL'], specs)).toEqual(['specs/authz.spec.ts']);
  });

  it('should pick a family that cites the id as a template, beside the files that name it', () => {
    const withFamily = [
      ...specs,
      { path: 'specs/families/conditional.spec.ts', text: "runFamily(registered('conditional'));\ncheck(id('PUT-412-STALE'), 'PUT with a stale If-Match')" },
    ];
    expect(specFilesFor(['SES-PUT-412-STALE'], withFamily)).toEqual(['specs/a.spec.ts', 'specs/families/conditional.spec.ts']);
    expect(specFilesFor(['CO-PUT-412-STALE'], withFamily)).toEqual(['specs/families/conditional.spec.ts']);
  });

  it('should fall back to every file for an id found nowhere', () => {
    expect(specFilesFor(['SES-NOWHERE-999-X'], specs)).toEqual(specs.map((s) => s.path).sort());
  });
});

describe(classifyFault.name, () => {
  it('should count a fault as killed when a check of a declared requirement fails', () => {
    const r = classifyFault(fault, run([check('SES-ETAG-HEADER-QUOTED', 'fail'), check('SES-POST-201-CREATED', 'pass')]));
    expect(r.status).toBe('killed');
    expect(r.killedBy).toEqual(['[SES-ETAG-HEADER-QUOTED] does it']);
  });

  it('should count a SHOULD check that warned as a kill', () => {
    expect(classifyFault(fault, run([check('SES-ETAG-HEADER-QUOTED', 'warn')])).status).toBe('killed');
  });

  it('should not count a failure outside the declaration as a kill, but list it', () => {
    const r = classifyFault(fault, run([check('SES-POST-201-CREATED', 'fail'), check('SES-ETAG-HEADER-QUOTED', 'pass')]));
    expect(r.status).toBe('survived');
    expect(r.undeclaredFailures).toEqual(['[SES-POST-201-CREATED] does it']);
    expect(r.statusReason).toMatch(/outside the declaration/);
  });

  it('should list failures outside the declaration beside a kill', () => {
    const r = classifyFault(fault, run([check('SES-ETAG-HEADER-QUOTED', 'fail'), check('SES-POST-201-CREATED', 'fail')]));
    expect(r.status).toBe('killed');
    expect(r.undeclaredFailures).toEqual(['[SES-POST-201-CREATED] does it']);
  });

  it('should say when no declared check ran at all', () => {
    const r = classifyFault(fault, run([check('SES-ETAG-HEADER-QUOTED', 'skip')]));
    expect(r.status).toBe('survived');
    expect(r.statusReason).toMatch(/no check of a declared requirement ran/);
  });

  it('should not count a check that errored (harness problem) as a kill', () => {
    expect(classifyFault(fault, run([check('SES-ETAG-HEADER-QUOTED', 'error')])).status).toBe('survived');
  });

  it('should report runs that could not be made and runs that timed out distinctly', () => {
    expect(classifyFault(fault, run([], { error: 'host did not start' })).status).toBe('runtimeError');
    expect(classifyFault(fault, run([], { error: 'slow', timedOut: true })).status).toBe('timedOut');
  });
});

describe(unprovenChecks.name, () => {
  it('should list faithful-run checks that killed no fault, ignoring skipped ones', () => {
    const faithful = [check('A', 'pass', 'one'), check('B', 'pass', 'two'), check('C', 'skip', 'three')];
    const killed = classifyFault({ id: 'F', violates: ['A'] }, run([check('A', 'fail', 'one')]));
    expect(unprovenChecks(faithful, [killed])).toEqual(['[B] two']);
  });
});

describe(elicited500.name, () => {
  it('should count the 500-documenting operations of every known resource: the 8 of sessions and those of course offerings', () => {
    expect(OPERATIONS.filter((op) => !op.includes('CourseOffering'))).toHaveLength(8);
    expect(OPERATIONS).toEqual(expect.arrayContaining(['PutCourseOffering', 'GetCourseOfferingsById', 'DeleteCourseOfferingById', 'PostCourseOffering']));
  });
  it('should list the operations on which a fault run observed a 500, in seed order', () => {
    const withPair = (operation: 'PutSession' | 'GetSessions', observedStatus: number): CheckOutcome => ({
      ...check('X', 'fail'),
      elicited: [{ operation, status: 200, observedStatus }],
    });
    expect(elicited500([run([withPair('PutSession', 500), withPair('GetSessions', 500)]), run([withPair('GetSessions', 200)])])).toEqual([
      'GetSessions',
      'PutSession',
    ]);
  });
});
