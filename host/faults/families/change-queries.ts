// Change-query faults (CONTRACT.md §5): change versions that do not rise, bounds treated as
// exclusive, deletes and key changes lost, mis-shaped or not collapsed.
//
// Some faults keep a little state (module-level, so per process): they emulate a bug whose effect
// spans several requests by watching the traffic, e.g. remembering the deletes a client has seen
// to keep listing them after the key is re-created. Each fault runs on one host at a time.
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import {
  idFromLocation,
  idFromPath,
  intParam,
  isAvailableChangeVersions,
  isOperation,
  isPlainObject,
  requestJson,
  responseJson,
  systemError,
  withoutResponseHeader,
  withQuery,
  type SessionOperation,
} from './match.js';

function shiftBound(operation: SessionOperation, name: 'minChangeVersion' | 'maxChangeVersion', by: number) {
  return (req: HostRequest): HostRequest => {
    const value = intParam(req.query, name);
    return isOperation(req, operation) && value !== undefined ? withQuery(req, (q) => q.set(name, String(value + by))) : req;
  };
}

function editItems(res: HostResponse, edit: (items: Record<string, unknown>[]) => unknown[]): HostResponse {
  const body = responseJson(res);
  if (res.status !== 200 || !Array.isArray(body)) return res;
  return { ...res, body: edit(body.filter(isPlainObject).map((item) => ({ ...item }))) };
}

// ---- ChangeVersionNotRaisedOnDelete --------------------------------------------------------
let deletesSeen = 0;

function countDeletes(req: HostRequest, res: HostResponse): HostResponse {
  if (isOperation(req, 'DeleteSessionById') && res.status === 204) deletesSeen += 1;
  if (!isAvailableChangeVersions(req) || deletesSeen === 0) return res;
  const body = responseJson(res);
  if (!isPlainObject(body) || typeof body.newestChangeVersion !== 'number') return res;
  return { ...res, body: { ...body, newestChangeVersion: body.newestChangeVersion - deletesSeen } };
}

// ---- ChangeVersionNotRaisedOnCreate ---------------------------------------------------------
let createsSeen = 0;

function countCreates(req: HostRequest, res: HostResponse): HostResponse {
  if (isOperation(req, 'PostSession') && res.status === 201) createsSeen += 1;
  if (!isAvailableChangeVersions(req) || createsSeen === 0) return res;
  const body = responseJson(res);
  if (!isPlainObject(body) || typeof body.newestChangeVersion !== 'number') return res;
  return { ...res, body: { ...body, newestChangeVersion: body.newestChangeVersion - createsSeen } };
}

// ---- AvailableChangeVersionsLagging: every other read comes from a replica one version behind --
let availableReads = 0;

function lagEveryOtherRead(req: HostRequest, res: HostResponse): HostResponse {
  if (!isAvailableChangeVersions(req)) return res;
  availableReads += 1;
  const body = responseJson(res);
  if (availableReads % 2 === 1 || !isPlainObject(body) || typeof body.newestChangeVersion !== 'number' || body.newestChangeVersion < 1) return res;
  return { ...res, body: { ...body, newestChangeVersion: body.newestChangeVersion - 1 } };
}

// ---- ChangeVersionNotRaisedOnKeyChange: reads after key changes repeat the last value -----------
let lastReportedNewest: number | undefined;
let keyChangesSinceRead = 0;
let otherWritesSinceRead = 0;

function hideKeyChanges(req: HostRequest, res: HostResponse): HostResponse {
  if (isOperation(req, 'PostSession', 'PutSession', 'DeleteSessionById') && res.status < 300) {
    if (isOperation(req, 'PutSession') && isKeyChangingPut(req)) keyChangesSinceRead += 1;
    else otherWritesSinceRead += 1;
  }
  recordKeys(req, res);
  if (!isAvailableChangeVersions(req)) return res;
  const body = responseJson(res);
  if (!isPlainObject(body) || typeof body.newestChangeVersion !== 'number') return res;
  // Until another write moves the live tables, every read repeats the value from before the key
  // changes: the key-change rows are never counted (re-reading does not reveal them).
  const hide = keyChangesSinceRead > 0 && otherWritesSinceRead === 0 && lastReportedNewest !== undefined;
  if (hide) return { ...res, body: { ...body, newestChangeVersion: lastReportedNewest } };
  keyChangesSinceRead = 0;
  otherWritesSinceRead = 0;
  lastReportedNewest = body.newestChangeVersion;
  return res;
}

