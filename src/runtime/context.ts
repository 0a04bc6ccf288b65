// The `t` a check receives: clients per role and target, the fixtures, the seeded generator, the
// session helpers and the ledger, steps and skips (docs/DESIGN.md "Harness surface for specs").
import * as allure from 'allure-js-commons';
import { Status } from 'allure-js-commons';
import type { ApiClient } from '../http/api-client.js';
import type { ExclusiveOptions } from '../http/gate.js';
import { HarnessError } from '../errors.js';
import type { LedgerEntry, TargetName } from '../fixtures/ledger.js';
import type { Profile, Requirement } from '../requirements/types.js';
import type { CaseRow } from './check-state.js';
import { workerClients, type WorkerClients } from './clients.js';
import { announceFor, observeFor, type ObservedCheck } from './exchange-observer.js';
import { loadGenerators, type SessionFactory, type GeneratorsModule } from './generators.js';
import type { SessionRefs } from './refs.js';
import type { CapabilityFlag, DiscoveryInfo, Role, RunContext, TargetUrls } from './run-context.js';
import { OFFERING_SET_UP, sessionHelpers, type SessionHelpers } from './session-helpers.js';
import { resourceClients, type ResourceClient, type ResourceClientDeps } from './resource-client.js';
import type { ResourceName } from '../resources/index.js';
import { inArrange } from './arrange.js';
import { setUpClient, setUpStep } from './set-up-resource.js';
import { resourceByName } from '../resources/index.js';
import { valueUnder, type ProfileDifference } from '../profiles/register.js';

export interface TargetView {
  urls: TargetUrls;
  /** The main client's key and secret, for checks of the token endpoint. In memory only; redacted everywhere. */
  credentials: { key: string; secret: string };
  profile: Profile;
  capabilities: Record<CapabilityFlag, boolean>;
  discovery: DiscoveryInfo;
  runTag: string;
  readOnly: boolean;
}

export interface SecondaryTarget {
  name: 'snapshot' | 'changeQueriesDisabled';
  urls: TargetUrls;
  api: ApiClient;
  anonymous: ApiClient;
  sessions: SessionHelpers;
  /** A resource client on this target (its sessions payloads from t.gen, as t.resource's). */
  resource(name: ResourceName): ResourceClient;
}

export interface CheckLedger {
  /** What this check created and has not deleted yet (oldest first). */
  entries(): readonly LedgerEntry[];
  /**
   * Leaves an item this check created to the run's final sweep instead of the check's own
   * clean-up: for a parent other checks go on using after this one ends (specs/support/shared-parents.ts).
   * It stays in the ledger, so the sweep deletes it like anything else the run created.
   */
  keepForSweep(id: string): void;
}

export interface CheckContext {
  requirement: Requirement;
  /** This check's seed (derived from the run seed, the requirement id and the title). */
  seed: number;
  api: ApiClient;
  as(role: Role): ApiClient;
  anonymous: ApiClient;
  http: ApiClient;
  target: TargetView;
  refs: SessionRefs;
  gen: SessionFactory;
  sessions: SessionHelpers;
  /**
   * The client of one resource the suite knows (src/runtime/resource-client.ts), for checks
   * written once over a resource descriptor. Its sessions payloads come from t.gen, so a check
   * moved from t.sessions to t.resource('sessions') builds the same items.
   */
  resource(name: ResourceName): ResourceClient;
  /**
   * The client of a resource this check creates only as set-up (the dependent of a DELETE 409
   * check): its failed create blocks the check by the step "set-up: create {title}". For a
   * set-up-only resource (sections) the target is asked first whether it serves it; a 404 skips
   * the check, quoting the answer (src/runtime/set-up-resource.ts).
   */
  setUp(name: ResourceName): Promise<ResourceClient>;
  ledger: CheckLedger;
  step<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /**
   * A set-up step: what the check needs, not what it asserts. An assertion failing inside makes
   * the check `blocked` by `evidences` (the requirement the step shows broken) instead of failing
   * the check's own requirement. Shown as a step named 'arrange: …'.
   */
  arrange<T>(name: string, fn: () => T | Promise<T>, evidences?: string): Promise<T>;
  /**
   * Runs `fn` with the target to itself: waits for every request of the run in flight to finish,
   * then lets only this check's requests through until `fn` settles. For the few checks whose
   * verdict needs nothing else to write (or read) between two of their requests; keep `fn` to a
   * handful of requests, since the whole run waits meanwhile (the hold ends after at most
   * EXCLUSIVE_MAX_HOLD_MS regardless). Shown as a step named 'exclusive: …'.
   */
  exclusive<T>(why: string, fn: () => T | Promise<T>): Promise<T>;
  /**
   * Runs `fn` with no other write of the run going out (nor another read of availableChangeVersions:
   * src/runtime/write-scope.ts): waits for the writes in flight to finish, then holds every other
   * write until `fn` settles; the run's other reads go on. For a verdict that only another write
   * could spoil (the reads of newestChangeVersion around a write of the check's own); narrower than
   * t.exclusive (the reads in flight need not finish first), bounded the same way; the run still
   * waits on its round trips, since nearly every check soon waits on a write. Not inside
   * t.exclusive. Shown as a step named 'no other writes: …'.
   */
  withoutOtherWrites<T>(why: string, fn: () => T | Promise<T>): Promise<T>;
  /** The expectation a profile-register entry gives for this run's profile; recorded as `decidedBy`. */
  decide<T>(difference: ProfileDifference<T>): T;
  /** Skip with the reason (quote what the target answered); `lacks` names the capability or role. */
  skip(reason: string, lacks?: string): never;
  secondary(kind: 'snapshot' | 'changeQueriesDisabled'): SecondaryTarget;
  /** Report one data-driven row (an invalid case): shown in the matrix. */
  recordCase(row: CaseRow): void;
}

