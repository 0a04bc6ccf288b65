// The generic resource client against the embedded reference host, through the suite's own
// transport, token source and ledger observer: what it creates (a course offering and the session
// it needs) is in the ledger, its reads and writes reach the right paths, a refused create is a
// set-up failure evidencing the resource's POST requirement, a missing fixture is a skip; a list
// check's n items share one set of created parents.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../host/index.js';
import { CheckFailedError } from '../../../src/errors.js';
import { Ledger } from '../../../src/fixtures/ledger.js';
import { ApiClient } from '../../../src/http/api-client.js';
import { TokenSource } from '../../../src/http/token-source.js';
import { Transport } from '../../../src/http/transport.js';
import { courseOfferings, sessions } from '../../../src/resources/index.js';
import { trackLedger, type ObservedCheck } from '../../../src/runtime/exchange-observer.js';
import { createEvidences, idFromLocation, resourceClients, type ResourceClientDeps } from '../../../src/runtime/resource-client.js';
import { setUpClient, setUpStep } from '../../../src/runtime/set-up-resource.js';
import type { SessionRefs } from '../../../src/runtime/refs.js';
import { discoverRefs, HostClient } from '../../generators/host-client.js';

class Skipped extends Error {
  constructor(readonly reason: string, readonly lacks?: string) {
    super(reason);
  }
}