// ---- DeletesListRecreatedItems -------------------------------------------------------------
const deletesListed = new Map<string, Record<string, unknown>>();

function inWindow(req: HostRequest, item: Record<string, unknown>): boolean {
  const version = Number(item.changeVersion);
  const min = intParam(req.query, 'minChangeVersion');
  const max = intParam(req.query, 'maxChangeVersion');
  return (min === undefined || version >= min) && (max === undefined || version <= max);
}

function keepListingDeletes(req: HostRequest, res: HostResponse): HostResponse {
  if (!isOperation(req, 'DeletesSessions') || req.headers['use-snapshot'] !== undefined) return res;
  return editItems(res, (items) => {
    for (const item of items) if (typeof item.id === 'string') deletesListed.set(item.id, item);
    const present = new Set(items.map((item) => item.id));
    const missing = [...deletesListed.values()].filter((item) => !present.has(item.id) && inWindow(req, item));
    return [...items, ...missing].sort((a, b) => Number(a.changeVersion) - Number(b.changeVersion));
  });
}

// ---- KeyChangesNotCollapsed ----------------------------------------------------------------
// The natural keys each session id has had, in order, learnt from POST and PUT bodies.
type SessionKey = { schoolId: unknown; schoolYear: unknown; sessionName: unknown };
const keyHistory = new Map<string, SessionKey[]>();

function keyOf(body: unknown): SessionKey | undefined {
  if (!isPlainObject(body)) return undefined;
  const school = isPlainObject(body.schoolReference) ? body.schoolReference.schoolId : undefined;
  const year = isPlainObject(body.schoolYearTypeReference) ? body.schoolYearTypeReference.schoolYear : undefined;
  if (school === undefined || year === undefined || typeof body.sessionName !== 'string') return undefined;
  return { schoolId: school, schoolYear: year, sessionName: body.sessionName };
}

const sameKey = (a: unknown, b: SessionKey): boolean =>
  isPlainObject(a) && a.sessionName === b.sessionName && Number(a.schoolId) === Number(b.schoolId) && Number(a.schoolYear) === Number(b.schoolYear);

/** Learns the keys a session id has had from successful POST (create) and PUT bodies. */
export function recordKeys(req: HostRequest, res: HostResponse): void {
  const id = isOperation(req, 'PostSession') && res.status === 201 ? idFromLocation(res) : isOperation(req, 'PutSession') && res.status === 204 ? idFromPath(req) : undefined;
  const key = keyOf(requestJson(req));
  if (id === undefined || key === undefined) return;
  const history = keyHistory.get(id) ?? [];
  const last = history[history.length - 1];
  if (last === undefined || !sameKey(last, key)) keyHistory.set(id, [...history, key]);
}

/** Whether a PUT's body changes the natural key the fault last saw for that id. */
export function isKeyChangingPut(req: HostRequest): boolean {
  const id = isOperation(req, 'PutSession') ? idFromPath(req) : undefined;
  const history = id === undefined ? undefined : keyHistory.get(id);
  const key = keyOf(requestJson(req));
  return history !== undefined && history.length > 0 && key !== undefined && !sameKey(history[history.length - 1], key);
}

/** Splits a collapsed key-change item back into one item per recorded step. */
function expandKeyChanges(req: HostRequest, res: HostResponse): HostResponse {
  recordKeys(req, res);
  if (!isOperation(req, 'KeyChangesSessions')) return res;
  return editItems(res, (items) =>
    items.flatMap((item) => {
      const history = typeof item.id === 'string' ? keyHistory.get(item.id) : undefined;
      if (history === undefined) return [item];
      const from = history.findIndex((key) => sameKey(item.oldKeyValues, key));
      const to = history.findIndex((key) => sameKey(item.newKeyValues, key));
      if (from < 0 || to <= from + 1) return [item];
      const steps = history.slice(from, to + 1);
      const last = Number(item.changeVersion);
      return steps.slice(1).map((key, i) => ({
        id: item.id,
        changeVersion: last - (steps.length - 2 - i),
        oldKeyValues: steps[i],
        newKeyValues: key,
      }));
    }),
  );
}

// ---- ChangeQueriesAnswer500 ------------------------------------------------------------------
const isChangeQuery = (req: HostRequest): boolean => isAvailableChangeVersions(req) || isOperation(req, 'DeletesSessions', 'KeyChangesSessions');

