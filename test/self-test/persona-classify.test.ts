// Unit tests of the persona matrix's judgement (persona-classify.ts): which failures are
// misattributed, which deviations were missed, which blocks and skips are not true about the host,
// and when a persona passes.
import { describe, expect, it } from 'vitest';
import { classifyPersona, groupByRequirement, personaPassed, skipCapability } from './persona-classify.js';
import type { Persona } from './personas.js';
import type { CheckOutcome, JobResult } from './types.js';

const persona: Persona = { id: 'p', description: 'a test persona', faults: ['NoEtags', 'Cq500'], lacks: ['changeQueries'] };
const faults = [
  { id: 'NoEtags', violates: ['SES-ETAG-HEADER-QUOTED', 'SES-PUT-412-STALE'] },
  { id: 'Cq500', violates: ['SES-ACV-SHAPE'] },
];
const check = (requirementId: string, verdict: CheckOutcome['verdict'], extra: Partial<CheckOutcome> = {}): CheckOutcome => ({ requirementId, title: 'does it', verdict, elicited: [], ...extra });
const clean = { leftovers: [], tokenFragments: [], tokensIssued: 3, placesSearched: 5 };
const run = (checks: CheckOutcome[], extra: Partial<JobResult> = {}): JobResult => ({ jobId: 'persona:p', durationMs: 10, checks, suiteErrors: [], audit: clean, ...extra });
const bothCaught = [check('SES-ETAG-HEADER-QUOTED', 'fail'), check('SES-ACV-SHAPE', 'warn')];

