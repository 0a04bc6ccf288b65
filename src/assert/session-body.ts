// Validates a session body twice: against our reading of the Ed-Fi contract, and against the
// target's own OpenAPI document. The two disagreements are different findings and are reported
// with different wording.
import type { Exchange } from '../http/exchange.js';
import { contractSessionValidator } from '../contract/contract-validators.js';
import { openApiValidatorsFromFile } from '../contract/openapi.js';
import type { SchemaProblem } from '../contract/ajv.js';
import { currentRun } from '../runtime/current-run.js';
import { checkFailure } from './fail.js';

export const OWN_OPENAPI_BROKEN = 'host breaks its own OpenAPI document';
export const CONTRACT_DIFFERS = 'host differs from the Ed-Fi contract';

function isExchange(value: unknown): value is Exchange {
  return !!value && typeof value === 'object' && 'request' in value && 'status' in value && 'text' in value;
}

function lines(problems: SchemaProblem[]): string[] {
  return problems.slice(0, 10).map((p) => `${p.path}: ${p.message}`);
}

export async function expectSessionBody(subject: Exchange | unknown): Promise<void> {
  const exchange = isExchange(subject) ? subject : undefined;
  const body = exchange ? exchange.json : subject;
  const items = Array.isArray(body) ? body : [body];

  const contract = contractSessionValidator();
  const run = currentRun();
  const openApi = run ? openApiValidatorsFromFile(run.openApiDocumentPath).session : undefined;

  const contractProblems: SchemaProblem[] = [];
  const openApiProblems: SchemaProblem[] = [];
  items.forEach((item, index) => {
    const prefix = Array.isArray(body) ? `[${index}]` : '';
    for (const p of contract?.(item) ?? []) contractProblems.push({ ...p, path: p.path.replace(/^\$/, `$${prefix}`) });
    for (const p of openApi?.(item) ?? []) openApiProblems.push({ ...p, path: p.path.replace(/^\$/, `$${prefix}`) });
  });
  if (!contractProblems.length && !openApiProblems.length) return;

  const findings: string[] = [];
  if (openApiProblems.length) findings.push(OWN_OPENAPI_BROKEN);
  if (contractProblems.length) findings.push(CONTRACT_DIFFERS);
  throw checkFailure(
    `the session body is invalid: ${findings.join('; and ')}`,
    {
      expected: 'a body valid against ' + [openApiProblems.length ? "the host's own OpenAPI edFi_session schema" : '', contractProblems.length ? 'the Ed-Fi contract session schema' : ''].filter(Boolean).join(' and '),
      observed: [
        ...(openApiProblems.length ? [`${OWN_OPENAPI_BROKEN}:`, ...lines(openApiProblems)] : []),
        ...(contractProblems.length ? [`${CONTRACT_DIFFERS}:`, ...lines(contractProblems)] : []),
      ].join(' | '),
    },
    exchange,
  );
}
