// Baselines (known deviations): a host's accepted failures, each with a reason and an expiry date,
// so a CI gate fails only on what is new. Pure logic: loading and validating a baseline file,
// judging a run's check results against it, and writing one from a finished run. The runner
// (src/cli/run.ts) applies the judgement to the exit code; the summary and reports show it.
//
// Semantics: a failure (fail/error) or warning is *covered* when an unexpired entry names its check
// (or its requirement) and, if the entry gives a cause, the check's cause matches it. A failure
// that matches a check but not the entry's cause is new ("cause changed"); one whose entries all
// expired is new too. An entry whose checks all passed is "fixed" (remove it); one whose checks
// were skipped, blocked or not run is "not observed" — never "fixed", since nothing was shown.
import { readFileSync } from 'node:fs';
import { createAjv } from '../contract/ajv.js';
import { ConfigInvalidError } from '../errors.js';
import type { CheckResult } from '../report/results.js';
import { allRequirements, closest } from '../requirements/index.js';
import schema from './baseline-schema.json' with { type: 'json' };

export interface BaselineEntry {
  check?: string;
  requirement?: string;
  /** Substring of the cause (key, what or observed), or '/regex/flags'. */
  cause?: string;
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  expires: string;
}

export interface BaselineFile {
  createdFrom?: string;
  createdAt?: string;
  description?: string;
  entries: BaselineEntry[];
}

export interface LoadedBaseline {
  /** The path as given (shown in summaries and recorded in the bundle's manifest). */
  path: string;
  entries: BaselineEntry[];
}

export type EntryStatus = 'covers' | 'cause-changed' | 'fixed' | 'not-observed' | 'expired';

export interface EntryReport extends BaselineEntry {
  /** 1-based position in the file, as the error messages and summaries name it. */
  entry: number;
  status: EntryStatus;
  /** The check ids the entry applied to in this run. */
  checks: string[];
}

export type FindingWhy = 'covered' | 'not-in-baseline' | 'cause-changed' | 'entry-expired';

export interface BaselineFinding {
  checkId: string;
  requirementId: string;
  title: string;
  verdict: CheckResult['verdict'];
  /** The check's cause key (or its reason's first line when the result carries no cause). */
  cause?: string;
  why: FindingWhy;
  /** The entry that covered it, or that named it but no longer covers it. */
  entry?: number;
}

export interface BaselineOutcome {
  file: string;
  /** The day expiry was judged against (UTC). */
  evaluatedOn: string;
  entries: EntryReport[];
  covered: BaselineFinding[];
  /** fail/error not covered: these fail the run. */
  newFailures: BaselineFinding[];
  /** warn not covered: reported, never failing (as without a baseline). */
  newWarnings: BaselineFinding[];
}

// Compiled on first use: most runs have no baseline, and the compile is ~0.1 s of every CLI start.
let compiled: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;
const validator = (): NonNullable<typeof compiled> => (compiled ??= createAjv({ allErrors: true }).compile(schema));

