// Resolves the settings of a run from four layers (flags > environment > JSON config file >
// defaults), validates the merged result once against schema.json (all errors, each naming the
// setting and where it came from, "did you mean" for unknown keys) and returns it frozen.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigInvalidError } from '../errors.js';
import { createAjv } from '../contract/ajv.js';
import { closest } from '../requirements/closest.js';
import { isSetUpOnly, RESOURCES } from '../resources/index.js';
import { DEFAULTS, SETTING_SOURCES, type SettingKey, type Settings } from './settings.js';
import schema from './schema.json' with { type: 'json' };

export interface ConfigInput {
  /** Parsed command-line values keyed by setting name (already typed); 'fixtures.schoolId' for nested ones. */
  flags?: Partial<Record<SettingKey, unknown>>;
  env?: NodeJS.ProcessEnv;
  /** Path of the JSON config file (--config or EDFI_CONFIG). */
  configFile?: string;
}

type Origin = Record<string, string>;

const validate = createAjv({ allErrors: true }).compile(schema);
const KNOWN_KEYS = Object.keys(schema.properties);

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigInvalidError([`--config: cannot read ${path}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigInvalidError([`--config: ${path} is not valid JSON (${(error as Error).message})`]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigInvalidError([`--config: ${path} must hold a JSON object of settings`]);
  }
  return parsed as Record<string, unknown>;
}

function fromEnv(env: NodeJS.ProcessEnv, origin: Origin): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of SETTING_SOURCES) {
    const raw = env[s.env];
    if (raw === undefined || raw === '') continue;
    origin[s.key] = s.env;
    if (s.parse) out[s.key] = s.parse(raw);
    else if (s.type === 'integer') out[s.key] = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    else if (s.type === 'boolean') out[s.key] = /^(1|true|yes)$/i.test(raw) ? true : /^(0|false|no)$/i.test(raw) ? false : raw;
    else out[s.key] = raw;
  }
  return out;
}

/** 'timeoutMs (in cfg.json)', '--timeout-ms', 'EDFI_TIMEOUT_MS', 'roles.readOnly.secret (in cfg.json)'. */
function where(segments: string[], origin: Origin): string {
  if (!segments.length) return 'settings';
  // A nested setting from a flag or variable ('fixtures.schoolId') is known by its own origin.
  const source = origin[segments.slice(0, 2).join('.')] ?? origin[segments[0]!];
  const dotted = segments.join('.');
  if (!source) return dotted;
  if (source.startsWith('--') || source.startsWith('EDFI_')) return segments.length > 1 ? `${source} (${dotted})` : source;
  return `${dotted} (${source})`;
}

export function loadConfig(input: ConfigInput = {}): Readonly<Settings> {
  const env = input.env ?? process.env;
  const origin: Origin = {};
  const configPath = input.configFile ?? env.EDFI_CONFIG;
  const file = configPath ? readConfigFile(resolve(configPath)) : {};
  for (const key of Object.keys(file)) origin[key] = `in ${configPath}`;
  const envValues = fromEnv(env, origin);
  const flagValues: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.flags ?? {})) {
    if (value === undefined) continue;
    flagValues[key] = value;
    const source = SETTING_SOURCES.find((s) => s.key === key);
    origin[key] = source ? `--${source.flag}` : key;
  }
  const merged = mergeLayers([DEFAULTS, file, envValues, flagValues]);

  const problems: string[] = [];
  if (!validate(merged)) {
    for (const e of validate.errors ?? []) {
      const segments = e.instancePath.split('/').slice(1);
      const params = (e.params ?? {}) as Record<string, unknown>;
      if ('additionalProperty' in params) {
        const name = String(params.additionalProperty);
        const hint = closest(name, segments.length ? nestedKeys(segments[0]!) : KNOWN_KEYS);
        problems.push(`${where([...segments, name], origin)}: unknown setting${hint ? ` (did you mean '${hint}'?)` : ''}`);
        continue;
      }
      const value = valueAt(merged, segments);
      // Never echo secrets, and only echo simple values.
      const shown = segments.some((p) => /secret/i.test(p)) || (value !== null && typeof value === 'object') || value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
      const message =
        e.keyword === 'enum' ? `must be one of ${(params.allowedValues as unknown[]).join(', ')}`
        : (e.keyword === 'pattern' || e.keyword === 'format') && /Url$/.test(segments.at(-1) ?? '') ? 'must be an http(s) URL'
        : e.message ?? 'is invalid';
      const line = `${where(segments, origin)}: ${message}${shown}`;
      if (!problems.includes(line)) problems.push(line);
    }
  }
  const settings = merged as unknown as Settings;
  if (problems.length === 0) problems.push(...unknownResources(settings.resources, origin));
  if (problems.length === 0 && settings.baseUrl && (!settings.key || !settings.secret)) {
    problems.push('--key/--secret (or EDFI_CLIENT_ID/EDFI_CLIENT_SECRET, or key/secret in the config file) are required with --base-url');
  }
  if (problems.length) throw new ConfigInvalidError(problems);
  return deepFreeze(settings);
}

/** One sentence naming the resources the suite does not know and listing the ones it does; none when all are known. */
function unknownResources(names: readonly string[] | undefined, origin: Origin): string[] {
  const known: string[] = RESOURCES.map((r) => r.name);
  const unknown = (names ?? []).filter((name) => !known.includes(name));
  if (!unknown.length) return [];
  // A resource the suite only creates as set-up (sections) is known, but not something to check.
  const setUp = unknown.filter(isSetUpOnly);
  if (setUp.length === unknown.length) {
    return [`${where(['resources'], origin)}: ${setUp.map((name) => `'${name}'`).join(', ')} ${setUp.length > 1 ? 'are' : 'is'} only created as another resource's set-up, never checked; the suite checks ${known.join(', ')}`];
  }
  const hint = unknown.length === 1 ? closest(unknown[0]!, known) : undefined;
  const listed = unknown.map((name) => `'${name}'`).join(', ');
  return [`${where(['resources'], origin)}: unknown resource${unknown.length > 1 ? 's' : ''} ${listed}${hint ? ` (did you mean '${hint}'?)` : ''}; the suite knows ${known.join(', ')}`];
}

/**
 * Later layers win. A dotted key ('fixtures.schoolId', from a flag or a variable) sets one member
 * of the nested object and keeps the members an earlier layer (the config file) gave.
 */
function mergeLayers(layers: Array<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const dot = key.indexOf('.');
      if (dot < 0) {
        merged[key] = value;
        continue;
      }
      const top = key.slice(0, dot);
      const current = merged[top];
      merged[top] = { ...(current && typeof current === 'object' && !Array.isArray(current) ? current : {}), [key.slice(dot + 1)]: value };
    }
  }
  return merged;
}

function nestedKeys(top: string): string[] {
  const prop = (schema.properties as Record<string, { properties?: Record<string, unknown> }>)[top];
  return Object.keys(prop?.properties ?? {});
}

function valueAt(obj: Record<string, unknown>, segments: string[]): unknown {
  return segments.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), obj);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
