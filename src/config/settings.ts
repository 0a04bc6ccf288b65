// The resolved settings of a run (src/config/schema.json is the source of truth for names and
// ranges; this type mirrors it).
import type { Profile } from '../requirements/types.js';

export interface ClientSetting {
  key: string;
  secret: string;
}

export interface Settings {
  baseUrl?: string;
  key?: string;
  secret?: string;
  tokenUrl?: string;
  dataUrl?: string;
  changeQueriesUrl?: string;
  openApiUrl?: string;
  profile: Profile;
  seed?: number;
  grep?: string;
  readOnly: boolean;
  reportDir: string;
  timeoutMs: number;
  maxConcurrency: number;
  html: boolean;
  roles?: {
    readOnly?: ClientSetting;
    noSessionsClaim?: ClientSetting;
    otherSchool?: ClientSetting;
    shortLived?: ClientSetting & { tokenLifetimeSeconds?: number };
  };
  snapshotBaseUrl?: string;
  changeQueriesDisabledBaseUrl?: string;
  secondaryCredentials?: { snapshot?: ClientSetting; changeQueriesDisabled?: ClientSetting };
  fixtures?: {
    schoolId?: number;
    schoolYear?: number;
    termDescriptor?: string;
    otherSchoolId?: number;
    courseCode?: string;
    courseEducationOrganizationId?: number;
  };
}

export const DEFAULTS = {
  profile: 'ods-7.3',
  readOnly: false,
  reportDir: 'reports',
  timeoutMs: 15_000,
  maxConcurrency: 8,
  html: true,
} as const satisfies Partial<Settings>;

/** One row per setting that can come from a flag or an environment variable. */
export interface SettingSource {
  key: keyof Settings;
  flag: string;
  env: string;
  type: 'string' | 'integer' | 'boolean';
  help: string;
}

export const SETTING_SOURCES: SettingSource[] = [
  { key: 'baseUrl', flag: 'base-url', env: 'EDFI_BASE_URL', type: 'string', help: 'API root of the target (discovery document); absent: embedded host' },
  { key: 'key', flag: 'key', env: 'EDFI_CLIENT_ID', type: 'string', help: 'client key with full access to sessions' },
  { key: 'secret', flag: 'secret', env: 'EDFI_CLIENT_SECRET', type: 'string', help: 'client secret' },
  { key: 'tokenUrl', flag: 'token-url', env: 'EDFI_TOKEN_URL', type: 'string', help: "override the discovery document's token URL" },
  { key: 'dataUrl', flag: 'data-url', env: 'EDFI_DATA_URL', type: 'string', help: 'override the data API root (…/data/v3)' },
  { key: 'changeQueriesUrl', flag: 'change-queries-url', env: 'EDFI_CHANGE_QUERIES_URL', type: 'string', help: 'override the change-queries root' },
  { key: 'openApiUrl', flag: 'openapi-url', env: 'EDFI_OPENAPI_URL', type: 'string', help: 'override the resources OpenAPI (swagger.json) URL' },
  { key: 'profile', flag: 'profile', env: 'EDFI_PROFILE', type: 'string', help: 'ods-7.3 (default) | dms | guidelines' },
  { key: 'seed', flag: 'seed', env: 'EDFI_SEED', type: 'integer', help: 'payload seed (default random, printed)' },
  { key: 'grep', flag: 'grep', env: 'EDFI_GREP', type: 'string', help: 'run only checks whose id or title matches' },
  { key: 'readOnly', flag: 'read-only', env: 'EDFI_READ_ONLY', type: 'boolean', help: 'run only checks that do not write' },
  { key: 'reportDir', flag: 'report-dir', env: 'EDFI_REPORT_DIR', type: 'string', help: 'where reports go (default reports)' },
  { key: 'timeoutMs', flag: 'timeout-ms', env: 'EDFI_TIMEOUT_MS', type: 'integer', help: 'per-request timeout (default 15000)' },
  { key: 'maxConcurrency', flag: 'max-concurrency', env: 'EDFI_MAX_CONCURRENCY', type: 'integer', help: 'requests in flight per worker (default 8)' },
  { key: 'html', flag: 'html', env: 'EDFI_HTML', type: 'boolean', help: 'build the Allure HTML report (default true; --no-html)' },
  { key: 'snapshotBaseUrl', flag: 'snapshot-base-url', env: 'EDFI_SNAPSHOT_BASE_URL', type: 'string', help: 'API root of an instance with a snapshot configured' },
  { key: 'changeQueriesDisabledBaseUrl', flag: 'change-queries-disabled-base-url', env: 'EDFI_CHANGE_QUERIES_DISABLED_BASE_URL', type: 'string', help: 'API root of an instance with change queries disabled' },
];
