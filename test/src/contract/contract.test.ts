// The contract read from OpenAPI: the sessions pairs equal the seed's 60, the classifier agrees with
// the sessions regex it replaced, courseOfferings and target-only resources are classified, and every
// requirement names an operation the contract (or the non-resource list) knows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { Contract, contractFromDocument, operationsOf } from '../../../src/contract/contract.js';
import { ods73Contract, runContract } from '../../../src/contract/contract-sources.js';
import { classifyOperation, COURSE_OFFERINGS, OPERATION_NAMES, SESSIONS } from '../../../src/contract/operations.js';
import { allRequirements } from '../../../src/requirements/index.js';
import { SEED_PAIRS } from '../../../src/requirements/seed-pairs.js';
import { NON_RESOURCE_OPERATIONS } from '../../../src/requirements/types.js';

/** The classifier the suite had before the contract: a sessions regex (kept here as the reference). */
function regexClassifier(method: string, url: string): string | undefined {
  const path = new URL(url, 'http://placeholder.invalid').pathname;
  const match = /\/ed-fi\/sessions(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match) return undefined;
  const lower = match[1] === undefined ? undefined : decodeURIComponent(match[1]).toLowerCase();
  const verb = method.toUpperCase();
  if (lower === undefined) return verb === 'GET' ? 'GetSessions' : verb === 'POST' ? 'PostSession' : undefined;
  if (verb === 'GET') return lower === 'deletes' ? 'DeletesSessions' : lower === 'keychanges' ? 'KeyChangesSessions' : lower === 'partitions' ? 'GetSessionsPartitions' : 'GetSessionsById';
  return verb === 'PUT' ? 'PutSession' : verb === 'DELETE' ? 'DeleteSessionById' : undefined;
}

const doc = (paths: Record<string, Record<string, { operationId?: string; statuses: string[]; updatable?: boolean }>>): OpenAPIV3.Document => ({
  openapi: '3.0.1',
  info: { title: 't', version: '1' },
  paths: Object.fromEntries(
    Object.entries(paths).map(([path, ops]) => [
      path,
      Object.fromEntries(
        Object.entries(ops).map(([m, o]) => [
          m,
          { operationId: o.operationId, responses: Object.fromEntries(o.statuses.map((s) => [s, { description: s }])), ...(o.updatable ? { 'x-Ed-Fi-isUpdatable': true } : {}) },
        ]),
      ),
    ]),
  ) as OpenAPIV3.PathsObject,
});