describe(classifyPersona.name, () => {
  it('should pass a run whose failures all belong to its faults and which reports each fault', () => {
    const r = classifyPersona(persona, faults, run([...bothCaught, check('SES-GET-200-LIST', 'pass')]));
    expect(r.passed).toBe(true);
    expect([r.checks, r.failed, r.blocked, r.skipped]).toEqual([3, 2, 0, 0]);
  });

  it('should list a failure or an error under a requirement no fault declares as misattributed', () => {
    const r = classifyPersona(persona, faults, run([...bothCaught, check('SES-PUT-401-UNAUTHENTICATED', 'fail', { message: 'a 200 answer should carry an ETag header' }), check('SES-GET-200-LIST', 'error')]));
    expect(r.misattributed.map((f) => [f.requirementId, f.verdict, f.detail])).toEqual([
      ['SES-PUT-401-UNAUTHENTICATED', 'fail', 'a 200 answer should carry an ETag header'],
      ['SES-GET-200-LIST', 'error', ''],
    ]);
    expect(r.passed).toBe(false);
  });

  it('should count a fault none of whose requirements failed as missed, saying what its checks did', () => {
    const r = classifyPersona(persona, faults, run([check('SES-ETAG-HEADER-QUOTED', 'fail'), check('SES-ACV-SHAPE', 'skip', { reason: 'the target has no change queries' })]));
    expect(r.missed.map((m) => m.faultId)).toEqual(['Cq500']);
    expect(r.missed[0]!.why).toMatch(/1 skip; e\.g\. \[SES-ACV-SHAPE\] does it: the target has no change queries/);
  });

  it('should not count a blocked check of a declared requirement as reporting the deviation', () => {
    const r = classifyPersona(persona, faults, run([check('SES-ETAG-HEADER-QUOTED', 'fail'), check('SES-ACV-SHAPE', 'blocked', { blockedBy: 'SES-ETAG-HEADER-QUOTED' })]));
    expect(r.missed.map((m) => m.faultId)).toEqual(['Cq500']);
    expect(r.misattributedBlocks).toEqual([]);
  });

  it('should accept blocks naming a declared deviation or a lacked capability, and list the others', () => {
    const r = classifyPersona(persona, faults, run([
      ...bothCaught,
      check('SES-PUT-204-UPDATED', 'blocked', { blockedBy: 'SES-PUT-412-STALE' }),
      check('SES-DELETES-200', 'blocked', { blockedBy: 'changeQueries' }),
      check('SES-GET-PAGING-OFFSET-WALK', 'blocked', { blockedBy: 'SES-GET-200-LIST' }),
      check('SES-GET-PAGING-ORDER', 'blocked'),
    ]));
    expect(r.misattributedBlocks.map((f) => [f.requirementId, f.detail])).toEqual([
      ['SES-GET-PAGING-OFFSET-WALK', 'blocked by SES-GET-200-LIST'],
      ['SES-GET-PAGING-ORDER', 'blocked without naming what blocked it'],
    ]);
  });

  it('should accept skips for the profile and for lacked capabilities, and list skips for capabilities the host has', () => {
    const r = classifyPersona(persona, faults, run([
      ...bothCaught,
      check('SES-PUT-BODY-ID-REJECTED', 'skip', { reason: 'applies to profile dms only; this run is ods-7.3' }),
      check('SES-ETAG-IFMATCH-STAR-ACCEPTED', 'skip', { skippedFor: 'profile:ods-7.3', reason: 'applies to profile dms only' }),
      check('SES-KEYCHG-200', 'skip', { skippedFor: 'changeQueries', reason: 'the target has change queries switched off (the documented answer: 404)' }),
      check('SES-DELETES-200', 'skip', { reason: 'the target has no change queries (availableChangeVersions did not answer 200)' }),
      check('SES-GET-304-LIST-ETAG', 'skip', { reason: 'the target sends no ETag on GET-many, so If-None-Match cannot match' }),
      check('SES-POST-409-UNRESOLVED', 'skip', { reason: 'the target has no grading period for the session school and year' }),
      check('SES-GET-404-SNAPSHOT', 'skip', { skippedFor: 'snapshotAbsent', reason: 'whatever the words' }),
      check('SES-POST-403-READ-ONLY', 'skip', { reason: 'no readOnly client is configured (setting roles.readOnly)' }),
      check('SES-X', 'skip', { reason: 'a reason nobody can place' }),
    ]));
    expect(r.falseSkips.map((f) => f.requirementId)).toEqual(['SES-POST-409-UNRESOLVED', 'SES-GET-404-SNAPSHOT', 'SES-POST-403-READ-ONLY', 'SES-X']);
    expect(r.skipsInferred).toBe(true);
  });

  it('should fail a persona for leftovers, token fragments, a run error or a missing audit', () => {
    expect(classifyPersona(persona, faults, run(bothCaught, { audit: { ...clean, leftovers: ["main host: session 'x' (1)"] } })).passed).toBe(false);
    expect(classifyPersona(persona, faults, run(bothCaught, { audit: { ...clean, tokenFragments: [{ where: 'junit.xml', count: 2 }] } })).passed).toBe(false);
    expect(classifyPersona(persona, faults, run(bothCaught, { error: 'exit 2: no grading periods' })).runError).toBe('exit 2: no grading periods');
    expect(classifyPersona(persona, faults, run(bothCaught, { audit: undefined })).runError).toBe('the run was not audited');
  });

  it('should not pass a run with no checks', () => {
    expect(personaPassed(classifyPersona({ ...persona, faults: [] }, [], run([])))).toBe(false);
  });
});

describe(skipCapability.name, () => {
  it('should prefer the harness skippedFor over the reason, and read roles from the reason', () => {
    expect(skipCapability({ skippedFor: 'partitions', reason: 'the target has no change queries' })).toEqual({ capability: 'partitions', inferred: false });
    expect(skipCapability({ reason: 'no otherSchool client is configured (setting roles.otherSchool)' })).toEqual({ capability: 'otherSchool', inferred: true });
    expect(skipCapability({ reason: 'the target has a snapshot configured, so a Use-Snapshot read does not answer 404' }).capability).toBe('snapshotAbsent');
  });
});

describe(groupByRequirement.name, () => {
  it('should group findings by requirement in first-seen order with a count and the first example', () => {
    const f = (requirementId: string, detail: string) => ({ label: `[${requirementId}] t`, requirementId, verdict: 'fail' as const, detail });
    expect(groupByRequirement([f('A', 'one'), f('B', 'two'), f('A', 'three')])).toEqual([
      { requirementId: 'A', count: 2, example: f('A', 'one') },
      { requirementId: 'B', count: 1, example: f('B', 'two') },
    ]);
  });
});
