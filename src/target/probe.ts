// Before any check runs: discovery, a token, the target's capabilities, its OpenAPI document and
// the fixtures. Anything that makes the run impossible becomes a RunNotPossibleError with one
// sentence saying what to fix (exit 2). Every request goes through a RecordingTransport, so the
// probe log (probe.json/probe.md) holds what was asked and answered, also when the run stops here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunNotPossibleError, TokenRequestError, TransportError } from '../errors.js';
import { ApiClient } from '../http/api-client.js';
import { TokenSource } from '../http/token-source.js';
import { Transport } from '../http/transport.js';
import { isOpenApiDocument } from '../contract/openapi.js';
import { SESSIONS } from '../contract/operations.js';
import type { Settings } from '../config/settings.js';
import { discoverFixtures } from '../fixtures/discover.js';
import type { CapabilityFlag, Credentials, DiscoveryInfo, RunContext, TargetInfo } from '../runtime/run-context.js';
import { redactHeaders } from '../report/redact.js';
import { evidenceOf, quoteEvidence, shortBody, type Evidence } from '../runtime/evidence.js';
import { discover, type UrlOverrides } from './discovery.js';
import { ProbeLog, RecordingTransport } from './probe-log.js';

export interface ProbeInput {
  settings: Settings;
  root: string;
  credentials: Credentials;
  roles: RunContext['roles'];
  secondary: { snapshot?: { root: string; credentials: Credentials }; changeQueriesDisabled?: { root: string; credentials: Credentials } };
  runDir: string;
  /** Receives every request the probe sends and what it concludes (probe.json/probe.md). */
  log?: ProbeLog;
}

export interface ProbeResult {
  main: TargetInfo;
  discovery: DiscoveryInfo;
  capabilities: Record<CapabilityFlag, boolean>;
  /** The answers that decided the capabilities the target was asked about. */
  evidence: Partial<Record<CapabilityFlag, Evidence>>;
  refs: RunContext['refs'];
  secondary: RunContext['secondary'];
  openApiDocumentPath?: string;
  /** Requests the probe sent (tokens included). */
  requests: number;
}

async function authorised(transport: Transport, target: TargetInfo, label: string): Promise<ApiClient> {
  const tokens = new TokenSource(transport, target.urls.token, target.credentials);
  try {
    await tokens.token();
  } catch (error) {
    if (error instanceof TransportError) {
      throw new RunNotPossibleError(`Cannot reach the token endpoint ${target.urls.token} of ${label} (${error.message.replace(/^POST \S+: /, '')}); check --token-url.`);
    }
    if (error instanceof TokenRequestError && (error.status === 400 || error.status === 401 || error.status === 403)) {
      throw new RunNotPossibleError(`The token endpoint refused the client credentials${label === 'the target' ? '' : ` of ${label}`}; check --key/--secret.`);
    }
    if (error instanceof TokenRequestError) {
      throw new RunNotPossibleError(`The token endpoint ${target.urls.token} of ${label} answered HTTP ${error.status} without a token; check --token-url.`);
    }
    throw error;
  }
  return new ApiClient({ transport, baseUrl: target.urls.data, tokens });
}

type ProbedCapability = 'changeQueries' | 'partitions' | 'collectionEtag' | 'snapshotAbsent';

interface ProbedCapabilities {
  capabilities: Record<ProbedCapability, boolean>;
  evidence: Record<ProbedCapability, Evidence>;
  /** Change-query URLs found by probing the standard path when discovery named none. */
  changeQueriesRoot?: string;
}

/** 'content-type: application/json; total-count: 3; (no etag)': the headers an ETag question is decided on. */
function headerList(headers: Record<string, string>): string {
  const shown = Object.entries(redactHeaders(headers)).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name));
  return shortBody(`headers: ${shown.map(([n, v]) => `${n}: ${v}`).join('; ')}${headers['etag'] === undefined ? '; (no etag)' : ''}`);
}

/**
 * The optional features of the target, each decided from an answer the contract gives meaning to.
 * A feature the contract lets a host switch off counts as absent only when the host answers the way
 * a switched-off feature answers (404); a 500, a 400 or a 200 of the wrong shape leaves it present,
 * so its checks run and judge that answer instead of being skipped by it.
 */