/** Statuses decided before the change-query handler runs (authentication, authorization, a
 * missing snapshot, the feature switched off): they keep their faithful answer. */
const DECIDED_BEFORE_HANDLER = new Set([401, 403, 404]);

const CHANGE_QUERY_ENDPOINT_REQUIREMENTS = [
  'SES-ACV-SHAPE',
  'SES-ACV-OLDEST-ZERO',
  'SES-ACV-MONOTONIC',
  'SES-ACV-RAISE-CREATE',
  'SES-ACV-RAISE-UPDATE',
  'SES-ACV-RAISE-KEY-CHANGE',
  'SES-ACV-RAISE-DELETE',
  'SES-DELETES-200',
  'SES-DELETES-CV-MIN-MAX',
  'SES-DELETES-RECREATED',
  'SES-DELETES-SAME-KEY-TWICE',
  'SES-DELETES-TOTAL-COUNT',
  'SES-DELETES-304-ETAG',
  'SES-DELETES-400-PAGING',
  'SES-KEYCHG-200',
  'SES-KEYCHG-CV-MIN-MAX',
  'SES-KEYCHG-COLLAPSE',
  'SES-KEYCHG-TOTAL-COUNT',
  'SES-KEYCHG-304-ETAG',
  'SES-KEYCHG-400-PAGING',
];

const changeQueriesAnswer500: Fault = {
  id: 'ChangeQueriesAnswer500',
  description: 'availableChangeVersions, /deletes and /keyChanges answer 500 to every authorized request.',
  models: 'Change-query endpoints deployed without their tracking tables (or a schema migration not run), so every query throws; a host with change queries switched off answers 404 instead.',
  violates: CHANGE_QUERY_ENDPOINT_REQUIREMENTS,
  onResponse: (req, res) => (isChangeQuery(req) && !DECIDED_BEFORE_HANDLER.has(res.status) ? systemError(req) : res),
};

