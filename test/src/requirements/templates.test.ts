// Requirement templates (src/requirements/templates.ts): the sessions expansion is exactly the
// catalogue as it was before templates (catalogue-before-templates.json, written from the catalogue
// of main before the change), so no requirement id, statement, level or source of sessions moved;
// the course offerings expansion has its own prefix, operations and words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRequirements } from '../../../src/requirements/index.js';
import { expandTemplate, type RequirementTemplate } from '../../../src/requirements/templates.js';
import { courseOfferings, sessions, type AnyResourceDescriptor } from '../../../src/resources/index.js';
import type { Requirement } from '../../../src/requirements/types.js';

const before = JSON.parse(readFileSync(new URL('./catalogue-before-templates.json', import.meta.url), 'utf8')) as Requirement[];
const co = courseOfferings as unknown as AnyResourceDescriptor;
const ses = sessions as unknown as AnyResourceDescriptor;

describe('requirement templates', () => {
  it('keeps every sessions requirement of before, record for record and in the same order', () => {
    const ids = new Set(before.map((r) => r.id));
    const now = allRequirements().filter((r) => r.id.startsWith('SES-') && ids.has(r.id));
    expect(now).toEqual(before);
  });

  it('adds to sessions only the generated-validation requirements, and those not held by its hand-written catalogue', () => {
    const ids = new Set(before.map((r) => r.id));
    const added = allRequirements().filter((r) => r.id.startsWith('SES-') && !ids.has(r.id)).map((r) => r.id);
    expect(added).toEqual(['SES-POST-400-WRONG-TYPE', 'SES-PUT-400-WRONG-TYPE', 'SES-POST-MAXLENGTH-ACCEPTED', 'SES-POST-OPTIONAL-ABSENT-ACCEPTED']);
  });

  it('expands each template for course offerings with the CO prefix and their own operation', () => {
    const put412 = allRequirements().find((r) => r.id === 'CO-PUT-412-STALE');
    expect(put412).toMatchObject({ level: 'MUST', operation: 'PutCourseOffering', source: 'openapi:PutCourseOffering 412', area: 'etag' });
    const found = allRequirements().find((r) => r.id === 'CO-GETBYID-200-FOUND')!;
    expect(found.statement).toBe('GET by the id of an existing course offering answers 200 with the course offering (valid against the course offering schema) and a quoted ETag.');
    expect(allRequirements().find((r) => r.id === 'CO-GETBYID-400-PROFILE-USAGE')!.statement).toContain('application/vnd.ed-fi.courseOffering.{profile}.writable+json');
    expect(allRequirements().find((r) => r.id === 'CO-COLLECTION-405-METHOD')!.statement).toContain('on the courseOfferings collection');
  });

  it('refuses an unknown placeholder and a kind the contract lacks for the resource', () => {
    const base: RequirementTemplate = { template: 'X', level: 'MUST', source: 's', area: 'status', kind: 'read', statement: 'about %nothing%' };
    expect(() => expandTemplate(base, ses)).toThrow(/unknown placeholder %nothing%/);
    expect(() => expandTemplate({ ...base, statement: 'ok' }, { ...co, path: '/ed-fi/nowhere', name: 'courseOfferings' })).toThrow(/no read operation/);
  });
});
