// The resolved run, handed from the runner (main process) to its own vitest instance's spec
// workers through vitest's provide/inject (src/cli/run.ts provides it, src/runtime/current-run.ts
// reads it). Nothing process-wide carries it, so two runs can proceed in one process. Secrets
// travel in memory only, never on disk.
import type { Profile } from '../requirements/types.js';
import type { SessionRefs } from './refs.js';
import type { Evidence } from './evidence.js';

export type { Evidence } from './evidence.js';
export { quoteEvidence } from './evidence.js';

export type Role = 'readOnly' | 'noSessionsClaim' | 'otherSchool' | 'shortLived';
export const ROLES: readonly Role[] = ['readOnly', 'noSessionsClaim', 'otherSchool', 'shortLived'];

export type CapabilityFlag =
  | 'changeQueries'
  | 'snapshotAbsent'
  | 'snapshotTarget'
  | 'changeQueriesDisabledTarget'
  | 'partitions'
  | 'collectionEtag'
  | 'secondSchool'
  | 'gradingPeriods'
  | 'academicWeeks'
  | 'course'
  | 'writes';

/** What a check may require: a target capability or a configured client role. */
export type Capability = CapabilityFlag | Role;

export interface Credentials {
  key: string;
  secret: string;
}

export interface TargetUrls {
  /** API root, no trailing slash: discovery is GET {root}/. */
  root: string;
  token: string;
  /** Data API root, no trailing slash, e.g. {root}/data/v3. Sessions are {data}/ed-fi/sessions. */
  data: string;
  /** Change-queries root, no trailing slash, when the target has one. */
  changeQueries?: string;
  /** {changeQueries}/availableChangeVersions, when change queries exist. */
  availableChangeVersions?: string;
  /** The resources OpenAPI document (swagger.json) URL, when published. */
  openApi?: string;
}

export interface TargetInfo {
  urls: TargetUrls;
  credentials: Credentials;
}

export interface DiscoveryInfo {
  applicationName?: string;
  version?: string;
  informationalVersion?: string;
  dataModels: Array<{ name: string; version: string }>;
}

export interface RunContext {
  runId: string;
  /** <= 8 chars, embedded in every created sessionName so the run's data is recognisable. */
  runTag: string;
  seed: number;
  /** True when the run started the embedded reference host (no --base-url). */
  embedded?: boolean;
  profile: Profile;
  readOnly: boolean;
  /** --grep: only checks whose stable id, requirement id or title match run (src/runtime/check.ts). */
  grep?: string;
  main: TargetInfo;
  roles: Partial<Record<Role, Credentials>>;
  secondary: {
    snapshot?: TargetInfo;
    changeQueriesDisabled?: TargetInfo;
  };
  capabilities: Record<CapabilityFlag, boolean>;
  /**
   * For each capability the probe decided from the target's answers, the request and answer that
   * decided it (capabilities that come from settings, such as writes or the secondary targets, have
   * none). Skip reasons quote it with quoteEvidence().
   */
  evidence: Partial<Record<CapabilityFlag, Evidence>>;
  refs: SessionRefs;
  discovery: DiscoveryInfo;
  /** maxConcurrency is the whole run's cap; `workers` spec workers share it. */
  settings: { timeoutMs: number; maxConcurrency: number; workers: number };
  /** Run temp dir: ledger, results, the fetched OpenAPI document. */
  runDir: string;
  ledgerPath: string;
  reportDir: string;
  /** Path of the target's own OpenAPI document saved by the probe, when it published one. */
  openApiDocumentPath?: string;
  /**
   * The names of the resources this run checks (src/runtime/resource-selection.ts), in the suite's
   * order; the families and the reports read it. Absent in a run context a test builds by hand.
   */
  resources?: string[];
}

/** The key the runner provides the RunContext under (vitest's ProvidedContext). */
export const RUN_CONTEXT_KEY = 'edfiConformanceRun';

/**
 * One run of a batch (src/cli/batch.ts): its context, and the spec files it would have loaded
 * alone (absolute paths; undefined = every file), since the batch loads the union of them.
 */
export interface BatchRun {
  run: RunContext;
  specFiles?: string[];
}

/** The key a batch's runner provides its runs under (instead of RUN_CONTEXT_KEY). */
export const RUN_BATCH_KEY = 'edfiConformanceBatch';

declare module 'vitest' {
  export interface ProvidedContext {
    edfiConformanceRun: RunContext;
    edfiConformanceBatch: BatchRun[];
  }
}
