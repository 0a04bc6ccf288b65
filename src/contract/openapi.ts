// The target's own OpenAPI document (ODS serves it at {openApiMetadata}/data/v3/resources/swagger.json).
// The probe fetches it once and saves it in the run dir; workers compile the session schemas from
// it here, so a body can be checked against what the host itself promises.
import { readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { createAjv, describeAjvErrors, type SchemaProblem } from './ajv.js';
import { documentKey } from './document-key.js';

export type BodyValidator = (value: unknown) => SchemaProblem[];

const DOC_ID = 'target-openapi.json';

export interface OpenApiValidators {
  /** Validates one edFi_session resource as returned by GET; undefined when the document has no such schema. */
  session?: BodyValidator;
}

export function isOpenApiDocument(value: unknown): value is OpenAPIV3.Document {
  const doc = value as Partial<OpenAPIV3.Document> | undefined;
  return !!doc && typeof doc === 'object' && typeof doc.openapi === 'string' && typeof doc.paths === 'object';
}

/** Finds the session schema whatever the casing the host uses (edFi_session in ODS). */
export function findSessionSchemaName(doc: OpenAPIV3.Document): string | undefined {
  const names = Object.keys(doc.components?.schemas ?? {});
  return names.find((n) => n === 'edFi_session') ?? names.find((n) => n.toLowerCase() === 'edfi_session');
}

/**
 * A validator of one component schema of a document (any resource: 'edFi_courseOffering'), or
 * undefined when the document has no such schema.
 */
export function compileSchemaValidator(doc: OpenAPIV3.Document, schemaName: string): BodyValidator | undefined {
  if (!doc.components?.schemas?.[schemaName]) return undefined;
  const ajv = createAjv();
  // Register only the components: a whole swagger.json has paths Ajv need not see. The $refs in the
  // schemas point at '#/components/schemas/…', which resolve inside this wrapper document.
  ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
  const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/${schemaName}` });
  return (value) => (validate(value) ? [] : describeAjvErrors(validate.errors));
}

export function compileOpenApiValidators(doc: OpenAPIV3.Document): OpenApiValidators {
  const name = findSessionSchemaName(doc);
  const session = name ? compileSchemaValidator(doc, name) : undefined;
  return session ? { session } : {};
}

const cache = new Map<string, OpenApiValidators>();

export function openApiValidatorsFromFile(path: string | undefined): OpenApiValidators {
  if (!path) return {};
  // By content: a batch's runs each saved the same document (src/contract/document-key.ts).
  const key = documentKey(path);
  let validators = cache.get(key);
  if (!validators) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    validators = isOpenApiDocument(doc) ? compileOpenApiValidators(doc) : {};
    cache.set(key, validators);
  }
  return validators;
}