describe('the contract read from OpenAPI', () => {
  it('should give for sessions exactly the 60 documented pairs of the seed', () => {
    const pairs = ods73Contract().pairs(SESSIONS);
    expect(pairs).toHaveLength(60);
    expect(pairs).toEqual([...SEED_PAIRS]);
  });

  it('should know the 8 sessions and 8 courseOfferings operations, with kinds and key updatability', () => {
    const c = ods73Contract();
    expect(c.resources()).toEqual([SESSIONS, COURSE_OFFERINGS]);
    expect(OPERATION_NAMES).toEqual(['DeleteSessionById', 'DeletesSessions', 'GetSessions', 'GetSessionsById', 'GetSessionsPartitions', 'KeyChangesSessions', 'PostSession', 'PutSession']);
    const kinds = (r: string) => Object.fromEntries(c.forResource(r).map((o) => [o.kind, o.name]));
    expect(kinds(COURSE_OFFERINGS)).toEqual({
      list: 'GetCourseOfferings',
      create: 'PostCourseOffering',
      read: 'GetCourseOfferingsById',
      update: 'PutCourseOffering',
      delete: 'DeleteCourseOfferingById',
      deletes: 'DeletesCourseOfferings',
      keyChanges: 'KeyChangesCourseOfferings',
      partitions: 'GetCourseOfferingsPartitions',
    });
    expect(c.operation('PutSession')?.keyUpdatable).toBe(true);
    expect(c.operation('PutCourseOffering')?.keyUpdatable).toBe(false);
    expect(c.pairs(COURSE_OFFERINGS)).toHaveLength(60);
  });

  it('should classify sessions requests exactly as the sessions regex did', () => {
    const roots = ['http://h/data/v3', 'https://h/api/data/v3', 'http://h/data', 'http://h/proxy/x/data/v3', ''];
    const tails = ['/ed-fi/sessions', '/ed-fi/sessions/', '/ed-fi/Sessions', '/ED-FI/sessions/abc', '/ed-fi/sessions/abc/', '/ed-fi/sessions/deletes', '/ed-fi/sessions/Deletes',
      '/ed-fi/sessions/keyChanges', '/ed-fi/sessions/KEYCHANGES', '/ed-fi/sessions/partitions', '/ed-fi/sessions/%64eletes', '/ed-fi/sessions/a%2Fb', '/ed-fi/sessions/a/b',
      '/ed-fi/sessions?limit=5', '/ed-fi/sessions/x?offset=1', '/ed-fi/schools', '/ed-fi/sessionsX', '/sessions', '/ed-fi/sessions/deletes/x'];
    const methods = ['GET', 'get', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
    let compared = 0;
    for (const root of roots) for (const tail of tails) for (const method of methods) {
      expect([method, root + tail, classifyOperation(method, root + tail)]).toEqual([method, root + tail, regexClassifier(method, root + tail)]);
      compared++;
    }
    expect(compared).toBe(roots.length * tails.length * methods.length);
  });

  it('should classify courseOfferings requests, and prefer a literal segment over a path parameter', () => {
    const c = ods73Contract();
    expect(c.classify('GET', 'http://h/data/v3/ed-fi/courseOfferings/deletes?minChangeVersion=1')?.name).toBe('DeletesCourseOfferings');
    expect(c.classify('GET', 'http://h/data/v3/ed-fi/courseofferings/1234')?.name).toBe('GetCourseOfferingsById');
    expect(c.classify('PUT', 'http://h/data/v3/ed-fi/courseOfferings/partitions')?.name).toBe('PutCourseOffering');
    expect(c.classify('POST', 'http://h/data/v3/ed-fi/courseOfferings/1234')).toBeUndefined();
    expect(c.classify('GET', 'not a url at all: //[')).toBeUndefined();
  });

  it("should add the target's resources it does not cover, never change the ones it covers", () => {
    const target = contractFromDocument(
      doc({
        '/ed-fi/sessions': { get: { operationId: 'getSessions', statuses: ['200'] } },
        '/ed-fi/schools': { get: { operationId: 'getSchools', statuses: ['200', '500'] } },
        '/ed-fi/schools/{id}': { get: { operationId: 'getSchoolsById', statuses: ['200', '404'] } },
      }),
      'target',
    );
    const merged = ods73Contract().withResourcesFrom(target);
    expect(merged.pairs(SESSIONS)).toEqual(ods73Contract().pairs(SESSIONS));
    expect(merged.resources()).toEqual([SESSIONS, COURSE_OFFERINGS, '/ed-fi/schools']);
    expect(merged.classify('GET', 'http://h/data/v3/ed-fi/schools/9')?.name).toBe('GetSchoolsById');
    expect(merged.pairs('/ed-fi/schools').map((p) => `${p.operation} ${p.status} ${p.elicitable}`)).toEqual(['GetSchools 200 yes', 'GetSchools 500 fault-only', 'GetSchoolsById 200 yes', 'GetSchoolsById 404 yes']);
    expect(ods73Contract().withResourcesFrom(contractFromDocument(doc({ '/ed-fi/sessions': { get: { operationId: 'x', statuses: [] } } }), 't'))).toBe(ods73Contract());
  });

  it("should read the run contract from the target's saved document, and fall back to the committed one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    const path = join(dir, 'target-openapi.json');
    writeFileSync(path, JSON.stringify(doc({ '/tpdm/candidates': { get: { operationId: 'getCandidates', statuses: ['200'] } } })));
    expect(runContract(path).classify('GET', 'http://h/data/v3/tpdm/candidates')?.name).toBe('GetCandidates');
    const notOpenApi = join(dir, 'other.json');
    writeFileSync(notOpenApi, '{"swagger":"2.0"}');
    expect(runContract(notOpenApi)).toBe(ods73Contract());
    expect(runContract(undefined)).toBe(ods73Contract());
  });

  it('should name operations without operationId by method and path, keep status order, ignore non-status keys', () => {
    const ops = operationsOf(doc({ '/a/b/{id}': { delete: { statuses: ['404', 'default', '204', '2XX'] } } }));
    expect(ops).toEqual([{ name: 'DELETE /a/b/{id}', operationId: 'DELETE /a/b/{id}', method: 'DELETE', path: '/a/b/{id}', resource: '/a/b', kind: 'delete', statuses: [204, 404] }]);
    expect(new Contract(ops, 'x').classify('DELETE', '/root/a/b/7')?.name).toBe('DELETE /a/b/{id}');
  });

  it('should prefer the template with more literal segments whatever the document order', () => {
    const c = contractFromDocument(doc({ '/a/{x}/c': { get: { operationId: 'byParam', statuses: ['200'] } }, '/a/b/c': { get: { operationId: 'literal', statuses: ['200'] } } }), 't');
    expect(c.classify('GET', '/a/b/c')?.name).toBe('Literal');
    expect(c.classify('GET', '/a/z/c')?.name).toBe('ByParam');
  });

  it('should hold every requirement to an operation of the contract or a named non-resource one', () => {
    const known = new Set<string>([...ods73Contract().operations.map((o) => o.name), ...NON_RESOURCE_OPERATIONS]);
    const unknown = allRequirements().filter((r) => !known.has(r.operation)).map((r) => `${r.id}: ${r.operation}`);
    expect(unknown).toEqual([]);
    expect(allRequirements().length).toBeGreaterThan(100);
  });
});