async function capabilitiesOf(api: ApiClient, target: TargetInfo): Promise<ProbedCapabilities> {
  const standardRoot = `${target.urls.root}/changeQueries/v1`;
  const changeVersionsUrl = target.urls.availableChangeVersions ?? `${standardRoot}/availableChangeVersions`;
  const [changeVersions, deletes, many, partitions, snapshot] = await Promise.all([
    api.request({ url: changeVersionsUrl }),
    api.get(`${SESSIONS}/deletes`, { query: { limit: 1 } }),
    api.get(SESSIONS, { query: { limit: 1 } }),
    api.get(`${SESSIONS}/partitions`, { query: { number: 1 } }),
    api.get(SESSIONS, { query: { limit: 1 }, headers: { 'use-snapshot': 'true' } }),
  ]);
  if (many.status === 401 || many.status === 403) {
    throw new RunNotPossibleError(`The client may not read sessions (${quoteEvidence(evidenceOf(many, ''))}); give a client with full access to sessions.`);
  }
  if (many.status !== 200) {
    throw new RunNotPossibleError(`Reading sessions failed (${quoteEvidence(evidenceOf(many, ''))}); check --data-url.`);
  }

  // CONTRACT.md §5: with change queries off, availableChangeVersions (and /deletes, /keyChanges)
  // answer 404 and discovery drops urls.changeQueries. A /deletes that answers 200 shows the feature
  // is on whatever availableChangeVersions said.
  const named = target.urls.availableChangeVersions !== undefined;
  const changeQueries = !(changeVersions.status === 404 && deletes.status !== 200);
  const where = named ? 'its URL from discovery or --change-queries-url' : 'the discovery document names no changeQueries URL, so the standard path was tried';
  const changeQueriesConcluded = !changeQueries
    ? `change queries are off: availableChangeVersions answered 404 (${where}) and /deletes answered ${deletes.status}`
    : changeVersions.status === 200
      ? `change queries are on (${where})`
      : `change queries count as present: ${changeVersions.status === 404 ? `/deletes answered 200 although availableChangeVersions answered 404` : `availableChangeVersions answered ${changeVersions.status}, not the 404 of a switched-off feature`} (${where}); their checks judge it`;

  const partitionsConcluded =
    partitions.status === 404
      ? 'no partitions endpoint (404; it is new in ODS/API 7.3)'
      : partitions.status === 200
        ? 'the partitions endpoint answers'
        : `the partitions endpoint counts as present: it answered ${partitions.status}, not the 404 of an absent path; its checks judge it`;

  const etag = many.headers['etag'] !== undefined;
  return {
    capabilities: {
      changeQueries,
      partitions: partitions.status !== 404,
      collectionEtag: etag,
      // Only a 200 shows a snapshot may be served. Anything else (the documented 404, but also a
      // 500 or a 400 from a broken host) counts as "no snapshot", so the snapshot-404 checks run and
      // judge that answer instead of being skipped by it. A 200 may also be a host that ignores the
      // header; the checks tell the two apart by reading an item the run created.
      snapshotAbsent: snapshot.status !== 200,
    },
    evidence: {
      changeQueries: evidenceOf(changeVersions, changeQueriesConcluded),
      partitions: evidenceOf(partitions, partitionsConcluded),
      collectionEtag: { ...evidenceOf(many, etag ? 'GET-many sends an ETag header' : 'GET-many sends no ETag header'), body: headerList(many.headers) },
      snapshotAbsent: evidenceOf(
        snapshot,
        snapshot.status === 200 ? 'a Use-Snapshot read answered 200: a snapshot may be configured, or the header is ignored' : `a Use-Snapshot read answered ${snapshot.status}: no snapshot is served`,
      ),
    },
    changeQueriesRoot: !named && changeQueries ? standardRoot : undefined,
  };
}

async function fetchOpenApi(transport: Transport, url: string | undefined, runDir: string): Promise<string | undefined> {
  if (!url) return undefined;
  try {
    const ex = await transport.send({ method: 'GET', url, headers: { accept: 'application/json' } });
    if (ex.status !== 200 || !isOpenApiDocument(ex.json)) return undefined;
    const path = join(runDir, 'target-openapi.json');
    writeFileSync(path, ex.text);
    return path;
  } catch {
    return undefined; // an unpublished document only means one validation fewer
  }
}

