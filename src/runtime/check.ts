// check(): registers one vitest test per (requirement, scenario) and applies the verdict rules:
// MUST failures fail; SHOULD/MAY failures pass with a warning; a missing capability, role or
// profile skips with the reason. Meta (task.meta) and Allure labels carry the requirement.
import { createHash } from 'node:crypto';
import * as allure from 'allure-js-commons';
import { resolve } from 'node:path';
import { test, type TestContext } from 'vitest';
import { getCurrentSuite } from 'vitest/suite';
import { Ledger } from '../fixtures/ledger.js';
import { redactError, redactText } from '../report/redact.js';
import { requirementById } from '../requirements/index.js';
import type { Profile, Requirement } from '../requirements/types.js';
import { type CheckMeta, type CheckState, runInCheck } from './check-state.js';
import { RunInterruptedError, untilInterrupted } from './interrupt.js';
import { cleanupCreated } from './cleanup.js';
import { checkIdOf, scenarioTitle } from './check-id.js';
import { causeOf } from './cause.js';
import { causeLabel } from '../report/allure-setup.js';
import { CheckFailedError } from '../errors.js';
import { buildContext, type CheckContext } from './context.js';
import type { ObservedCheck } from './exchange-observer.js';
import { Differences, valueUnder } from '../profiles/register.js';
import { quoteEvidence } from './evidence.js';
import { batchRuns, currentRun, loadRunContext } from './current-run.js';
import { ROLES, type Capability, type CapabilityFlag, type RunContext, type Role } from './run-context.js';
import { deriveSeed } from './seed.js';

export interface CheckOptions {
  requires?: Capability[];
  /** Run only under these profiles; skipped (with the reason) under the others. */
  profiles?: Profile[];
  timeout?: number;
  /** A stable key for data-driven scenarios (an invalid case's id); the check id uses it instead of the title. */
  key?: string;
}

const SEVERITY = { MUST: 'critical', SHOULD: 'normal', MAY: 'minor' } as const;

const CAPABILITY_REASONS: Record<string, string> = {
  changeQueries: 'the target has change queries switched off (the documented answer: 404)',
  snapshotAbsent: 'the target has a snapshot configured, so a Use-Snapshot read does not answer 404',
  snapshotTarget: 'no target with a snapshot is configured (setting snapshotBaseUrl)',
  changeQueriesDisabledTarget: 'no target with change queries disabled is configured (setting changeQueriesDisabledBaseUrl)',
  partitions: 'the target has no /ed-fi/sessions/partitions endpoint (404)',
  collectionEtag: 'the target sends no ETag header on GET-many',
  secondSchool: 'no second school was found or configured (fixtures.otherSchoolId)',
  gradingPeriods: 'the school has no grading periods in the school year',
  academicWeeks: 'the school has no academic weeks',
  course: 'the target has no course to offer (fixtures: course)',
  writes: 'the run is read-only (--read-only)',
};

/**
 * Whether a host may lack this capability under the profile. Partitions are part of the ODS/API
 * 7.3 and DMS contracts (no switch turns them off), so their absence there is a failure of the
 * partitions checks, not a reason to skip them (profile register: partitions-endpoint).
 */
function optionalUnder(capability: string, profile: Profile): boolean {
  if (capability === 'partitions') return valueUnder(Differences.partitionsEndpoint, profile) === 'optional';
  return true;
}

/** Why a check cannot run here, and what it lacks (a capability, a role, `writes`). */
export interface Missing {
  reason: string;
  lacks: string;
}

export function missingCapability(run: RunContext, requires: readonly Capability[] = []): Missing | undefined {
  for (const need of requires) {
    if ((ROLES as readonly string[]).includes(need)) {
      if (!run.roles[need as Role]) return { reason: `no ${need} client is configured (setting roles.${need})`, lacks: need };
    } else if (need === 'writes') {
      if (run.readOnly) return { reason: CAPABILITY_REASONS.writes!, lacks: need };
    } else if (!run.capabilities[need as keyof RunContext['capabilities']] && optionalUnder(need, run.profile)) {
      const base = CAPABILITY_REASONS[need] ?? `the target lacks ${need}`;
      // The probe's own observation, quoted, so the reason says what the host answered.
      const evidence = evidenceText(run, need);
      return { reason: evidence ? `${base}: ${evidence}` : base, lacks: need };
    }
  }
  return undefined;
}

/** The probe's recorded request and answer for a capability, as one line (src/target/probe.ts). */
function evidenceText(run: RunContext, capability: string): string | undefined {
  const e = run.evidence?.[capability as CapabilityFlag];
  return e ? quoteEvidence(e) : undefined;
}