/**
 * t.exclusive: the main client's token is made current first, outside the hold, so the holder's
 * first request does not wait on a token fetch another check started (that fetch queues behind
 * the hold). How long the permits took and an overrun are logged as steps of the check.
 */
async function exclusively<T>(transport: WorkerClients['transport'], api: ApiClient, fn: () => T | Promise<T>): Promise<T> {
  return held(api, (body, options) => transport.exclusive(body, options), 'the run\'s requests in flight finished', 'the target is this check\'s alone', 'shared the target', fn);
}

/** t.withoutOtherWrites: as t.exclusive, the token first, then a write hold (src/runtime/permits.ts). */
async function writesHeld<T>(gate: WorkerClients['gate'], api: ApiClient, fn: () => T | Promise<T>): Promise<T> {
  return held(api, (body, options) => gate.withoutOtherWrites(body, options), 'the run\'s writes in flight finished', 'no other check writes until this one is done', 'went out beside other writes', fn);
}

type Hold = <R>(body: () => Promise<R>, options: ExclusiveOptions) => Promise<R>;

async function held<T>(api: ApiClient, hold: Hold, drained: string, meaning: string, overran: string, fn: () => T | Promise<T>): Promise<T> {
  // A failing token endpoint is the requests' own finding, inside the hold.
  await api.token().catch(() => undefined);
  let waitedMs = 0;
  let overranAfterMs: number | undefined;
  try {
    return await hold(async () => {
      // Logged (and awaited) before the check's own steps, so Allure nests them beside it.
      await allure.logStep(`${drained} after ${waitedMs} ms: ${meaning}`);
      return fn();
    }, { onHeld: (ms) => (waitedMs = ms), onOverrun: (ms) => (overranAfterMs = ms) });
  } finally {
    if (overranAfterMs !== undefined) await allure.logStep(`the hold was given back after ${overranAfterMs} ms, before the check was done: its later requests ${overran}`, Status.BROKEN);
  }
}

