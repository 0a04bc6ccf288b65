// Our own session contract (src/contract/session-schema.ts, written from CONTRACT.md §1.2) as the
// checks use it: the response validator, compiled once per worker when first used.
import { compileSessionResponseValidator } from './session-schema.js';
import { describeAjvErrors } from './ajv.js';
import type { BodyValidator } from './openapi.js';

let response: ReturnType<typeof compileSessionResponseValidator> | undefined;

/** The validator of one session as returned by GET, per our contract. */
export function contractSessionValidator(): BodyValidator {
  const validate = (response ??= compileSessionResponseValidator());
  return (value) => (validate(value) ? [] : describeAjvErrors(validate.errors));
}
