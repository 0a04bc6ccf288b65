// Loads the seeded payload factory. generators/index.ts is DESIGN.md's entry point; until it exists
// the factory module itself is used, so the harness builds and runs either way.
import type { SessionFactory, SessionFactoryOptions } from '../../generators/session-factory.js';

export type { SessionFactory } from '../../generators/session-factory.js';
export type { SessionPayload } from '../../generators/types.js';

export interface GeneratorsModule {
  createSessionFactory(options: SessionFactoryOptions): SessionFactory;
}

let loaded: Promise<GeneratorsModule | undefined> | undefined;

async function tryImport(specifier: string): Promise<GeneratorsModule | undefined> {
  try {
    const mod = (await import(specifier)) as Partial<GeneratorsModule>;
    return typeof mod.createSessionFactory === 'function' ? (mod as GeneratorsModule) : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export function loadGenerators(): Promise<GeneratorsModule | undefined> {
  // Specifiers held in variables: resolved at run time, so a missing index.ts is not a build error.
  const entry = '../../generators/index.js';
  const factory = '../../generators/session-factory.js';
  loaded ??= (async () => (await tryImport(entry)) ?? (await tryImport(factory)))();
  return loaded;
}
