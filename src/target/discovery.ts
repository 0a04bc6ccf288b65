// Reads the discovery document (GET {root}/, anonymous) and resolves the URLs the run needs,
// letting each be overridden for hosts whose document is missing or wrong.
import { RunNotPossibleError, TransportError } from '../errors.js';
import type { Transport } from '../http/transport.js';
import type { DiscoveryInfo, TargetUrls } from '../runtime/run-context.js';

export interface UrlOverrides {
  tokenUrl?: string;
  dataUrl?: string;
  changeQueriesUrl?: string;
  openApiUrl?: string;
}

interface DiscoveryDocument {
  applicationName?: unknown;
  version?: unknown;
  informationalVersion?: unknown;
  dataModels?: unknown;
  urls?: Record<string, unknown>;
}

export interface Discovered {
  urls: TargetUrls;
  info: DiscoveryInfo;
}

const noSlash = (u: string): string => u.replace(/\/+$/, '');

function isDiscoveryDocument(json: unknown): json is DiscoveryDocument {
  const d = json as DiscoveryDocument | undefined;
  return !!d && typeof d === 'object' && !Array.isArray(d) && (typeof d.urls === 'object' || typeof d.version === 'string' || Array.isArray(d.dataModels));
}

export async function discover(transport: Transport, root: string, overrides: UrlOverrides): Promise<Discovered> {
  const base = noSlash(root);
  let doc: DiscoveryDocument | undefined;
  try {
    const ex = await transport.send({ method: 'GET', url: `${base}/`, headers: { accept: 'application/json' } });
    if (ex.status === 200 && isDiscoveryDocument(ex.json)) doc = ex.json;
    else if (!(overrides.tokenUrl && overrides.dataUrl)) {
      throw new RunNotPossibleError(
        `The discovery document at ${base}/ is not an Ed-Fi discovery document (HTTP ${ex.status}${ex.json === undefined ? ', not JSON' : ''}); check --base-url, or give --token-url and --data-url.`,
      );
    }
  } catch (error) {
    if (error instanceof TransportError) {
      throw new RunNotPossibleError(`Cannot reach the target at ${base}/ (${error.message.replace(/^GET \S+: /, '')}); check --base-url and that the host is running.`);
    }
    throw error;
  }
  const urls = doc?.urls ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && /^https?:\/\//.test(v) ? v : undefined);
  const changeQueries = overrides.changeQueriesUrl ?? str(urls.changeQueries);
  const openApiMetadata = str(urls.openApiMetadata);
  const resolved: TargetUrls = {
    root: base,
    token: overrides.tokenUrl ?? str(urls.oauth) ?? `${base}/oauth/token`,
    data: noSlash(overrides.dataUrl ?? str(urls.dataManagementApi) ?? `${base}/data/v3`),
    changeQueries: changeQueries ? noSlash(changeQueries) : undefined,
    availableChangeVersions: changeQueries ? `${noSlash(changeQueries)}/availableChangeVersions` : undefined,
    openApi: overrides.openApiUrl ?? `${noSlash(openApiMetadata ?? `${base}/metadata`)}/data/v3/resources/swagger.json`,
  };
  const models = Array.isArray(doc?.dataModels) ? (doc!.dataModels as Array<Record<string, unknown>>) : [];
  return {
    urls: resolved,
    info: {
      applicationName: typeof doc?.applicationName === 'string' ? doc.applicationName : undefined,
      version: typeof doc?.version === 'string' ? doc.version : undefined,
      informationalVersion: typeof doc?.informationalVersion === 'string' ? doc.informationalVersion : undefined,
      dataModels: models.map((m) => ({ name: String(m.name ?? ''), version: String(m.version ?? '') })),
    },
  };
}
