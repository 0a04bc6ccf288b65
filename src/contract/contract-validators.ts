// Our own session contract (src/contract/session-schema.ts, written from CONTRACT.md §1.2),
// compiled once per worker.
import { compileSessionValidators, type SessionValidators } from './session-schema.js';
import { describeAjvErrors } from './ajv.js';
import type { BodyValidator } from './openapi.js';

let compiled: SessionValidators | undefined;

export function contractValidators(): SessionValidators {
  compiled ??= compileSessionValidators();
  return compiled;
}

/** The validator of one session as returned by GET, per our contract. */
export function contractSessionValidator(): BodyValidator {
  const validate = contractValidators().response;
  return (value) => (validate(value) ? [] : describeAjvErrors(validate.errors));
}