describe('the generic resource client', () => {
  let host: RunningHost;
  let transport: Transport;
  let refs: SessionRefs;
  let check: ObservedCheck;
  let deps: ResourceClientDeps;

  beforeAll(async () => {
    host = await startHost({ port: 0, quiet: true });
    const raw = await HostClient.connect(host.baseUrl, host.clients.full);
    const course = (await raw.list('courses'))[0];
    refs = { ...(await discoverRefs(raw)), course: { courseCode: String(course.courseCode), educationOrganizationId: Number(course.educationOrganizationReference.educationOrganizationId) } };
    transport = new Transport({ timeoutMs: 10_000, maxConcurrency: 4 });
    check = { state: { requirement: { id: 'SES-TEST' } } as ObservedCheck['state'], ledger: new Ledger(join(mkdtempSync(join(tmpdir(), 'rc-')), 'ledger.jsonl')), created: [], deleted: [], notes: [] };
    const api = new ApiClient({
      transport,
      baseUrl: `${host.baseUrl}/data/v3`,
      tokens: new TokenSource(transport, `${host.baseUrl}/oauth/token`, host.clients.full),
      observe: (ex) => trackLedger(check, 'main', ex),
      role: 'full',
    });
    deps = { api, refs, seed: 99, runTag: 'rcli', skip: (reason, lacks) => { throw new Skipped(reason, lacks); } };
  });

  afterAll(async () => {
    await transport?.close();
    await host?.stop();
  });

  it('should create a course offering after the session it needs, both recorded in the ledger, and read, list, update and delete them', async () => {
    const client = resourceClients(deps);
    const offering = await client('courseOfferings').createNew();
    const recorded = check.ledger.outstanding().map((e) => [e.resource, e.name]);
    const sessionName = (offering.payload.sessionReference as { sessionName: string }).sessionName;
    expect(recorded).toEqual([['sessions', sessionName], ['courseOfferings', offering.payload.localCourseCode]]);
    expect(offering.exchange.operation).toBe('PostCourseOffering');

    const read = await client('courseOfferings').get(offering.id);
    expect([read.status, read.operation, (read.json as { localCourseCode: string }).localCourseCode]).toEqual([200, 'GetCourseOfferingsById', offering.payload.localCourseCode]);
    const listed = await client('sessions').list({ sessionName });
    expect([listed.status, listed.operation, (listed.json as unknown[]).length]).toEqual([200, 'GetSessions', 1]);

    const sessionId = check.created.find((e) => e.resource === 'sessions')!.id;
    const session = (await client('sessions').get(sessionId)).json as Record<string, unknown>;
    const { id: _id, _etag, _lastModifiedDate, ...body } = session;
    const put = await client('sessions').update(sessionId, sessions.nonKeyChange(body as never));
    expect([put.status, put.operation, JSON.parse(put.request.body as string).id]).toEqual([204, 'PutSession', sessionId]);

    expect((await client('courseOfferings').delete(offering.id)).status).toBe(204);
    expect((await client('sessions').delete(sessionId)).status).toBe(204);
    expect(check.deleted.map((e) => e.resource)).toEqual(['courseOfferings', 'sessions']);
  });

  it('should prepare n course offerings over one created session, each with its own local course code', async () => {
    const before = check.ledger.outstanding().filter((e) => e.resource === 'sessions').length;
    const payloads = await resourceClients(deps)('courseOfferings').prepareMany(3);
    const sessionNames = new Set(payloads.map((p) => (p.sessionReference as { sessionName: string }).sessionName));
    expect(sessionNames.size).toBe(1);
    expect(new Set(payloads.map((p) => p.localCourseCode)).size).toBe(3);
    expect(check.ledger.outstanding().filter((e) => e.resource === 'sessions').length - before).toBe(1);
  });

  it('should build the same payloads for the same check seed, and use a given factory instead', async () => {
    const a = await resourceClients(deps)('sessions').prepare();
    const b = await resourceClients(deps)('sessions').prepare();
    expect(a).toEqual(b);
    const given = { build: () => ({ given: true }) };
    expect(await resourceClients({ ...deps, factories: { sessions: given } })('sessions').prepare()).toEqual({ given: true });
  });

  it("should make a refused session POST in a course offering's set-up evidence SES-POST-201-CREATED, not the offering's requirement", async () => {
    // The parent's factory builds a session the host refuses (no school): the offering never gets posted.
    const broken = { build: () => ({ sessionName: 'no school' }) };
    const error = await resourceClients({ ...deps, factories: { sessions: broken } })('courseOfferings').createNew().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).arrange).toEqual({ step: 'POST a session', evidences: 'SES-POST-201-CREATED' });
  });

  it('should make a refused create a set-up failure evidencing the POST requirement', async () => {
    const error = await resourceClients(deps)('sessions').create({ sessionName: 'no school' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).arrange).toEqual({ step: 'POST a session', evidences: 'SES-POST-201-CREATED' });
    // The POST templates expand for course offerings too (src/requirements/templates.ts)…
    expect(createEvidences(courseOfferings)).toEqual({ created: 'CO-POST-201-CREATED', location: 'CO-POST-LOCATION-RESOLVES' });
    // …and a resource the catalogue has no POST requirement for falls back to a named set-up step.
    expect(createEvidences({ idPrefix: 'XX', title: 'a widget' })).toEqual({ created: 'set-up: create a widget', location: 'set-up: create a widget' });
    expect(createEvidences(sessions)).toEqual({ created: 'SES-POST-201-CREATED', location: 'SES-POST-LOCATION-RESOLVES' });
  });

  it('should skip, naming the fixture, when the target has no course to offer', async () => {
    const { course: _none, ...noCourse } = refs;
    const error = await resourceClients({ ...deps, refs: noCourse })('courseOfferings').createNew().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Skipped);
    expect([(error as Skipped).reason, (error as Skipped).lacks]).toEqual(['the target has no course to offer (fixtures: course)', 'course']);
  });

  it("should create a section (set-up only) of a given course offering through t.setUp's client, recorded in the ledger, refused creates blocked by the named set-up step", async () => {
    const steps: string[] = [];
    const setUpDeps = {
      api: deps.api,
      clients: resourceClients({ ...deps, evidences: { sections: setUpStep('a section') } }),
      skip: deps.skip,
      step: async <T>(name: string, fn: () => T | Promise<T>) => (steps.push(name), fn()),
    };
    const client = await setUpClient(setUpDeps, 'sections');
    // The host serves sections (its GET-many answers 200): the check goes on.
    expect(steps).toEqual(['ask whether the target serves /ed-fi/sections']);
    // A seed of its own: the checks above already created this seed's first session.
    const offering = await resourceClients({ ...deps, seed: 4242 })('courseOfferings').createNew();
    const section = await client.create(await client.prepare(undefined, { courseOffering: offering }));
    expect(section.payload.courseOfferingReference).toMatchObject({ localCourseCode: offering.payload.localCourseCode });
    expect(check.ledger.outstanding().filter((e) => e.resource === 'sections').map((e) => [e.id, e.name])).toEqual([[section.id, section.payload.sectionIdentifier]]);
    expect((await resourceClients(deps)('courseOfferings').delete(offering.id)).status).toBe(409);
    const refused = await client.create({ sectionIdentifier: 'no offering' }).catch((e: unknown) => e);
    expect((refused as CheckFailedError).arrange).toEqual({ step: 'POST a section', evidences: 'set-up: create a section' });
    expect((await client.delete(section.id)).status).toBe(204);
    expect((await resourceClients(deps)('courseOfferings').delete(offering.id)).status).toBe(204);
  });

  it('should skip, quoting the answer, when the target does not serve a set-up-only resource, and not ask about a checked one', async () => {
    const asked: string[] = [];
    const notServed = {
      get: async (path: string) => (asked.push(path), { request: { method: 'GET', url: `http://h/data/v3${path}?limit=1` }, status: 404, text: '{"title":"Not Found"}' }),
    } as unknown as ApiClient;
    const setUpDeps = { api: notServed, clients: resourceClients(deps), skip: deps.skip, step: async <T>(_n: string, fn: () => T | Promise<T>) => fn() };
    const error = await setUpClient(setUpDeps, 'sections').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Skipped);
    expect((error as Skipped).reason).toMatch(/^the target does not serve \/ed-fi\/sections, so this check cannot create a section: GET \S*\/sections\?limit=1 answered 404 \{"title":"Not Found"\}$/);
    expect((error as Skipped).lacks).toBe('sections');
    await setUpClient(setUpDeps, 'courseOfferings');
    expect(asked).toEqual(['/ed-fi/sections']);
  });

  it('should read the id only from a Location under its own path', () => {
    expect(idFromLocation('http://h/data/v3/ed-fi/courseOfferings/ab%2Fc', '/ed-fi/courseOfferings')).toBe('ab/c');
    expect(idFromLocation('/data/v3/ed-fi/CourseOfferings/abc/', '/ed-fi/courseOfferings')).toBe('abc');
    expect(idFromLocation('http://h/data/v3/ed-fi/sessions/abc', '/ed-fi/courseOfferings')).toBeUndefined();
    expect(idFromLocation('http://h/data/v3/ed-fi/courseOfferings', '/ed-fi/courseOfferings')).toBeUndefined();
  });
});