/** Reads and validates a baseline file; any problem is one sentence naming the entry and field (exit 2). */
export function loadBaseline(path: string, option = '--baseline'): LoadedBaseline {
  const fail = (what: string): never => {
    throw new ConfigInvalidError([`${option}: ${path}: ${what}`]);
  };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    fail('cannot read the file');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  // A bare array of entries is accepted as shorthand for { entries: [...] }.
  const doc = Array.isArray(parsed) ? { entries: parsed } : parsed;
  if (Array.isArray((doc as { checks?: unknown } | null)?.checks)) {
    fail("this is a run's conformance.json, not a baseline; write one with: edfi-conformance baseline --from <it> --reason … --expires YYYY-MM-DD");
  }
  if (!validator()(doc)) fail(describeFirstError(doc as Partial<BaselineFile>));
  const entries = (doc as BaselineFile).entries;
  const known = allRequirements().map((r) => r.id);
  entries.forEach((e, i) => {
    for (const [field, id] of [['check', e.check?.split('/')[0]], ['requirement', e.requirement]] as const) {
      if (id && !known.includes(id)) {
        const hint = closest(id, known);
        fail(`${entryName(e, i)}: '${field}' names the unknown requirement '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
      }
    }
    if (e.cause) {
      try {
        causePattern(e.cause);
      } catch (error) {
        fail(`${entryName(e, i)}: 'cause' is not a valid regular expression (${(error as Error).message})`);
      }
    }
  });
  return { path, entries };
}

function entryName(e: Partial<BaselineEntry> | undefined, index: number): string {
  const named = e?.check ?? e?.requirement;
  return `entry ${index + 1}${typeof named === 'string' ? ` (${named})` : ''}`;
}

function describeFirstError(doc: Partial<BaselineFile>): string {
  const errors = validator().errors ?? [];
  // An entry missing both ids yields 'required' errors inside the anyOf plus the anyOf itself; keep the anyOf.
  // A misspelt field also shows as a missing one; the unknown name is the more useful sentence.
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors.find((x) => !x.schemaPath.includes('/anyOf/')) ?? errors[0]!;
  const segments = e.instancePath.split('/').slice(1);
  if (segments[0] !== 'entries' || segments.length < 2) {
    if (e.keyword === 'additionalProperties') {
      return `unknown member '${String((e.params as { additionalProperty: string }).additionalProperty)}' (a baseline holds 'entries': [{ check | requirement, cause?, reason, expires }])`;
    }
    return `${segments.length ? `'${segments.join('.')}' ` : ''}${e.message ?? 'is invalid'} (a baseline holds 'entries': [{ check | requirement, cause?, reason, expires }])`;
  }
  const index = Number(segments[1]);
  const entry = doc.entries?.[index];
  const where = entryName(entry, index);
  const params = (e.params ?? {}) as Record<string, unknown>;
  if (e.keyword === 'anyOf') return `${where}: needs a 'check' (check id) or a 'requirement' (requirement id)`;
  if (e.keyword === 'required') return `${where}: '${String(params.missingProperty)}' is required`;
  if ('additionalProperty' in params) {
    const name = String(params.additionalProperty);
    const hint = closest(name, Object.keys(schema.definitions.entry.properties));
    return `${where}: unknown field '${name}'${hint ? ` (did you mean '${hint}'?)` : ' (fields: check, requirement, cause, reason, expires)'}`;
  }
  const field = segments[2] ?? '';
  const value = field ? (entry as Record<string, unknown> | undefined)?.[field] : undefined;
  const got = value === undefined || typeof value === 'object' ? '' : ` (got ${JSON.stringify(value)})`;
  const rule =
    field === 'expires' ? "must be a date 'YYYY-MM-DD'"
    : field === 'check' && e.keyword === 'pattern' ? "must be a check id 'REQUIREMENT-ID/scenario-slug'"
    : field === 'requirement' && e.keyword === 'pattern' ? "must be a requirement id such as 'SES-PUT-412-STALE'"
    : e.message ?? 'is invalid';
  return field ? `${where}: '${field}' ${rule}${got}` : `${where}: ${rule}`;
}

/** '/re/flags' is a regular expression; anything else is a plain substring. */
function causePattern(cause: string): (text: string) => boolean {
  const re = /^\/(.+)\/([dgimsuy]*)$/s.exec(cause);
  if (re) {
    const regex = new RegExp(re[1]!, re[2]!.replace('g', ''));
    return (text) => regex.test(text);
  }
  return (text) => text.includes(cause);
}

const BAD = new Set<CheckResult['verdict']>(['fail', 'error', 'warn']);

function applies(e: BaselineEntry, c: CheckResult): boolean {
  return e.check !== undefined ? e.check === c.checkId : e.requirement === c.requirementId;
}

function causeTexts(c: CheckResult): string[] {
  if (c.cause) return [c.cause.key, c.cause.what, c.cause.observed];
  // Results without a normalised cause: the reason stands in (less stable, but still matchable).
  return [c.reason ?? '', ...c.errors];
}

function causeMatches(e: BaselineEntry, c: CheckResult): boolean {
  if (!e.cause) return true;
  const test = causePattern(e.cause);
  return causeTexts(c).some((t) => t && test(t));
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(e: BaselineEntry, today: string): boolean {
  return e.expires < today;
}

/** Judges a run's results against a baseline. `today` (YYYY-MM-DD) is injectable for tests. */
export function evaluateBaseline(baseline: LoadedBaseline, checks: readonly CheckResult[], today = todayUtc()): BaselineOutcome {
  const outcome: BaselineOutcome = { file: baseline.path, evaluatedOn: today, entries: [], covered: [], newFailures: [], newWarnings: [] };
  const coveredBy = new Map<number, number>(); // entry index → checks covered
  const mismatchedBy = new Set<number>();
  for (const c of checks) {
    if (!BAD.has(c.verdict)) continue;
    const named = baseline.entries.map((e, i) => ({ e, i })).filter(({ e }) => applies(e, c));
    const active = named.filter(({ e }) => !isExpired(e, today));
    const covering = active.filter(({ e }) => causeMatches(e, c));
    for (const { i } of covering) coveredBy.set(i, (coveredBy.get(i) ?? 0) + 1);
    for (const { i } of active) if (!covering.some((x) => x.i === i)) mismatchedBy.add(i);
    const why: FindingWhy = covering.length ? 'covered' : active.length ? 'cause-changed' : named.length ? 'entry-expired' : 'not-in-baseline';
    const entry = (covering[0] ?? active[0] ?? named[0])?.i;
    const finding: BaselineFinding = {
      checkId: c.checkId,
      requirementId: c.requirementId,
      title: c.title,
      verdict: c.verdict,
      ...(c.cause ? { cause: c.cause.key } : c.reason ? { cause: c.reason.split('\n')[0] } : {}),
      why,
      ...(entry !== undefined ? { entry: entry + 1 } : {}),
    };
    if (why === 'covered') outcome.covered.push(finding);
    else if (c.verdict === 'warn') outcome.newWarnings.push(finding);
    else outcome.newFailures.push(finding);
  }
  baseline.entries.forEach((e, i) => {
    const applied = checks.filter((c) => applies(e, c));
    const status: EntryStatus = isExpired(e, today)
      ? 'expired'
      : coveredBy.has(i)
        ? 'covers'
        : mismatchedBy.has(i)
          ? 'cause-changed'
          : applied.length && applied.every((c) => c.verdict === 'pass')
            ? 'fixed'
            : 'not-observed';
    outcome.entries.push({ ...e, entry: i + 1, status, checks: applied.map((c) => c.checkId) });
  });
  return outcome;
}

/** A baseline accepting every failure and warning of a run as it stands (`edfi-conformance baseline`). */
export function baselineFromChecks(checks: readonly CheckResult[], input: { reason: string; expires: string; createdFrom?: string; now?: Date }): BaselineFile {
  const entries = checks
    .filter((c) => BAD.has(c.verdict))
    .map((c): BaselineEntry => ({ check: c.checkId, ...(c.cause ? { cause: c.cause.key } : {}), reason: input.reason, expires: input.expires }));
  return {
    ...(input.createdFrom ? { createdFrom: input.createdFrom } : {}),
    createdAt: (input.now ?? new Date()).toISOString(),
    entries,
  };
}
