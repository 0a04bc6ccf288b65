// One Ajv configuration for every JSON Schema the harness compiles (config, our session contract,
// the target's OpenAPI). strict:false because OpenAPI 3.0 schemas carry keywords (example, x-…)
// that are not JSON Schema.
import AjvModule, { type Ajv as AjvClass } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS; under NodeNext the class and plugin sit on .default.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

export type AjvInstance = AjvClass;

export function createAjv(options: { allErrors?: boolean; useDefaults?: boolean } = {}): AjvInstance {
  const ajv = new Ajv({ strict: false, allErrors: options.allErrors ?? true, useDefaults: options.useDefaults ?? false });
  addFormats(ajv);
  return ajv;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

export function describeAjvErrors(errors: ReadonlyArray<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    const extra = e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : '';
    return { path: `$${e.instancePath.replace(/\//g, '.')}`, message: `${e.message ?? 'invalid'}${extra}` };
  });
}
