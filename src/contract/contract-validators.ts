// Our own session contract (src/contract/session-schema.ts, written from CONTRACT.md §1.2),
// compiled once per worker. That module is written by the generators' side; it is loaded by
// name at run time so the harness still builds while it does not exist yet.
import { createAjv, describeAjvErrors } from './ajv.js';
import type { BodyValidator } from './openapi.js';

interface SessionSchemaModule {
  compileSessionValidators?: (...args: unknown[]) => unknown;
  sessionResponseSchema?: object;
  sessionSchema?: object;
}

let loaded: Promise<BodyValidator | undefined> | undefined;

function fromCompiled(compiled: unknown): BodyValidator | undefined {
  const c = compiled as Record<string, unknown> | undefined;
  const fn = (c?.response ?? c?.validateResponse ?? c?.session) as
    | ((v: unknown) => unknown)
    | undefined;
  if (typeof fn !== 'function') return undefined;
  return (value) => {
    const result = fn(value);
    // Either an Ajv ValidateFunction (boolean + .errors) or a function returning problems.
    if (typeof result === 'boolean') {
      return result ? [] : describeAjvErrors((fn as unknown as { errors?: [] }).errors);
    }
    if (Array.isArray(result)) return result as ReturnType<BodyValidator>;
    return [];
  };
}

/** The validator of a session as returned by GET, per our contract; undefined while the schema module is absent. */
export function contractSessionValidator(): Promise<BodyValidator | undefined> {
  loaded ??= (async () => {
    const specifier = './session-schema.js';
    let mod: SessionSchemaModule;
    try {
      mod = (await import(specifier)) as SessionSchemaModule;
    } catch {
      return undefined;
    }
    if (typeof mod.compileSessionValidators === 'function') {
      const v = fromCompiled(mod.compileSessionValidators(createAjv()));
      if (v) return v;
    }
    const schema = mod.sessionResponseSchema ?? mod.sessionSchema;
    if (!schema) return undefined;
    const validate = createAjv().compile(schema);
    return (value: unknown) => (validate(value) ? [] : describeAjvErrors(validate.errors));
  })();
  return loaded;
}
