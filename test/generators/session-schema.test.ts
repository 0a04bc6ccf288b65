// Our session contract schemas (src/contract/session-schema.ts) say what CONTRACT.md §1.2/§1.4/§2.1 say.
import { describe, expect, it } from 'vitest';
import {
  ajvErrorToJsonPath,
  compileSessionValidators,
  descriptorNamespace,
  isWellFormedDescriptor,
} from '../../src/contract/session-schema.js';
import { createSessionFactory } from '../../generators/index.js';
import { sampleRefs } from './sample-refs.js';

const v = compileSessionValidators();
const valid = createSessionFactory({ seed: 7, runTag: 'schema' }).build(sampleRefs);
const asResponse = {
  id: '6bd5c5e2a3c64f8f8c4f0f6e9b8a7d21',
  ...valid,
  schoolReference: { ...valid.schoolReference, link: { rel: 'School', href: '/ed-fi/schools/2c1a9e0c4b7a4f0d9a2b5d6e7f809a1b' } },
  _etag: '5250374366428622464',
  _lastModifiedDate: '2024-12-03T15:00:00.123456Z',
};

describe('session request schema', () => {
  it('should accept a generated payload and unknown extra members', () => {
    expect(v.request(valid)).toBe(true);
    expect(v.request({ ...valid, somethingElse: 1 })).toBe(true);
  });

  it('should reject a blank sessionName, a descriptor without "#", and a negative day count', () => {
    expect(v.request({ ...valid, sessionName: '  ' })).toBe(false);
    expect(v.request({ ...valid, termDescriptor: 'Fall Semester' })).toBe(false);
    expect(v.request({ ...valid, totalInstructionalDays: -1 })).toBe(false);
  });

  it('should validate dates as calendar dates', () => {
    expect(v.request({ ...valid, beginDate: '2024-02-29' })).toBe(true);
    expect(v.request({ ...valid, beginDate: '2023-02-29' })).toBe(false);
  });
});

describe('session response schema', () => {
  it('should accept an item as GET returns it', () => {
    expect(v.response(asResponse), JSON.stringify(v.response.errors)).toBe(true);
    expect(v.responseArray([asResponse])).toBe(true);
  });

  it('should require a GUID id (32-hex or dashed), an _etag and a date-time _lastModifiedDate', () => {
    // The ODS 32-hex form is the creation check's business (register: created-id-format), not the schema's.
    expect(v.response({ ...asResponse, id: '6bd5c5e2-a3c6-4f8f-8c4f-0f6e9b8a7d21' })).toBe(true);
    expect(v.response({ ...asResponse, id: 'not-a-guid' })).toBe(false);
    expect(v.response({ ...asResponse, id: '6bd5c5e2a3c64f8f8c4f0f6e9b8a7d2' })).toBe(false);
    expect(v.response({ ...asResponse, _etag: undefined })).toBe(false);
    expect(v.response({ ...asResponse, _lastModifiedDate: '2024-12-03' })).toBe(false);
  });
});

describe('tracked-change, partitions, availableChangeVersions and problem schemas', () => {
  const key = { schoolId: 255901001, schoolYear: 2025, sessionName: 'Session One' };
  it('should accept the documented shapes', () => {
    expect(v.delete({ id: asResponse.id, changeVersion: 42, keyValues: key })).toBe(true);
    expect(v.keyChange({ id: asResponse.id, changeVersion: 43, oldKeyValues: key, newKeyValues: { ...key, sessionName: 'Two' } })).toBe(true);
    expect(v.partitions({ pageTokens: ['MSwyMTQ3NDgzNjQ3'] })).toBe(true);
    expect(v.availableChangeVersions({ oldestChangeVersion: 0, newestChangeVersion: 12 })).toBe(true);
    expect(
      v.problemDetails({ detail: 'd', type: 'urn:ed-fi:api:data-conflict:unresolved-reference', title: 'Unresolved Reference', status: 409, correlationId: null }),
    ).toBe(true);
  });

  it('should reject a fractional change version, a missing pageTokens and a non-Ed-Fi problem type', () => {
    expect(v.delete({ id: asResponse.id, changeVersion: 1.5, keyValues: key })).toBe(false);
    expect(v.partitions({})).toBe(false);
    expect(v.problemDetails({ detail: 'd', type: 'about:blank', title: 't', status: 400 })).toBe(false);
  });
});

describe('descriptor helpers and JSONPath conversion', () => {
  it('should split descriptors at the last "#" and require both parts', () => {
    expect(descriptorNamespace('uri://ed-fi.org/TermDescriptor#Fall Semester')).toBe('uri://ed-fi.org/TermDescriptor');
    expect(isWellFormedDescriptor('uri://ed-fi.org/TermDescriptor#Fall')).toBe(true);
    expect(isWellFormedDescriptor('uri://ed-fi.org/TermDescriptor#')).toBe(false);
    expect(isWellFormedDescriptor('Fall')).toBe(false);
  });

  it('should render Ajv locations as Ed-Fi JSONPaths, naming the missing member of a required error', () => {
    expect(ajvErrorToJsonPath({ instancePath: '/gradingPeriods/0/gradingPeriodReference', keyword: 'required', params: { missingProperty: 'schoolId' } })).toBe(
      '$.gradingPeriods[0].gradingPeriodReference.schoolId',
    );
    expect(ajvErrorToJsonPath({ instancePath: '', keyword: 'type', params: {} })).toBe('$');
  });
});