async function secondaryTarget(transport: Transport, input: { root: string; credentials: Credentials }, label: string): Promise<TargetInfo> {
  const found = await discover(transport, input.root, {});
  const info: TargetInfo = { urls: found.urls, credentials: input.credentials };
  await authorised(transport, info, label);
  return info;
}

/** Like Promise.all, but waits for every promise before rejecting with the first failure (in order). */
async function allOrFirstFailure<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled: Array<PromiseSettledResult<unknown>> = await Promise.allSettled(promises as readonly unknown[]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export async function probeTarget(input: ProbeInput): Promise<ProbeResult> {
  const { settings } = input;
  const log = input.log ?? new ProbeLog();
  const transport = new RecordingTransport({ timeoutMs: settings.timeoutMs, maxConcurrency: settings.maxConcurrency, maxRetries: 1 }, log);
  try {
    const overrides: UrlOverrides = {
      tokenUrl: settings.tokenUrl,
      dataUrl: settings.dataUrl,
      changeQueriesUrl: settings.changeQueriesUrl,
      openApiUrl: settings.openApiUrl,
    };
    const found = await discover(transport, input.root, overrides);
    const main: TargetInfo = { urls: found.urls, credentials: input.credentials };
    log.data.target = { urls: main.urls, discovery: found.info };
    const api = await authorised(transport, main, 'the target');
    const { snapshot, changeQueriesDisabled } = input.secondary;
    // Settled, not raced: when one part stops the run, the others still finish, so the probe
    // report of an exit 2 shows everything the probe learnt.
    const [probed, openApiDocumentPath, fixtures, snapshotTarget, changeQueriesDisabledTarget] = await allOrFirstFailure([
      // Logged as soon as they are known, so a run that stops on a fixture still reports them.
      capabilitiesOf(api, main).then((p) => {
        log.data.capabilities = p.capabilities;
        log.data.evidence = p.evidence;
        return p;
      }),
      fetchOpenApi(transport, main.urls.openApi, input.runDir),
      discoverFixtures(api, settings.fixtures, log.data.fixtures),
      snapshot ? secondaryTarget(transport, snapshot, 'the snapshot target') : undefined,
      changeQueriesDisabled ? secondaryTarget(transport, changeQueriesDisabled, 'the change-queries-disabled target') : undefined,
    ]);
    if (probed.changeQueriesRoot) {
      main.urls = { ...main.urls, changeQueries: probed.changeQueriesRoot, availableChangeVersions: `${probed.changeQueriesRoot}/availableChangeVersions` };
      log.data.target = { urls: main.urls, discovery: found.info };
    }
    const secondary: RunContext['secondary'] = {};
    if (snapshotTarget) secondary.snapshot = snapshotTarget;
    if (changeQueriesDisabledTarget) secondary.changeQueriesDisabled = changeQueriesDisabledTarget;
    const { refs } = fixtures;
    const capabilities: Record<CapabilityFlag, boolean> = {
      ...probed.capabilities,
      snapshotTarget: !!secondary.snapshot,
      changeQueriesDisabledTarget: !!secondary.changeQueriesDisabled,
      secondSchool: !!refs.other,
      gradingPeriods: refs.gradingPeriods.length > 0,
      academicWeeks: refs.academicWeeks.length > 0,
      course: !!refs.course,
      writes: !settings.readOnly,
    };
    const evidence: ProbeResult['evidence'] = { ...probed.evidence, ...fixtures.evidence };
    log.data.capabilities = capabilities;
    log.data.evidence = evidence;
    return {
      main,
      discovery: found.info,
      capabilities,
      evidence,
      refs,
      secondary,
      openApiDocumentPath,
      requests: transport.sent,
    };
  } catch (error) {
    const stopped =
      error instanceof TransportError
        ? new RunNotPossibleError(`The target stopped answering during the probe (${error.message}); check the host and --timeout-ms.`)
        : error;
    log.fail(stopped instanceof Error ? stopped.message : String(stopped));
    throw stopped;
  } finally {
    await transport.close();
  }
}
