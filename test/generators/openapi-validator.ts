// Compiles the edFi_session schema of the shared v7.3 OpenAPI fragment, when ../shared is present.
// The fragment is reference data beside the repository, so the checks that use it skip without it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OPENAPI_FRAGMENT = path.resolve(repoRoot, '../shared/contract/openapi/openapi-v7.3-sessions-fragment.RECONSTRUCTED.json');
export const openApiAvailable = existsSync(OPENAPI_FRAGMENT);

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export function compileOpenApiSession(): ValidateFunction {
  // strict: false because OpenAPI schemas carry x-Ed-Fi-* and description keywords Ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync(OPENAPI_FRAGMENT, 'utf8')), 'openapi-v7.3');
  return ajv.compile({ $ref: 'openapi-v7.3#/components/schemas/edFi_session' });
}