export const changeQueryFaults: Fault[] = [
  changeQueriesAnswer500,
  {
    id: 'ChangeVersionNotRaisedOnUpdate',
    description: 'A non-key update of a session keeps its old change version (newestChangeVersion does not rise).',
    models: 'An update trigger that sets LastModifiedDate but forgets to draw the next value of the change-version sequence.',
    violates: ['SES-ACV-RAISE-UPDATE'],
    seams: { freezeChangeVersionOnUpdate: true },
  },
  {
    id: 'ChangeVersionNotRaisedOnDelete',
    description: 'newestChangeVersion does not rise when a session is deleted.',
    models: 'availableChangeVersions computed as the highest change version of live rows, so tracked deletes are not counted.',
    violates: ['SES-ACV-RAISE-DELETE'],
    onResponse: countDeletes,
  },
  {
    id: 'ChangeVersionNotRaisedOnCreate',
    description: 'newestChangeVersion does not rise when a session is created.',
    models: 'An insert path that stores rows with the current sequence value instead of drawing the next one.',
    violates: ['SES-ACV-RAISE-CREATE'],
    onResponse: countCreates,
  },
  {
    id: 'ChangeVersionNotRaisedOnKeyChange',
    description: 'newestChangeVersion does not rise when a session\'s natural key changes (and nothing else was written).',
    models: 'availableChangeVersions computed from the live tables and the deletes table only, so the key-change rows (and a key-change update) are not counted.',
    violates: ['SES-ACV-RAISE-KEY-CHANGE'],
    onResponse: hideKeyChanges,
  },
  {
    id: 'AvailableChangeVersionsLagging',
    description: 'Every other availableChangeVersions read reports a newestChangeVersion one lower than the previous read.',
    models: 'Reads load-balanced between the primary and a read replica that lags one transaction behind.',
    violates: ['SES-ACV-MONOTONIC'],
    onResponse: lagEveryOtherRead,
  },
  {
    id: 'ChangeVersionsAsStrings',
    description: 'availableChangeVersions renders both versions as strings.',
    models: 'bigint values serialised as strings by a driver default (node-postgres returns int8 as text).',
    violates: ['SES-ACV-SHAPE'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isAvailableChangeVersions(req) && isPlainObject(body)
        ? { ...res, body: { oldestChangeVersion: String(body.oldestChangeVersion), newestChangeVersion: String(body.newestChangeVersion) } }
        : res;
    },
  },
  {
    id: 'OldestChangeVersionOne',
    description: 'availableChangeVersions reports oldestChangeVersion 1 instead of 0.',
    models: 'A host that reports the first value of its sequence as the oldest version, where ODS 7.x always says 0.',
    violates: ['SES-ACV-OLDEST-ZERO'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isAvailableChangeVersions(req) && isPlainObject(body) && body.oldestChangeVersion === 0 ? { ...res, body: { ...body, oldestChangeVersion: 1 } } : res;
    },
  },
  {
    id: 'MinChangeVersionExclusiveOnList',
    description: 'GET-many treats minChangeVersion as exclusive (changeVersion > min).',
    models: 'A `>` written for `>=` in the live-data change-version filter.',
    violates: ['SES-GET-CV-MIN-MAX'],
    onRequest: shiftBound('GetSessions', 'minChangeVersion', 1),
  },
  {
    id: 'MaxChangeVersionExclusiveOnList',
    description: 'GET-many treats maxChangeVersion as exclusive (changeVersion < max).',
    models: 'A `<` written for `<=` in the live-data change-version filter.',
    violates: ['SES-GET-CV-MIN-MAX'],
    onRequest: shiftBound('GetSessions', 'maxChangeVersion', -1),
  },
  {
    id: 'MinChangeVersionExclusiveOnPartitions',
    description: 'The partitions endpoint treats minChangeVersion as exclusive.',
    models: 'A partition query that re-implements the change-version filter with `>` instead of reusing GET-many\'s.',
    violates: ['SES-PART-CV-MIN-MAX'],
    onRequest: shiftBound('GetSessionsPartitions', 'minChangeVersion', 1),
  },
  {
    id: 'MaxChangeVersionExclusiveOnDeletes',
    description: '/deletes treats maxChangeVersion as exclusive.',
    models: 'A `<` written for `<=` in the tracked-deletes query.',
    violates: ['SES-DELETES-CV-MIN-MAX'],
    onRequest: shiftBound('DeletesSessions', 'maxChangeVersion', -1),
  },
  {
    id: 'MinChangeVersionExclusiveOnKeyChanges',
    description: '/keyChanges treats minChangeVersion as exclusive.',
    models: 'A `>` written for `>=` in the tracked-key-changes query.',
    violates: ['SES-KEYCHG-CV-MIN-MAX'],
    onRequest: shiftBound('KeyChangesSessions', 'minChangeVersion', 1),
  },
  {
    id: 'DeletesNotTracked',
    description: '/deletes always answers an empty array.',
    models: 'A delete path that removes the row without the tracked-change trigger (e.g. a bulk DELETE with triggers disabled).',
    violates: ['SES-DELETES-200'],
    onResponse: (req, res) => (isOperation(req, 'DeletesSessions') ? editItems(res, () => []) : res),
  },
  {
    id: 'DeletesWithoutKeyValues',
    description: '/deletes items carry id and changeVersion but no keyValues.',
    models: 'A tracked-deletes projection that never joined the old natural-key columns.',
    violates: ['SES-DELETES-200'],
    onResponse: (req, res) =>
      isOperation(req, 'DeletesSessions') ? editItems(res, (items) => items.map(({ keyValues: _dropped, ...rest }) => rest)) : res,
  },
  {
    id: 'DeletesChangeVersionAsString',
    description: '/deletes items render changeVersion as a string.',
    models: 'A 64-bit integer serialised as a string to protect JavaScript clients, contrary to the contract.',
    violates: ['SES-DELETES-200'],
    onResponse: (req, res) =>
      isOperation(req, 'DeletesSessions') ? editItems(res, (items) => items.map((item) => ({ ...item, changeVersion: String(item.changeVersion) }))) : res,
  },
  {
    id: 'DeletesListRecreatedItems',
    description: '/deletes keeps listing a deleted session after its natural key has been created again.',
    models: 'A tracked-deletes query missing the NOT EXISTS against the live table that ODS uses to hide re-created keys.',
    violates: ['SES-DELETES-RECREATED'],
    onResponse: keepListingDeletes,
  },
  {
    id: 'DeletesTotalCountIgnored',
    description: '/deletes ignores totalCount=true: no Total-Count header.',
    models: 'totalCount implemented for live resources but not for the change-query endpoints.',
    violates: ['SES-DELETES-TOTAL-COUNT'],
    onResponse: (req, res) => (isOperation(req, 'DeletesSessions') ? withoutResponseHeader(res, 'Total-Count') : res),
  },
  {
    id: 'KeyChangesTotalCountIgnored',
    description: '/keyChanges ignores totalCount=true: no Total-Count header.',
    models: 'totalCount wired into the deletes endpoint but not into the key-changes one.',
    violates: ['SES-KEYCHG-TOTAL-COUNT'],
    onResponse: (req, res) => (isOperation(req, 'KeyChangesSessions') ? withoutResponseHeader(res, 'Total-Count') : res),
  },
  {
    id: 'ChangeQueryNegativeOffsetAccepted',
    description: '/deletes and /keyChanges treat a negative offset as 0 instead of refusing it.',
    models: 'Change-query endpoints that clamp paging values instead of validating them like the ODS request extensions do.',
    violates: ['SES-DELETES-400-PAGING', 'SES-KEYCHG-400-PAGING'],
    onRequest: (req) =>
      isOperation(req, 'DeletesSessions', 'KeyChangesSessions') && (intParam(req.query, 'offset') ?? 0) < 0
        ? withQuery(req, (q) => q.set('offset', '0'))
        : req,
  },
  {
    id: 'KeyChangesNotTracked',
    description: '/keyChanges always answers an empty array.',
    models: 'A key-change trigger missing from the session table, so renames leave no tracked row.',
    violates: ['SES-KEYCHG-200'],
    onResponse: (req, res) => (isOperation(req, 'KeyChangesSessions') ? editItems(res, () => []) : res),
  },
  {
    id: 'KeyChangesOldNewSwapped',
    description: '/keyChanges items carry the old keys under newKeyValues and the new keys under oldKeyValues.',
    models: 'A projection that maps the trigger\'s OLD/NEW columns the wrong way round.',
    violates: ['SES-KEYCHG-200', 'SES-KEYCHG-COLLAPSE'],
    onResponse: (req, res) =>
      isOperation(req, 'KeyChangesSessions')
        ? editItems(res, (items) => items.map((item) => ({ ...item, oldKeyValues: item.newKeyValues, newKeyValues: item.oldKeyValues })))
        : res,
  },
  {
    id: 'KeyChangesNotCollapsed',
    description: '/keyChanges lists one item per rename instead of collapsing the renames of one id into one item.',
    models: 'A key-changes query that returns the tracked rows as they are, without the first-old/last-new window ODS applies.',
    violates: ['SES-KEYCHG-COLLAPSE'],
    onResponse: expandKeyChanges,
  },
  {
    id: 'FeatureDisabledAnswersNotFound',
    description: 'With change queries disabled, /deletes and /keyChanges answer a generic 404 not-found instead of feature-disabled.',
    models: 'Change-query routes left unregistered when the feature is off, so the router reports an unknown path.',
    // Every feature-disabled answer is rewritten, course offerings' lists too.
    violates: ['SES-CQ-DISABLED-DELETES', 'SES-CQ-DISABLED-KEYCHG', 'CO-CQ-DISABLED-DELETES', 'CO-CQ-DISABLED-KEYCHG'],
    onResponse: (req, res) => {
      const body = responseJson(res);
      return isPlainObject(body) && body.type === 'urn:ed-fi:api:system:configuration:feature-disabled'
        ? { ...res, body: { ...body, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: 'The specified data could not be found.' } }
        : res;
    },
  },
  {
    id: 'DeletesCollapseSameKey',
    description: '/deletes lists one item per natural key: a key deleted twice shows only its latest delete.',
    models: 'A tracked-deletes query that groups by the old natural key (DISTINCT ON the key) instead of listing every deleted resource id.',
    violates: ['SES-DELETES-SAME-KEY-TWICE'],
    onResponse: (req, res) =>
      isOperation(req, 'DeletesSessions')
        ? editItems(res, (items) => {
            const latest = new Map<string, Record<string, unknown>>();
            for (const item of items) latest.set(JSON.stringify(item.keyValues ?? item.id), item);
            return items.filter((item) => latest.get(JSON.stringify(item.keyValues ?? item.id)) === item);
          })
        : res,
  },
];

// Faults that only change what availableChangeVersions, /deletes or /keyChanges answer cannot show
// on a host whose change-query endpoints all answer 500.
changeQueriesAnswer500.incompatibleWith = [
  ...changeQueryFaults
    .filter((f) => f !== changeQueriesAnswer500 && f.violates.every((id) => CHANGE_QUERY_ENDPOINT_REQUIREMENTS.includes(id)))
    .map((f) => f.id),
  'Http500OnDeletesSessions',
  'Http500OnKeyChangesSessions',
];
