// The probe against stand-in hosts that deviate: capabilities are decided from the answers the
// contract gives meaning to (a 500 is not "switched off"), each with the answer that decided it;
// fixtures survive refused reference filters; the log holds every request and no secret.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { RunNotPossibleError } from '../../../src/errors.js';
import { quoteEvidence } from '../../../src/runtime/evidence.js';
import { probeTarget, type ProbeResult } from '../../../src/target/probe.js';
import { ProbeLog } from '../../../src/target/probe-log.js';
import { startFakeTarget, type FakeTarget, type FakeTargetOptions } from '../helpers/fake-target.js';

const stops: FakeTarget[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!.stop();
});

const period = (schoolId: number, schoolYear: number, n: number): Record<string, unknown> => ({
  gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks',
  gradingPeriodName: `Six Weeks ${n}`,
  schoolReference: { schoolId },
  schoolYearTypeReference: { schoolYear },
});

async function probe(options: FakeTargetOptions, fixtures: Record<string, unknown> = {}): Promise<{ fake: FakeTarget; log: ProbeLog; result?: ProbeResult; error?: unknown }> {
  const fake = await startFakeTarget(options);
  stops.push(fake);
  const settings = loadConfig({ env: {}, flags: { baseUrl: fake.baseUrl, key: fake.key, secret: fake.secret, timeoutMs: 5000, ...fixtures } });
  const log = new ProbeLog();
  try {
    const result = await probeTarget({ settings, root: fake.baseUrl, credentials: { key: fake.key, secret: fake.secret }, roles: {}, secondary: {}, runDir: mkdtempSync(join(tmpdir(), 'probe-')), log });
    return { fake, log, result };
  } catch (error) {
    return { fake, log, error };
  }
}

const STRICT: FakeTargetOptions = {
  refuseFilters: true,
  fixtures: {
    schoolYearTypes: [{ schoolYear: 2024, currentSchoolYear: false }, { schoolYear: 2025, currentSchoolYear: false }],
    gradingPeriods: [period(200, 2024, 1), period(100, 2024, 1), period(100, 2024, 2)],
    academicWeeks: [{ weekIdentifier: 'Week 01', schoolReference: { schoolId: 100 } }],
  },
};

