// Turns Ed-Fi's Postman collections into the copy that runs against the reference host, at run
// time and in memory: keeps the selected folders and requests (postman-selection.ts), drops the
// left-out ones, swaps the ODS sample data for the host's seeded data, replaces course writes by
// reads of seeded courses, and builds the environment (API root, one client per token name).
// Nothing here edits the collections on disk; the transform is the record of what changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CollectionSelection, DataSwap } from './postman-selection.js';

type Json = Record<string, any>;

export interface ScopeRequest {
  path: string;
  method: string;
  url: string;
}

export function loadCollection(dir: string, file: string): Json {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

function rawUrl(request: Json): string {
  return typeof request.url === 'string' ? request.url : String(request.url?.raw ?? '');
}

/** Requests whose URL or body names ed-fi/sessions or ed-fi/courseOfferings. */
export function scopeRequests(collection: Json): ScopeRequest[] {
  const found: ScopeRequest[] = [];
  const walk = (items: Json[], prefix: string[]) => {
    for (const item of items) {
      const itemPath = [...prefix, item.name];
      if (Array.isArray(item.item)) {
        walk(item.item, itemPath);
        continue;
      }
      const url = rawUrl(item.request);
      const text = `${url} ${item.request?.body?.raw ?? ''}`.toLowerCase();
      if (text.includes('/sessions') || text.includes('/courseofferings')) found.push({ path: itemPath.join('/'), method: item.request.method, url });
    }
  };
  walk(collection.item, []);
  return found;
}

const within = (itemPath: string, folder: string) => itemPath === folder || itemPath.startsWith(`${folder}/`);

/** How the selection treats one request path: run, left out (with reason), replaced, or not selected. */
export function fateOf(selection: CollectionSelection, itemPath: string): 'run' | 'left-out' | 'replaced' | 'not-selected' {
  if (selection.leaveOut.some((entry) => within(itemPath, entry.path))) return 'left-out';
  if (selection.replace.some((entry) => entry.path === itemPath)) return 'replaced';
  return selection.include.some((entry) => within(itemPath, entry)) ? 'run' : 'not-selected';
}

/** Scope requests the selection neither runs nor leaves out with a reason. */
export function unaccounted(collection: Json, selection: CollectionSelection): ScopeRequest[] {
  return scopeRequests(collection).filter((request) => {
    const fate = fateOf(selection, request.path);
    return fate === 'not-selected' || fate === 'replaced';
  });
}

function swapText(text: string, swaps: DataSwap[]): string {
  return swaps.reduce((current, swap) => current.replace(swap.find, swap.replace), text);
}

function swapRequest(request: Json, swaps: DataSwap[]): Json {
  const copy = structuredClone(request);
  if (copy.body?.raw) copy.body.raw = swapText(copy.body.raw, swaps);
  // The URL object's raw form is what newman sends when present; path/query arrays follow it.
  if (typeof copy.url === 'string') copy.url = swapText(copy.url, swaps);
  else if (copy.url?.raw) copy.url = swapText(copy.url.raw, swaps);
  return copy;
}

function replacementItem(original: Json, get: string, variable: string): Json {
  return {
    name: `${original.name} (replaced: read of a seeded course)`,
    request: { method: 'GET', header: [], url: `{{ApiBaseUrl}}${get}` },
    event: [
      {
        listen: 'test',
        // No pm.test here: the replacement sets up what the original did and asserts nothing of its own.
        script: { type: 'text/javascript', exec: [`pm.environment.set(${JSON.stringify(variable)}, pm.response.json()[0].id);`] },
      },
    ],
  };
}

/** The collection as it runs against the host: selected items only, data swapped. */
export function prepareCollection(collection: Json, selection: CollectionSelection, swaps: DataSwap[]): Json {
  const keep = (items: Json[], prefix: string[]): Json[] => {
    const kept: Json[] = [];
    for (const item of items) {
      const itemPath = [...prefix, item.name].join('/');
      const replacement = selection.replace.find((entry) => entry.path === itemPath);
      if (replacement) {
        kept.push(replacementItem(item, replacement.get, replacement.setsVariable));
        continue;
      }
      if (selection.leaveOut.some((entry) => within(itemPath, entry.path))) continue;
      const selected = selection.include.some((entry) => within(itemPath, entry));
      if (Array.isArray(item.item)) {
        const leadsToSelection = selected || selection.include.some((entry) => entry.startsWith(`${itemPath}/`));
        if (!leadsToSelection) continue;
        const children = keep(item.item, [...prefix, item.name]);
        if (children.length > 0) kept.push({ ...item, item: children });
      } else if (selected) {
        kept.push({ ...item, request: swapRequest(item.request, swaps) });
      }
    }
    return kept;
  };
  return { ...collection, item: keep(collection.item, []) };
}

/** Client names the collection-level token script asks for (CreateAccessToken("…")). */
export function tokenClientNames(collection: Json): string[] {
  const script = (collection.event ?? []).flatMap((event: Json) => event.script?.exec ?? []).join('\n');
  return [...new Set([...script.matchAll(/CreateAccessToken\("([^"]+)"\)/g)].map((m) => m[1]))];
}

export interface Credentials {
  key: string;
  secret: string;
}

/** A Postman environment: the API root and ApiKey_/ApiSecret_ for every client name. */
export function environmentFor(baseUrl: string, names: string[], credentialsFor: (name: string) => Credentials): Json {
  const values: Array<{ key: string; value: string; enabled: boolean }> = [
    { key: 'ApiBaseUrl', value: baseUrl, enabled: true },
    // The collections' scripts derive resource names from it (DS 5.x: Contact).
    { key: 'ParentOrContactProperName', value: 'Contact', enabled: true },
  ];
  for (const name of names) {
    const { key, secret } = credentialsFor(name);
    values.push({ key: `ApiKey_${name}`, value: key, enabled: true }, { key: `ApiSecret_${name}`, value: secret, enabled: true });
  }
  return { name: 'reference host', values };
}
