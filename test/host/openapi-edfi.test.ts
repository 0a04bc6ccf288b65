// The host's session bodies against Ed-Fi's own edFi_session schema (issue 2 acceptance), taken
// from ../shared/contract/openapi (the reconstructed v7.3 fragment). Skipped, with a message, when
// ../shared is not present: the project must not depend on it otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, startTestHost } from './host-fixture.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fragmentPath = path.resolve(repoRoot, '../shared/contract/openapi/openapi-v7.3-sessions-fragment.RECONSTRUCTED.json');
const sharedPresent = existsSync(fragmentPath);
if (!sharedPresent) console.warn(`[openapi-edfi] skipped: ${fragmentPath} not found (../shared is absent)`);

// ajv and ajv-formats are CommonJS; under NodeNext the class and plugin sit on .default.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function sessionValidator() {
  const document = JSON.parse(readFileSync(fragmentPath, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'edfi-openapi', components: document.components }, 'edfi-openapi');
  return ajv.compile({ $ref: 'edfi-openapi#/components/schemas/edFi_session' });
}

describe.skipIf(!sharedPresent)('session bodies against Ed-Fi edFi_session', () => {
  let t: TestHost;
  let validate: ReturnType<typeof sessionValidator>;
  beforeAll(async () => {
    validate = sessionValidator();
    t = await startTestHost();
  });
  afterAll(async () => t?.stop());

  it('validates a GET-by-id body (with children and links)', async () => {
    const created = await createSession(t);
    const body = (await t.api({ path: created.path })).json;
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has a live validator: a tampered body fails', async () => {
    const created = await createSession(t);
    const body = (await t.api({ path: created.path })).json;
    body.totalInstructionalDays = 'many';
    body.sessionName = 'x'.repeat(61);
    expect(validate(body)).toBe(false);
  });

  it('validates every item of a GET-many page', async () => {
    await createSession(t);
    const reply = await t.api({ path: `${SESSIONS}?limit=25` });
    expect(reply.status).toBe(200);
    expect(reply.json.length).toBeGreaterThan(0);
    for (const item of reply.json) expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
  });
});
