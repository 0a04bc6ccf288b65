// Who ran what against which host: the identity a run writes into conformance.json (`run`), so
// that a comparison of two runs, a CI summary and a certification bundle can say which host
// (discovery: application, version, data models), which profile and seed, and which suite version
// and commit produced the results, without the run context (which holds credentials).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscoveryInfo } from '../runtime/run-context.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SuiteIdentity {
  name: string;
  version: string;
  /** `git rev-parse HEAD` of the suite's checkout; absent outside a git checkout. */
  commit?: string;
}

export interface RunIdentity {
  /** The API root the run checked (the embedded host's is a loopback URL). */
  target: string;
  embedded: boolean;
  /** What the host's discovery document says about itself. */
  host: {
    applicationName?: string;
    version?: string;
    informationalVersion?: string;
    dataModels: Array<{ name: string; version: string }>;
  };
  profile: string;
  seed: number;
  readOnly: boolean;
  /** Present when the run was narrowed with --grep (its results then cover fewer checks). */
  grep?: string;
  /** The resources the run checked (--resource or the default); absent in files written before it was recorded. */
  resources?: string[];
  suite: SuiteIdentity;
  startedAt: string;
  finishedAt: string;
}

let cachedSuite: SuiteIdentity | undefined;

/** The suite's name and version (package.json) and commit. Git missing or no checkout: no commit, no error. */
export function suiteIdentity(): SuiteIdentity {
  if (cachedSuite) return cachedSuite;
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 }).toString().trim() || undefined;
  } catch {
    // Not a checkout (an npm tarball), or no git on the PATH: the version alone identifies the suite.
  }
  cachedSuite = { name: pkg.name, version: pkg.version, ...(commit ? { commit } : {}) };
  return cachedSuite;
}

export function buildRunIdentity(input: {
  target: string;
  embedded: boolean;
  discovery: DiscoveryInfo;
  profile: string;
  seed: number;
  readOnly: boolean;
  grep?: string;
  resources?: readonly string[];
  startedAt: Date;
  finishedAt: Date;
}): RunIdentity {
  const d = input.discovery;
  return {
    target: input.target,
    embedded: input.embedded,
    host: {
      ...(d.applicationName ? { applicationName: d.applicationName } : {}),
      ...(d.version ? { version: d.version } : {}),
      ...(d.informationalVersion ? { informationalVersion: d.informationalVersion } : {}),
      dataModels: d.dataModels ?? [],
    },
    profile: input.profile,
    seed: input.seed,
    readOnly: input.readOnly,
    ...(input.grep ? { grep: input.grep } : {}),
    ...(input.resources ? { resources: [...input.resources] } : {}),
    suite: suiteIdentity(),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
  };
}

/** 'Ed-Fi ODS / API 7.3.1 (Ed-Fi 5.2.0)' — one line for tables and summaries. */
export function describeHost(identity: Pick<RunIdentity, 'host' | 'target'> | undefined): string {
  if (!identity) return 'unknown';
  const h = identity.host;
  const name = [h.applicationName, h.version].filter(Boolean).join(' ') || identity.target;
  const models = h.dataModels.map((m) => `${m.name} ${m.version}`).join(', ');
  return models ? `${name} (${models})` : name;
}
