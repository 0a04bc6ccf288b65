// Where the run's contract comes from: the committed ODS/API 7.3 copy (src/contract/ods-7.3/, the
// contract the suite judges the resources it covers by), extended with the resources only the
// target's own published OpenAPI document has. Each file is read and indexed once per process.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { Contract, contractFromDocument } from './contract.js';
import { isOpenApiDocument } from './openapi.js';
import { documentKey } from './document-key.js';

export const ODS_73_DOCUMENT = fileURLToPath(new URL('./ods-7.3/resources-openapi.json', import.meta.url));

let committed: Contract | undefined;
let committedDoc: OpenAPIV3.Document | undefined;

/** The committed ODS/API 7.3 document (sessions and courseOfferings). */
export function ods73Document(): OpenAPIV3.Document {
  committedDoc ??= JSON.parse(readFileSync(ODS_73_DOCUMENT, 'utf8')) as OpenAPIV3.Document;
  return committedDoc;
}

/** The contract of the committed ODS/API 7.3 document. */
export function ods73Contract(): Contract {
  committed ??= contractFromDocument(ods73Document(), 'ODS/API 7.3 (committed copy)');
  return committed;
}

const forTarget = new Map<string, Contract>();

/**
 * The run's contract: the committed one, plus the resources only the target's document (saved by
 * the probe; RunContext.openApiDocumentPath) describes. No document, or not an OpenAPI one: the
 * committed contract alone.
 */
export function runContract(targetDocumentPath: string | undefined): Contract {
  if (!targetDocumentPath) return ods73Contract();
  // By content: a batch's runs each saved the same document (src/contract/document-key.ts).
  const key = documentKey(targetDocumentPath);
  let contract = forTarget.get(key);
  if (!contract) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(targetDocumentPath, 'utf8')) as unknown;
    } catch {
      doc = undefined; // unreadable: the committed copy alone labels the exchanges
    }
    contract = isOpenApiDocument(doc) ? ods73Contract().withResourcesFrom(contractFromDocument(doc, "target's OpenAPI")) : ods73Contract();
    forTarget.set(key, contract);
  }
  return contract;
}
