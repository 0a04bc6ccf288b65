// Loads generators/index.ts (the seeded payload factory). Resolved at run time so the harness
// builds while the generators are still being written; the shape below is DESIGN.md's.
import type { SessionRefs } from './refs.js';

export type SessionPayload = Record<string, unknown> & {
  sessionName: string;
  schoolReference: { schoolId: number };
  schoolYearTypeReference: { schoolYear: number };
};

export interface SessionFactory {
  build(refs: SessionRefs, overrides?: Record<string, unknown>): SessionPayload;
  buildMany(refs: SessionRefs, n: number): SessionPayload[];
  [helper: string]: unknown;
}

export interface GeneratorsModule {
  createSessionFactory(options: { seed: number; runTag: string }): SessionFactory;
}

let loaded: Promise<GeneratorsModule | undefined> | undefined;

export function loadGenerators(): Promise<GeneratorsModule | undefined> {
  loaded ??= (async () => {
    const specifier = '../../generators/index.js';
    try {
      return (await import(specifier)) as GeneratorsModule;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
      throw error;
    }
  })();
  return loaded;
}