export async function buildContext(
  run: RunContext,
  observed: ObservedCheck,
  seed: number,
  skip: (reason: string, lacks?: string) => never,
): Promise<CheckContext> {
  const clients = workerClients(run);
  // --read-only is enforced, not only declared: a check's first write to a data API is turned
  // into a skip before it is sent (token requests are not writes).
  const dataRoots = [run.main.urls.data, run.secondary.snapshot?.urls.data, run.secondary.changeQueriesDisabled?.urls.data].filter((u): u is string => !!u);
  const guard = (method: string, url: string): void => {
    if (run.readOnly && !['GET', 'HEAD', 'OPTIONS'].includes(method) && dataRoots.some((root) => url.startsWith(root))) {
      skip(`the run is read-only (--read-only) and this check writes (${method})`);
    }
  };
  const generators: GeneratorsModule | undefined = await loadGenerators();
  const api = clients.api('main', 'full', observeFor(observed, 'main'), guard, announceFor(observed, 'main'))!;
  let factory: SessionFactory | undefined;
  // The resource clients on one API client: sessions payloads come from t.gen, so a check moved
  // from t.sessions to t.resource('sessions') builds the same items.
  const clientsOn = (on: ApiClient, extra: Partial<ResourceClientDeps> = {}): ((name: ResourceName) => ResourceClient) =>
    resourceClients({
      api: on,
      refs: run.refs,
      seed,
      runTag: run.runTag,
      skip,
      factories: { sessions: { build: (refs, _parents, overrides) => context.gen.build(refs, overrides as never) as unknown as Record<string, unknown> } },
      ...extra,
    });
  const helpersOn = (on: ApiClient): SessionHelpers => sessionHelpers(clientsOn(on, { evidences: { courseOfferings: OFFERING_SET_UP } }), run.refs, run.runTag, skip);
  let resources: ((name: ResourceName) => ResourceClient) | undefined;
  let sessions: SessionHelpers | undefined;

  const secondaryOf = (kind: 'snapshot' | 'changeQueriesDisabled'): SecondaryTarget => {
    const info = run.secondary[kind];
    if (!info) {
      skip(kind === 'snapshot'
        ? 'no target with a snapshot is configured (setting snapshotBaseUrl)'
        : 'no target with change queries disabled is configured (setting changeQueriesDisabledBaseUrl)', kind === 'snapshot' ? 'snapshotTarget' : 'changeQueriesDisabledTarget');
    }
    const target: TargetName = kind;
    const sApi = clients.api(target, 'full', observeFor(observed, target), guard, announceFor(observed, target))!;
    let sResources: ((name: ResourceName) => ResourceClient) | undefined;
    return {
      name: kind,
      urls: info.urls,
      api: sApi,
      anonymous: clients.anonymous(target, observeFor(observed, target), guard, announceFor(observed, target)),
      sessions: helpersOn(sApi),
      resource(name) {
        sResources ??= clientsOn(sApi);
        return sResources(name);
      },
    };
  };

  const context: CheckContext = {
    requirement: observed.state.requirement,
    seed,
    api,
    as(role) {
      const client = clients.api('main', role, observeFor(observed, 'main'), guard, announceFor(observed, 'main'));
      if (!client) skip(`no ${role} client is configured (setting roles.${role})`, role);
      return client;
    },
    anonymous: clients.anonymous('main', observeFor(observed, 'main'), guard, announceFor(observed, 'main')),
    http: clients.raw(observeFor(observed, 'main'), guard, announceFor(observed, 'main')),
    target: {
      urls: run.main.urls,
      credentials: { ...run.main.credentials },
      profile: run.profile,
      capabilities: run.capabilities,
      discovery: run.discovery,
      runTag: run.runTag,
      readOnly: run.readOnly,
    },
    refs: run.refs,
    get gen(): SessionFactory {
      if (!generators) throw new HarnessError('generators/index.ts is not available: t.gen cannot build payloads');
      factory ??= generators.createSessionFactory({ seed, runTag: run.runTag });
      return factory;
    },
    get sessions(): SessionHelpers {
      sessions ??= helpersOn(api);
      return sessions;
    },
    resource(name) {
      resources ??= clientsOn(api);
      return resources(name);
    },
    setUp(name) {
      const title = resourceByName(name)?.title ?? name;
      const clients = clientsOn(api, { evidences: { [name]: setUpStep(title) } });
      return setUpClient({ api, clients, skip, step: context.step }, name);
    },
    ledger: {
      entries: () => [...observed.created],
      keepForSweep: (id) => {
        const i = observed.created.findIndex((e) => e.id.toLowerCase() === id.toLowerCase());
        if (i >= 0) observed.created.splice(i, 1);
      },
    },
    step: (name, fn) => allure.step(name, () => fn()) as Promise<Awaited<ReturnType<typeof fn>>>,
    arrange: (name, fn, evidences) => allure.step(`arrange: ${name}`, () => inArrange(name, evidences, fn)) as Promise<Awaited<ReturnType<typeof fn>>>,
    exclusive: (why, fn) => allure.step(`exclusive: ${why}`, () => exclusively(clients.transport, api, fn)) as Promise<Awaited<ReturnType<typeof fn>>>,
    withoutOtherWrites: (why, fn) => allure.step(`no other writes: ${why}`, () => writesHeld(clients.gate, api, fn)) as Promise<Awaited<ReturnType<typeof fn>>>,
    decide(difference) {
      const decided = (observed.state.meta.decidedBy ??= []);
      if (!decided.includes(difference.id)) decided.push(difference.id);
      return valueUnder(difference, run.profile);
    },
    skip,
    secondary: secondaryOf,
    recordCase(row) {
      (observed.state.meta.cases ??= []).push(row);
    },
  };
  return context;
}
