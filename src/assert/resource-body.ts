// Validates an item body of any resource the suite knows, twice, as expectSessionBody does for
// sessions: against the committed ODS/API 7.3 contract's schema of the resource, and against the
// target's own OpenAPI document (when it published one with that schema). Sessions keep their own
// validator (our CONTRACT.md schema, src/assert/session-body.ts), so their checks judge exactly as
// before; other resources are judged by the contract's OpenAPI schema.
import type { Exchange } from '../http/exchange.js';
import { ods73Document } from '../contract/contract-sources.js';
import { compileSchemaValidator, isOpenApiDocument, type BodyValidator } from '../contract/openapi.js';
import type { SchemaProblem } from '../contract/ajv.js';
import { readFileSync } from 'node:fs';
import { documentKey } from '../contract/document-key.js';
import type { AnyResourceDescriptor } from '../resources/index.js';
import { currentRun } from '../runtime/current-run.js';
import { checkFailure } from './fail.js';
import { CONTRACT_DIFFERS, expectSessionBody, OWN_OPENAPI_BROKEN } from './session-body.js';

const compiled = new Map<string, BodyValidator | undefined>();

function validatorOf(source: string, schema: string, load: () => unknown): BodyValidator | undefined {
  const key = `${source}\u0000${schema}`;
  if (!compiled.has(key)) {
    const doc = load();
    compiled.set(key, isOpenApiDocument(doc) ? compileSchemaValidator(doc, schema) : undefined);
  }
  return compiled.get(key);
}

/** The target's own document's validator of this schema, when the probe saved one that has it. */
function targetValidator(schema: string): BodyValidator | undefined {
  const path = currentRun()?.openApiDocumentPath;
  // By content: a batch's runs each saved the same document (src/contract/document-key.ts).
  return path ? validatorOf(documentKey(path), schema, () => JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

function isExchange(value: unknown): value is Exchange {
  return !!value && typeof value === 'object' && 'request' in value && 'status' in value && 'text' in value;
}

const lines = (problems: SchemaProblem[]): string[] => problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`);

/** The body (one item, or a list of them) is valid against the resource's schemas; sessions as expectSessionBody. */
export async function expectResourceBody(descriptor: Pick<AnyResourceDescriptor, 'name' | 'schema' | 'title'>, subject: Exchange | unknown): Promise<void> {
  if (descriptor.name === 'sessions') return expectSessionBody(subject);
  const exchange = isExchange(subject) ? subject : undefined;
  const body = exchange ? exchange.json : subject;
  const items = Array.isArray(body) ? body : [body];
  const contract = validatorOf('ods-7.3', descriptor.schema, ods73Document);
  const own = targetValidator(descriptor.schema);
  const contractProblems: SchemaProblem[] = [];
  const ownProblems: SchemaProblem[] = [];
  items.forEach((item, index) => {
    const prefix = Array.isArray(body) ? `[${index}]` : '';
    for (const p of contract?.(item) ?? []) contractProblems.push({ ...p, path: p.path.replace(/^\$/, `$${prefix}`) });
    for (const p of own?.(item) ?? []) ownProblems.push({ ...p, path: p.path.replace(/^\$/, `$${prefix}`) });
  });
  if (!contractProblems.length && !ownProblems.length) return;
  const findings = [...(ownProblems.length ? [OWN_OPENAPI_BROKEN] : []), ...(contractProblems.length ? [CONTRACT_DIFFERS] : [])];
  throw checkFailure(
    `the ${descriptor.title.replace(/^an? /, '')} body is invalid: ${findings.join('; and ')}`,
    {
      expected: `a body valid against ${[ownProblems.length ? `the host's own OpenAPI ${descriptor.schema} schema` : '', contractProblems.length ? `the ODS/API 7.3 contract's ${descriptor.schema} schema` : ''].filter(Boolean).join(' and ')}`,
      observed: [
        ...(ownProblems.length ? [`${OWN_OPENAPI_BROKEN}:`, ...lines(ownProblems)] : []),
        ...(contractProblems.length ? [`${CONTRACT_DIFFERS}:`, ...lines(contractProblems)] : []),
      ].join(' | '),
    },
    exchange,
  );
}

/** The members the contract requires of an item of this resource (its schema's `required`). */
export function requiredMembers(descriptor: Pick<AnyResourceDescriptor, 'schema'>): string[] {
  const schema = ods73Document().components?.schemas?.[descriptor.schema] as { required?: string[] } | undefined;
  return [...(schema?.required ?? [])];
}
