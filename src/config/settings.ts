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
  /** Known-deviations file (src/ci/baseline.ts): covered failures do not fail the run. */
  baseline?: string;
  /** Write a certification bundle (src/ci/bundle.ts) into this directory after the run. */
  bundle?: string;
  roles?: {
    readOnly?: ClientSetting;
    noSessionsClaim?: ClientSetting;
    otherSchool?: ClientSetting;
    shortLived?: ClientSetting & { tokenLifetimeSeconds?: number };
  };
  snapshotBaseUrl?: string;
  changeQueriesDisabledBaseUrl?: string;
  secondaryCredentials?: { snapshot?: ClientSetting; changeQueriesDisabled?: ClientSetting };
  fixtures?: FixtureSettings;
  /** --resource: the resources to check (names of src/resources/); absent: every known one the target serves. */
  resources?: string[];
}

/** Existing records to use instead of discovering them (from flags, EDFI_* variables or `fixtures` in the config file). */
export interface FixtureSettings {
  schoolId?: number;
  schoolYear?: number;
  termDescriptor?: string;
  /** Of schoolId in schoolYear. */
  gradingPeriods?: Array<{ gradingPeriodDescriptor: string; gradingPeriodName: string }>;
  otherSchoolId?: number;
  courseCode?: string;
  courseEducationOrganizationId?: number;
}

/** A top-level setting, or one inside `fixtures` ('fixtures.schoolId'). */
export type SettingKey = keyof Settings | `fixtures.${keyof FixtureSettings}`;

export const DEFAULTS = {
  profile: 'ods-7.3',
  readOnly: false,
  reportDir: 'reports',
  timeoutMs: 15_000,
  // Requests in flight against the target, whole run. 24, of 16 and 24 the one that comes nearest
  // to hiding a remote host's latency (issue 11; `npm run bench:latency`, 2 busy cores: the check
  // phase through a 50 ms-per-response proxy 1.4-1.6× the loopback one at 24, 1.7× at 16, 2.5-3×
  // at 8). The suite sends about 3,400 requests, so at 16 the requests alone take 3,400 × 50 ms ÷
  // 16 = 10.6 s, the whole loopback phase, before any check's chain waits on another. Still
  // polite: Ed-Fi's own API Publisher defaults to 10 resources × 20 POSTs in parallel (up to 200
  // requests) and 5 page streams per resource against the API it writes to. --max-concurrency
  // lowers it for a small host.
  maxConcurrency: 24,
  html: true,
} as const satisfies Partial<Settings>;

/** `--resource sessions,courseOfferings`: comma-separated names, blanks dropped. */
export function parseResourceList(raw: string): string[] {
  return raw.split(',').map((name) => name.trim()).filter(Boolean);
}

/** One row per setting that can come from a flag or an environment variable. */
export interface SettingSource {
  key: SettingKey;
  flag: string;
  env: string;
  type: 'string' | 'integer' | 'boolean';
  help: string;
  /** Turns the text of a flag or variable into the setting's value (what it cannot read stays text, for the schema to name). */
  parse?: (raw: string) => unknown;
}

/**
 * `--grading-periods 'DESCRIPTOR|NAME;DESCRIPTOR|NAME'`: each period is its descriptor URI and its
 * name separated by '|', periods separated by ';' (descriptor URIs hold '#', spaces and commas,
 * never '|' or ';'). A part without '|' stays text, so the schema reports it.
 */
export function parseGradingPeriods(raw: string): unknown[] {
  return raw
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const bar = part.lastIndexOf('|');
      const descriptor = part.slice(0, bar).trim();
      const name = part.slice(bar + 1).trim();
      return bar > 0 && descriptor && name ? { gradingPeriodDescriptor: descriptor, gradingPeriodName: name } : part;
    });
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
  { key: 'maxConcurrency', flag: 'max-concurrency', env: 'EDFI_MAX_CONCURRENCY', type: 'integer', help: 'requests in flight against the target at once, whole run (default 24)' },
  { key: 'html', flag: 'html', env: 'EDFI_HTML', type: 'boolean', help: 'build the Allure HTML report (default true; --no-html)' },
  { key: 'baseline', flag: 'baseline', env: 'EDFI_BASELINE', type: 'string', help: 'known-deviations file: only failures it does not cover fail the run' },
  { key: 'bundle', flag: 'bundle', env: 'EDFI_BUNDLE', type: 'string', help: 'also write a certification bundle (reports + manifest.json) into this directory' },
  {
    key: 'resources',
    flag: 'resource',
    env: 'EDFI_RESOURCES',
    type: 'string',
    help: 'check only these resources, comma-separated (default: every one the suite knows that the target serves)',
    parse: parseResourceList,
  },
  { key: 'snapshotBaseUrl', flag: 'snapshot-base-url', env: 'EDFI_SNAPSHOT_BASE_URL', type: 'string', help: 'API root of an instance with a snapshot configured' },
  { key: 'changeQueriesDisabledBaseUrl', flag: 'change-queries-disabled-base-url', env: 'EDFI_CHANGE_QUERIES_DISABLED_BASE_URL', type: 'string', help: 'API root of an instance with change queries disabled' },
  // Fixtures: existing records to use instead of discovering them.
  { key: 'fixtures.schoolId', flag: 'school-id', env: 'EDFI_SCHOOL_ID', type: 'integer', help: 'the school sessions are created in (default: the first school found)' },
  { key: 'fixtures.schoolYear', flag: 'school-year', env: 'EDFI_SCHOOL_YEAR', type: 'integer', help: 'the school year of the sessions (default: the current one)' },
  { key: 'fixtures.termDescriptor', flag: 'term-descriptor', env: 'EDFI_TERM_DESCRIPTOR', type: 'string', help: 'a term descriptor URI, e.g. uri://ed-fi.org/TermDescriptor#Fall Semester' },
  {
    key: 'fixtures.gradingPeriods',
    flag: 'grading-periods',
    env: 'EDFI_GRADING_PERIODS',
    type: 'string',
    help: "the school's grading periods in that year: 'DESCRIPTOR|NAME;DESCRIPTOR|NAME…'",
    parse: parseGradingPeriods,
  },
  { key: 'fixtures.courseCode', flag: 'course-code', env: 'EDFI_COURSE_CODE', type: 'string', help: 'a course to offer in created sessions' },
  { key: 'fixtures.courseEducationOrganizationId', flag: 'course-education-organization-id', env: 'EDFI_COURSE_EDUCATION_ORGANIZATION_ID', type: 'integer', help: "the course's education organization (default: the school)" },
  { key: 'fixtures.otherSchoolId', flag: 'other-school-id', env: 'EDFI_OTHER_SCHOOL_ID', type: 'integer', help: 'a second school (for the cross-school checks)' },
];