/** The run's --grep, when the specs are being collected by the runner (undefined in unit tests). */
function collectionGrep(): string | undefined {
  return currentRun()?.grep;
}

/** A --grep pattern selects a check by its stable id, requirement id or title. */
export function selectedByGrep(grep: string | undefined, checkId: string, requirementId: string, title: string): boolean {
  if (!grep) return true;
  let pattern: RegExp;
  try {
    pattern = new RegExp(grep);
  } catch {
    return [checkId, requirementId, title].some((s) => s.includes(grep));
  }
  return [checkId, requirementId, title, `[${requirementId}] ${title}`].some((s) => pattern.test(s));
}

function stableId(...parts: string[]): string {
  return createHash('md5').update(parts.join('\u0000')).digest('hex');
}

async function label(requirement: Requirement, checkId: string, profile: Profile): Promise<void> {
  await allure.epic(requirement.area);
  await allure.feature(requirement.operation);
  await allure.story(requirement.id);
  await allure.severity(SEVERITY[requirement.level]);
  await allure.label('requirement', requirement.id);
  await allure.label('level', requirement.level);
  await allure.tag(profile);
  await allure.label('checkId', checkId);
  // History and test-case identity follow the stable check id, never the title's wording.
  await allure.historyId(stableId(checkId));
  await allure.testCaseId(stableId(checkId));
  await allure.description(`**${requirement.level}** ${requirement.statement}\n\nSource: ${requirement.source}`);
}

function isCheckFailure(error: unknown): boolean {
  const e = error as { code?: string; name?: string } | undefined;
  return e?.code === 'CT_ERR_CHECK_FAILED' || e?.name === 'AssertionError';
}

/** A failure inside an arrange step that speaks for another requirement: the check is blocked by it. */
function blockerOf(error: unknown, own: string): string | undefined {
  if (!(error instanceof CheckFailedError) || !error.arrange) return undefined;
  const by = error.arrange.evidences ?? `set-up step '${error.arrange.step}'`;
  return by === own ? undefined : by;
}

/** First line of a failure's message without its leading [ID]. */
function headline(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.replace(/^\[[^\]]+\]\s*/, '');
}

/**
 * Calls into vitest's test context where the test may already be over: after a cancel vitest
 * refuses annotations and skips of a test it has ended ("outside of the test run"). A skip's own
 * signal (it throws to end the test) passes through.
 */
function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && /outside of the test run/i.test(error.message)) return;
    throw error;
  }
}

/** The spec file being collected (absolute path), when vitest says. */
function collectingFile(): string | undefined {
  try {
    const path = getCurrentSuite().file?.filepath;
    return path ? resolve(path) : undefined;
  } catch {
    return undefined;
  }
}

export function check(requirementId: string, title: string, fn: (t: CheckContext) => Promise<void> | void, options: CheckOptions = {}): void {
  // Throws at collection time: a spec citing an unknown id fails to load.
  const requirement = requirementById(requirementId);
  const checkId = checkIdOf(requirement.id, title, options.key);
  const batch = batchRuns();
  if (!batch) {
    // The requirement id lives in task.meta, not in the test name; --grep selects on id or title.
    const selected = selectedByGrep(collectionGrep(), checkId, requirement.id, title);
    (selected ? test : test.skip)(title, { timeout: options.timeout }, checkBody(requirement, title, checkId, fn, options, loadRunContext));
    return;
  }
  // A batch (src/cli/batch.ts) loads the union of its runs' spec files: a run takes the check when
  // it would have alone (the file is one of its own, and its --grep selects the check). The test
  // name carries the run's tag so the runs' tests stay apart; ids and titles are a single run's.
  const file = collectingFile();
  let taken = false;
  for (const { run, specFiles } of batch) {
    if (specFiles && (!file || !specFiles.includes(file))) continue;
    if (!selectedByGrep(run.grep, checkId, requirement.id, title)) continue;
    taken = true;
    test(`${title} (${run.runTag})`, { timeout: options.timeout }, checkBody(requirement, title, checkId, fn, options, () => run, true));
  }
  // As a single run shows a check its --grep leaves out (and a file keeps at least one test).
  if (!taken) test.skip(title, () => undefined);
}

