// Before any check runs: discovery, a token, the target's capabilities, its OpenAPI document and
// the fixtures. Anything that makes the run impossible becomes a RunNotPossibleError with one
// sentence saying what to fix (exit 2).
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
import { discover, type UrlOverrides } from './discovery.js';

export interface ProbeInput {
  settings: Settings;
  root: string;
  credentials: Credentials;
  roles: RunContext['roles'];
  secondary: { snapshot?: { root: string; credentials: Credentials }; changeQueriesDisabled?: { root: string; credentials: Credentials } };
  runDir: string;
}

export interface ProbeResult {
  main: TargetInfo;
  discovery: DiscoveryInfo;
  capabilities: Record<CapabilityFlag, boolean>;
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

async function capabilitiesOf(api: ApiClient, target: TargetInfo): Promise<Pick<Record<CapabilityFlag, boolean>, 'changeQueries' | 'partitions' | 'collectionEtag' | 'snapshotAbsent'>> {
  const [changeVersions, many, partitions, snapshot] = await Promise.all([
    target.urls.availableChangeVersions ? api.request({ url: target.urls.availableChangeVersions }) : undefined,
    api.get(SESSIONS, { query: { limit: 1 } }),
    api.get(`${SESSIONS}/partitions`, { query: { number: 1 } }),
    api.get(SESSIONS, { query: { limit: 1 }, headers: { 'use-snapshot': 'true' } }),
  ]);
  if (many.status === 401 || many.status === 403) {
    throw new RunNotPossibleError(`The client may not read sessions (GET ${SESSIONS} answered ${many.status}); give a client with full access to sessions.`);
  }
  if (many.status !== 200) {
    throw new RunNotPossibleError(`GET ${target.urls.data}${SESSIONS} answered ${many.status}; check --data-url.`);
  }
  return {
    changeQueries: changeVersions?.status === 200,
    partitions: partitions.status === 200,
    collectionEtag: many.headers['etag'] !== undefined,
    // Only a 200 shows a snapshot is being served. Anything else (the documented 404, but also a
    // 500 or a 400 from a broken host) counts as "no snapshot", so the snapshot-404 checks run and
    // judge that answer instead of being skipped by it.
    snapshotAbsent: snapshot.status !== 200,
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

export async function probeTarget(input: ProbeInput): Promise<ProbeResult> {
  const { settings } = input;
  const transport = new Transport({ timeoutMs: settings.timeoutMs, maxConcurrency: settings.maxConcurrency, maxRetries: 1 });
  try {
    const overrides: UrlOverrides = {
      tokenUrl: settings.tokenUrl,
      dataUrl: settings.dataUrl,
      changeQueriesUrl: settings.changeQueriesUrl,
      openApiUrl: settings.openApiUrl,
    };
    const found = await discover(transport, input.root, overrides);
    const main: TargetInfo = { urls: found.urls, credentials: input.credentials };
    const api = await authorised(transport, main, 'the target');
    const [caps, openApiDocumentPath, refs] = await Promise.all([
      capabilitiesOf(api, main),
      fetchOpenApi(transport, main.urls.openApi, input.runDir),
      discoverFixtures(api, settings.fixtures),
    ]);
    const secondary: RunContext['secondary'] = {};
    if (input.secondary.snapshot) secondary.snapshot = await secondaryTarget(transport, input.secondary.snapshot, 'the snapshot target');
    if (input.secondary.changeQueriesDisabled) {
      secondary.changeQueriesDisabled = await secondaryTarget(transport, input.secondary.changeQueriesDisabled, 'the change-queries-disabled target');
    }
    return {
      main,
      discovery: found.info,
      capabilities: {
        ...caps,
        snapshotTarget: !!secondary.snapshot,
        changeQueriesDisabledTarget: !!secondary.changeQueriesDisabled,
        secondSchool: !!refs.other,
        gradingPeriods: refs.gradingPeriods.length > 0,
        academicWeeks: refs.academicWeeks.length > 0,
        course: !!refs.course,
        writes: !settings.readOnly,
      },
      refs,
      secondary,
      openApiDocumentPath,
      requests: transport.sent,
    };
  } catch (error) {
    if (error instanceof TransportError) {
      throw new RunNotPossibleError(`The target stopped answering during the probe (${error.message}); check the host and --timeout-ms.`);
    }
    throw error;
  } finally {
    await transport.close();
  }
}
