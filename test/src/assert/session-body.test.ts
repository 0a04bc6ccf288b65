import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSessionBody, OWN_OPENAPI_BROKEN, CONTRACT_DIFFERS } from '../../../src/assert/session-body.js';
import { CheckFailedError } from '../../../src/errors.js';
import { setRunContextForTests } from '../../../src/runtime/current-run.js';
import { compileOpenApiValidators } from '../../../src/contract/openapi.js';

const valid = {
  id: '0123456789abcdef0123456789abcdef',
  sessionName: 'Fall 2025 c1a2b3',
  schoolReference: { schoolId: 255901001 },
  schoolYearTypeReference: { schoolYear: 2025 },
  termDescriptor: 'uri://ed-fi.org/TermDescriptor#Fall Semester',
  beginDate: '2025-08-20',
  endDate: '2025-12-20',
  totalInstructionalDays: 80,
  _etag: '5250374366428622464',
  _lastModifiedDate: '2025-08-20T10:00:00Z',
};

// A minimal OpenAPI document whose edFi_session demands a member the contract does not.
const doc = {
  openapi: '3.0.1',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      edFi_session: { type: 'object', required: ['sessionName', 'vendorExtra'], properties: { sessionName: { type: 'string' }, schoolReference: { $ref: '#/components/schemas/edFi_schoolReference' } } },
      edFi_schoolReference: { type: 'object', required: ['schoolId'], properties: { schoolId: { type: 'integer' } } },
    },
  },
};

afterEach(() => setRunContextForTests(undefined));

function withOpenApi(): void {
  const dir = mkdtempSync(join(tmpdir(), 'oas-'));
  const path = join(dir, 'target-openapi.json');
  writeFileSync(path, JSON.stringify(doc));
  setRunContextForTests({ profile: 'ods-7.3', openApiDocumentPath: path });
}

async function failure(body: unknown): Promise<CheckFailedError> {
  try {
    await expectSessionBody(body);
  } catch (e) {
    if (e instanceof CheckFailedError) return e;
    throw e;
  }
  throw new Error('expected a CheckFailedError');
}

describe(expectSessionBody.name, () => {
  it('should accept a session valid against the contract when no OpenAPI is published', async () => {
    await expect(expectSessionBody(valid)).resolves.toBeUndefined();
  });

  it('should say the host differs from the Ed-Fi contract when our schema rejects the body', async () => {
    const e = await failure({ ...valid, beginDate: 'yesterday' });
    expect(e.message).toContain(CONTRACT_DIFFERS);
    expect(e.message).not.toContain(OWN_OPENAPI_BROKEN);
  });

  it("should say the host breaks its own OpenAPI when only the host's schema rejects the body", async () => {
    withOpenApi();
    const e = await failure(valid);
    expect(e.message).toContain(OWN_OPENAPI_BROKEN);
    expect(e.message).toContain('vendorExtra');
    expect(e.message).not.toContain(`${CONTRACT_DIFFERS}:`);
  });

  it('should report both findings distinctly when both schemas reject', async () => {
    withOpenApi();
    const e = await failure([{ ...valid, schoolReference: { schoolId: 'x' } }]);
    expect(e.message).toContain(OWN_OPENAPI_BROKEN);
    expect(e.message).toContain(CONTRACT_DIFFERS);
    expect(e.message).toContain('$[0].schoolReference.schoolId');
  });
});

describe(compileOpenApiValidators.name, () => {
  it('should find no session validator in a document without edFi_session', () => {
    expect(compileOpenApiValidators({ ...doc, components: { schemas: {} } } as never).session).toBeUndefined();
  });
});
