// check(): registers one vitest test per (requirement, scenario) and applies the verdict rules:
// MUST failures fail; SHOULD/MAY failures pass with a warning; a missing capability, role or
// profile skips with the reason. Meta (task.meta) and Allure labels carry the requirement.
import { createHash } from 'node:crypto';
import * as allure from 'allure-js-commons';
import { test, type TestContext } from 'vitest';
import { Ledger } from '../fixtures/ledger.js';
import { requirementById } from '../requirements/index.js';
import type { Profile, Requirement } from '../requirements/types.js';
import { type CheckMeta, type CheckState, runInCheck } from './check-state.js';
import { cleanupCreated } from './cleanup.js';
import { checkIdOf, scenarioTitle } from './check-id.js';
import { buildContext, type CheckContext } from './context.js';
import type { ObservedCheck } from './exchange-observer.js';
import { loadRunContext, ROLES, type Capability, type RunContext, type Role } from './run-context.js';
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
  changeQueries: 'the target has no change queries (availableChangeVersions did not answer 200)',
  snapshotAbsent: 'the target has a snapshot configured, so a Use-Snapshot read does not answer 404',
  snapshotTarget: 'no target with a snapshot is configured (setting snapshotBaseUrl)',
  changeQueriesDisabledTarget: 'no target with change queries disabled is configured (setting changeQueriesDisabledBaseUrl)',
  partitions: 'the target has no /ed-fi/sessions/partitions endpoint',
  collectionEtag: 'the target sends no ETag header on GET-many',
  secondSchool: 'no second school was found or configured (fixtures.otherSchoolId)',
  gradingPeriods: 'the school has no grading periods in the school year',
  academicWeeks: 'the school has no academic weeks',
  course: 'the target has no course to offer (fixtures: course)',
  writes: 'the run is read-only (--read-only)',
};

export function missingCapability(run: RunContext, requires: readonly Capability[] = []): string | undefined {
  for (const need of requires) {
    if ((ROLES as readonly string[]).includes(need)) {
      if (!run.roles[need as Role]) return `no ${need} client is configured (setting roles.${need})`;
    } else if (need === 'writes') {
      if (run.readOnly) return CAPABILITY_REASONS.writes;
    } else if (!run.capabilities[need as keyof RunContext['capabilities']]) {
      return CAPABILITY_REASONS[need] ?? `the target lacks ${need}`;
    }
  }
  return undefined;
}

function stableId(...parts: string[]): string {
  return createHash('md5').update(parts.join('\u0000')).digest('hex');
}

async function label(requirement: Requirement, title: string, profile: Profile): Promise<void> {
  await allure.epic(requirement.area);
  await allure.feature(requirement.operation);
  await allure.story(requirement.id);
  await allure.severity(SEVERITY[requirement.level]);
  await allure.label('requirement', requirement.id);
  await allure.label('level', requirement.level);
  await allure.tag(profile);
  await allure.historyId(stableId(requirement.id, title));
  await allure.testCaseId(stableId(requirement.id, title));
  await allure.description(`**${requirement.level}** ${requirement.statement}\n\nSource: ${requirement.source}`);
}

function isCheckFailure(error: unknown): boolean {
  const e = error as { code?: string; name?: string } | undefined;
  return e?.code === 'CT_ERR_CHECK_FAILED' || e?.name === 'AssertionError';
}

export function check(requirementId: string, title: string, fn: (t: CheckContext) => Promise<void> | void, options: CheckOptions = {}): void {
  // Throws at collection time: a spec citing an unknown id fails to load.
  const requirement = requirementById(requirementId);
  const fullTitle = `[${requirement.id}] ${title}`;

  test(fullTitle, { timeout: options.timeout }, async (vt: TestContext) => {
    const run = loadRunContext();
    const seed = deriveSeed(run.seed, requirement.id, title);
    const meta: CheckMeta = {
      checkId: checkIdOf(requirement.id, title, options.key),
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
      replay: `npm run conformance -- --seed ${run.seed} --grep ${requirement.id}${run.embedded ? '' : ' (plus your --base-url/--config)'}`,
    };
    const publish = (): void => void Object.assign(vt.task.meta, meta);
    publish();
    await label(requirement, title, run.profile);

    const skip = (reason: string): never => {
      meta.verdict = 'skip';
      meta.reason = reason;
      publish();
      void allure.label('skipReason', reason);
      void allure.description(`**Skipped:** ${reason}\n\n**${requirement.level}** ${requirement.statement}\n\nSource: ${requirement.source}`);
      return vt.skip(reason) as never;
    };

    const profiles = options.profiles ?? requirement.profiles;
    if (profiles && !profiles.includes(run.profile)) skip(`applies to profile ${profiles.join(', ')} only; this run is ${run.profile}`);
    const missing = missingCapability(run, options.requires);
    if (missing) skip(missing);

    const observed: ObservedCheck = { state, ledger: new Ledger(run.ledgerPath), created: [], notes: [] };
    try {
      await runInCheck(state, async () => {
        const t = await buildContext(run, observed, seed, skip);
        await fn(t);
      });
    } catch (error) {
      if (meta.verdict === 'skip') throw error;
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
      if (observed.notes.length) await vt.annotate(observed.notes.join('\n'), 'notice');
      const problems = await cleanupCreated(run, observed);
      if (problems.length) await vt.annotate(`cleanup left resources for the final sweep: ${problems.join('; ')}`, 'warning');
      publish();
    }
  });
}
