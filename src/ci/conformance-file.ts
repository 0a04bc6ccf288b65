// Reading a finished run back from its conformance.json (given as the file or as its report
// directory): what `baseline --from`, `compare`, `bundle` and the step summary work on. Only the
// members these commands use are typed; an unreadable or foreign file is one sentence, exit 2.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputUnreadableError } from '../errors.js';
import type { QualityGateOutcome } from '../report/html.js';
import type { CheckResult } from '../report/results.js';
import type { BaselineOutcome } from './baseline.js';
import type { RunIdentity } from './run-identity.js';

export const CONFORMANCE_JSON = 'conformance.json';

/** The members of conformance.json the CI commands read (src/cli/reports.ts writes it). */
export interface ConformanceDocument {
  generatedAt?: string;
  target?: string;
  profile?: string;
  seed?: number;
  run?: RunIdentity;
  checks: CheckResult[];
  /** `resource`: the requirement's resource, null for an API-wide one; absent in files written before reports were per resource. */
  requirements?: Array<{ id: string; level?: string; status?: string; resource?: string | null }>;
  qualityGate?: QualityGateOutcome;
  sweep?: { failures?: string[] };
  suiteErrors?: string[];
  baseline?: BaselineOutcome;
}

/** The conformance.json a path names: the file itself, or the one in a report directory. */
export function conformancePath(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, CONFORMANCE_JSON) : path;
}

export function readConformance(path: string): ConformanceDocument {
  const file = conformancePath(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputUnreadableError(`Cannot read ${file}; give a conformance.json or the report directory that holds one.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputUnreadableError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  const checks = (doc as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks) || checks.some((c) => !c || typeof c !== 'object' || typeof (c as CheckResult).verdict !== 'string' || typeof (c as CheckResult).requirementId !== 'string')) {
    throw new InputUnreadableError(`${file} is not a conformance.json written by edfi-conformance (no 'checks' array of check results).`);
  }
  // Results written before stable ids existed: the requirement id and title stand in.
  for (const c of checks as CheckResult[]) c.checkId ??= `${c.requirementId}/${c.title ?? ''}`;
  return doc as ConformanceDocument;
}

/** The run's identity, or what older files hold at the top level. */
export function identityOf(doc: ConformanceDocument): Partial<RunIdentity> {
  return doc.run ?? { target: doc.target, profile: doc.profile, seed: doc.seed, finishedAt: doc.generatedAt };
}
