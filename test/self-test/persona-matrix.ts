// The persona matrix: one full run (every check) per vendor persona, against a host started with
// the persona's faults (secondary hosts faithful), on the kill matrix's worker pool; each run is
// audited (leftovers, token fragments) and judged by persona-classify.ts. A persona passes when
// all of its verdicts are true about its host.
import { requireFault } from '../../host/faults/index.js';
import { DEFAULT_SEED, type MatrixPlan } from './kill-matrix.js';
import { classifyPersona, problemCounts, type PersonaResult } from './persona-classify.js';
import { personas as allPersonas, type Persona } from './personas.js';
import { runJobs } from './pool.js';
import type { JobResult } from './types.js';
import type { Job } from './worker.js';

export interface PersonaMatrixOptions {
  /** Only these personas (default: all). */
  personaIds?: string[];
  /** Worker processes (default 2, or EDFI_SELF_TEST_PARALLELISM). */
  parallelism?: number;
  seed?: number;
  /** A full run under load takes a minute or two; beyond this it is counted as timed out. */
  jobTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface PersonaMatrixSummary {
  results: PersonaResult[];
  passed: number;
  failed: number;
  wallMs: number;
  seed: number;
}

const JOB_PREFIX = 'persona:';

export function personaJob(persona: Persona, seed: number): Job {
  return { jobId: `${JOB_PREFIX}${persona.id}`, faults: persona.faults, hostOptions: persona.host, audit: true, seed };
}

/** The persona matrix's jobs and how its runs are judged (runPersonaMatrix runs them; npm test shares a pool). */
export function planPersonaMatrix(options: PersonaMatrixOptions = {}): MatrixPlan<PersonaMatrixSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const selected = options.personaIds ? allPersonas.filter((p) => options.personaIds!.includes(p.id)) : allPersonas;
  const unknown = (options.personaIds ?? []).filter((id) => !allPersonas.some((p) => p.id === id));
  if (unknown.length) throw new Error(`Unknown persona '${unknown[0]}'. Known personas: ${allPersonas.map((p) => p.id).join(', ')}.`);
  const seed = options.seed ?? DEFAULT_SEED;
  const timeoutMs = options.jobTimeoutMs ?? 300_000;
  const faultsOf = (p: Persona) => p.faults.map(requireFault);

  let done = 0;
  const onResult = (run: JobResult): void => {
    done += 1;
    const persona = selected.find((p) => `${JOB_PREFIX}${p.id}` === run.jobId)!;
    const r = classifyPersona(persona, faultsOf(persona), run);
    const problems = Object.entries(problemCounts(r)).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`);
    log(`  [persona ${done}/${selected.length}] ${persona.id}: ${r.passed ? 'true verdicts' : `NOT TRUE (${[r.runError, ...problems].filter(Boolean).join(', ')})`} (${r.checks} checks, ${(run.durationMs / 1000).toFixed(1)} s${run.cpuMs !== undefined ? `, CPU ${(run.cpuMs / 1000).toFixed(1)} s` : ''})`);
  };
  const summarize = (runs: JobResult[]): PersonaMatrixSummary => {
    const byJob = new Map(runs.map((r) => [r.jobId, r]));
    const results = selected.map((p) => classifyPersona(p, faultsOf(p), byJob.get(`${JOB_PREFIX}${p.id}`)!));
    const passed = results.filter((r) => r.passed).length;
    return { results, passed, failed: results.length - passed, wallMs: Math.round(performance.now() - started), seed };
  };
  return { jobs: selected.map((p) => ({ ...personaJob(p, seed), timeoutMs })), onResult, summarize };
}

export async function runPersonaMatrix(options: PersonaMatrixOptions = {}): Promise<PersonaMatrixSummary> {
  const plan = planPersonaMatrix(options);
  const parallelism = options.parallelism ?? (Number(process.env.EDFI_SELF_TEST_PARALLELISM) || 2);
  const runs = await runJobs(plan.jobs, parallelism, options.jobTimeoutMs ?? 300_000, (r) => plan.onResult(r));
  return plan.summarize(runs);
}

/** Whether a finished job is one of the persona matrix's. */
export const isPersonaJob = (jobId: string): boolean => jobId.startsWith(JOB_PREFIX);