describe('probeTarget on a strict host', () => {
  it('should find the fixtures by walking when ?schoolId= is refused and no school year is current', async () => {
    const { result, log, error } = await probe(STRICT);
    expect(error).toBeUndefined();
    expect(result!.refs).toMatchObject({ schoolId: 100, schoolYear: 2024, gradingPeriods: [{ gradingPeriodName: 'Six Weeks 1' }, { gradingPeriodName: 'Six Weeks 2' }] });
    expect(result!.refs.academicWeeks).toEqual([{ schoolId: 100, weekIdentifier: 'Week 01' }]);
    expect(result!.refs.other).toMatchObject({ schoolId: 200, gradingPeriods: [{ gradingPeriodName: 'Six Weeks 1' }] });
    expect(result!.capabilities.gradingPeriods).toBe(true);
    expect(result!.evidence.gradingPeriods!.concluded).toMatch(/^2 grading periods of school 100 in 2024 \(GET …\/gradingPeriods\?limit=500&schoolId=100 answered 400 .*not supported.*; read 1 page/);
    // Every request is in the log, the refused ones with their answer.
    const refused = log.data.requests.filter((r) => r.status === 400);
    expect(refused.map((r) => new URL(r.url).pathname.split('/').pop())).toEqual(expect.arrayContaining(['gradingPeriods', 'academicWeeks', 'courses']));
    expect(refused[0]!.body).toContain('is not supported');
    expect(log.data.fixtures.find((f) => f.fixture === 'school year')?.how).toMatch(/no school year is marked current .*latest in 2024/);
  });

  it('should use the fixtures given in the settings without asking for them', async () => {
    const { result, log } = await probe(STRICT, {
      'fixtures.schoolYear': 2025,
      'fixtures.gradingPeriods': [{ gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#Q1', gradingPeriodName: 'Q1' }],
      'fixtures.courseCode': 'GEO-2',
    });
    expect(result!.refs.gradingPeriods).toEqual([{ gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#Q1', gradingPeriodName: 'Q1', schoolId: 100, schoolYear: 2025 }]);
    expect(result!.refs.course).toEqual({ courseCode: 'GEO-2', educationOrganizationId: 100 });
    expect(result!.evidence.gradingPeriods).toBeUndefined();
    const asked = log.data.requests.map((r) => new URL(r.url).pathname);
    expect(asked).not.toContain('/data/v3/ed-fi/schoolYearTypes');
    expect(asked).not.toContain('/data/v3/ed-fi/courses');
  });

  it('should stop with exit 2 naming the request when there is no school, and keep that in the log', async () => {
    const { error, log } = await probe({ fixtures: { schools: [] } });
    expect(error).toBeInstanceOf(RunNotPossibleError);
    expect((error as Error).message).toMatch(/^The target has no school the client can read \(GET …\/schools\?limit=500&offset=0 answered 200 \[0 items over 1 page\]\); give one with --school-id \(EDFI_SCHOOL_ID\) or fixtures\.schoolId in the config file\.$/);
    expect(log.data.failure).toBe((error as Error).message);
    expect(log.data.requests.some((r) => r.url.endsWith('/ed-fi/schools?limit=500&offset=0') && r.status === 200)).toBe(true);
  });
});

describe('capabilities with evidence', () => {
  it('should keep change queries and partitions present when they answer 500, and quote the answer', async () => {
    const { result } = await probe({
      answers: {
        '/changeQueries/v1/availableChangeVersions': { status: 500, body: { detail: 'boom' } },
        '/data/v3/ed-fi/sessions/deletes': { status: 500, body: { detail: 'boom' } },
        '/data/v3/ed-fi/sessions/partitions': { status: 500, body: { detail: 'boom' } },
      },
    });
    expect(result!.capabilities).toMatchObject({ changeQueries: true, partitions: true });
    expect(quoteEvidence(result!.evidence.changeQueries!)).toBe('GET …/availableChangeVersions answered 500 {"detail":"boom"}');
    expect(result!.evidence.changeQueries!.concluded).toMatch(/not the 404 of a switched-off feature/);
    // Checks then read availableChangeVersions at the standard path the probe found answering.
    expect(result!.main.urls.availableChangeVersions).toMatch(/\/changeQueries\/v1\/availableChangeVersions$/);
  });

  it('should count change queries and partitions absent only on the 404 the contract gives, and quote the headers of a list without ETag', async () => {
    const { result } = await probe({});
    expect(result!.capabilities).toMatchObject({ changeQueries: false, partitions: false, collectionEtag: false, snapshotAbsent: true });
    expect(result!.evidence.changeQueries).toMatchObject({ status: 404, concluded: expect.stringMatching(/change queries are off: availableChangeVersions answered 404 .*\/deletes answered 404/) });
    expect(result!.main.urls.availableChangeVersions).toBeUndefined();
    expect(result!.evidence.partitions!.status).toBe(404);
    expect(quoteEvidence(result!.evidence.collectionEtag!)).toMatch(/^GET …\/sessions\?limit=1 answered 200 headers: content-type: application\/json; charset=utf-8; \(no etag\)$/);
    expect(result!.evidence.snapshotAbsent).toMatchObject({ status: 404, request: expect.stringMatching(/^GET .*\/sessions\?limit=1$/) });
  });

  it('should say there are no grading periods only from the answers, quoting them', async () => {
    const { result } = await probe({ fixtures: { gradingPeriods: [period(200, 2025, 1)] } });
    expect(result!.capabilities.gradingPeriods).toBe(false);
    const e = result!.evidence.gradingPeriods!;
    expect(e.concluded).toMatch(/^no grading period of school 100 in 2025 \(GET …\/gradingPeriods\?limit=500&schoolId=100 ignored the filter/);
    expect(quoteEvidence(e)).toMatch(/^GET …\/gradingPeriods\?limit=500&schoolId=100 answered 200 \[\{/);
  });

  it('should keep the token and the secret out of the log', async () => {
    const { log, fake } = await probe({});
    const text = JSON.stringify(log.data);
    expect(fake.tokensIssued.length).toBeGreaterThan(0);
    for (const needle of [fake.secret, ...fake.tokensIssued, Buffer.from(`${fake.key}:${fake.secret}`).toString('base64')]) expect(text).not.toContain(needle);
    const token = log.data.requests.find((r) => r.method === 'POST')!;
    expect(token.body).toBe('{"access_token":"***","expires_in":1800,"token_type":"bearer"}');
    expect(token.requestHeaders.authorization).toBe('Basic ***');
  });
});