/** The test body of a check for the run `runOf` gives; `tagged` marks its results with the run (a batch). */
function checkBody(
  requirement: Requirement,
  title: string,
  checkId: string,
  fn: (t: CheckContext) => Promise<void> | void,
  options: CheckOptions,
  runOf: () => RunContext,
  tagged = false,
): (vt: TestContext) => Promise<void> {
  return async (vt: TestContext) => {
    const run = runOf();
    const seed = deriveSeed(run.seed, requirement.id, title);
    const meta: CheckMeta = {
      checkId,
      requirementId: requirement.id,
      title: scenarioTitle(title),
      level: requirement.level,
      area: requirement.area,
      operation: requirement.operation,
      verdict: 'pass',
      elicited: [],
      requests: 0,
      seed,
    };
    const state: CheckState = {
      requirement,
      title,
      meta,
      exchanges: [],
      // Against another target the replay needs the same target settings (--base-url or --config).
      replay: `npm run conformance -- --seed ${run.seed} --grep '${checkId}'${run.embedded ? '' : ' (plus your --base-url/--config)'}`,
      run,
    };
    const publish = (): void => void Object.assign(vt.task.meta, meta, tagged ? { runId: run.runId } : {});
    publish();
    await label(requirement, checkId, run.profile);

    const skip = (why: string, lacks?: string): never => {
      const reason = redactText(why); // a reason may quote what the host answered
      meta.verdict = 'skip';
      meta.reason = reason;
      if (lacks) meta.skippedFor = lacks;
      publish();
      void allure.label('skipReason', reason);
      void allure.description(`**Skipped:** ${reason}\n\n**${requirement.level}** ${requirement.statement}\n\nSource: ${requirement.source}`);
      return vt.skip(reason) as never;
    };

    const profiles = options.profiles ?? requirement.profiles;
    if (profiles && requirement.difference) (meta.decidedBy ??= []).push(requirement.difference);
    if (profiles && !profiles.includes(run.profile)) {
      skip(`applies to profile ${profiles.join(', ')} only; this run is ${run.profile}${requirement.difference ? ` (profile register: ${requirement.difference})` : ''}`, `profile:${run.profile}`);
    }
    const missing = missingCapability(run, options.requires);
    if (missing) skip(missing.reason, missing.lacks);

    const observed: ObservedCheck = { state, ledger: new Ledger(run.ledgerPath), created: [], deleted: [], notes: [] };
    let interrupted = false;
    try {
      await runInCheck(state, async () => {
        const t = await buildContext(run, observed, seed, skip);
        // Ctrl-C stops the check at once (src/runtime/interrupt.ts), even one vitest lost track of.
        await untilInterrupted(run.runId, Promise.resolve(fn(t)));
      });
    } catch (error) {
      // Before any reporter (JUnit, Allure, the results collector) sees the message or stack.
      redactError(error);
      if (meta.verdict === 'skip') throw error;
      if (error instanceof RunInterruptedError) {
        // Not a verdict on the target: the check did not get to its end. Shown as skipped, like
        // the checks vitest's own cancel stops; vitest may already count it as ended.
        interrupted = true;
        meta.verdict = 'skip';
        meta.reason = 'the run was interrupted before this check ended';
        meta.skippedFor = 'interrupted';
        publish();
        return quietly(() => vt.skip(meta.reason));
      }
      const failure = error instanceof CheckFailedError ? error : undefined;
      const blocker = blockerOf(error, requirement.id);
      if (failure) meta.cause = causeOf(blocker ?? requirement.id, failure.what, failure.actual ?? '', [run.runTag]);
      // Allure's categories group results by this label (src/report/allure-setup.ts).
      if (meta.cause) await allure.label('cause', causeLabel(meta.cause));
      if (blocker) {
        // The arrange part failed on another requirement: nothing is known about this one.
        meta.verdict = 'blocked';
        meta.blockedBy = blocker;
        meta.reason = `blocked by ${blocker}: ${headline(error)}${failure?.actual ? ` — observed ${failure.actual}` : ''}`;
        await allure.label('verdict', 'blocked');
        await allure.label('blockedBy', blocker);
        await allure.tag('blocked');
        publish();
        return vt.skip(meta.reason) as never;
      }
      if (isCheckFailure(error) && requirement.level !== 'MUST') {
        meta.verdict = 'warn';
        meta.reason = (error as Error).message;
        await vt.annotate(`${requirement.level} not met: ${(error as Error).message}`, 'warning');
        await allure.label('verdict', 'warn');
        await allure.tag('warning');
      } else {
        meta.verdict = isCheckFailure(error) ? 'fail' : 'error';
        meta.reason = (error as Error)?.message;
        throw error;
      }
    } finally {
      if (interrupted) {
        // The runner sweeps the ledger next: the check's own clean-up would only delay the stop.
        publish();
      } else {
        if (observed.notes.length) await vt.annotate(observed.notes.join('\n'), 'notice');
        const problems = await cleanupCreated(run, observed);
        if (problems.length) await vt.annotate(redactText(`cleanup left resources for the final sweep: ${problems.join('; ')}`), 'warning');
        publish();
      }
    }
  };
}
