// Response-schema faults (CONTRACT.md §1.2): the session as read back breaks the contract's shape
// (a property renamed, a number as a string, the id or dates in another format).
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { editSessions, isOperation } from './match.js';

function onReads(edit: (session: Record<string, unknown>) => Record<string, unknown>) {
  return (req: HostRequest, res: HostResponse): HostResponse =>
    isOperation(req, 'GetSessionsById', 'GetSessions') && res.status === 200 ? editSessions(res, edit) : res;
}

const READ_REQUIREMENTS = ['SES-GETBYID-200-FOUND', 'SES-GET-200-LIST'];

export const schemaFaults: Fault[] = [
  {
    id: 'SessionNameRenamed',
    description: 'Read responses carry the session name as "name" instead of "sessionName".',
    models: 'A serializer mapping that follows the database column alias instead of the API contract.',
    // The key-change check reads the new name back.
    violates: [...READ_REQUIREMENTS, 'SES-PUT-KEY-CHANGE-KEEPS-ID'],
    onResponse: onReads(({ sessionName, ...rest }) => (sessionName === undefined ? rest : { ...rest, name: sessionName })),
  },
  {
    id: 'InstructionalDaysAsString',
    description: 'Read responses render totalInstructionalDays as a string ("81").',
    models: 'A value read from a text-typed view column and serialised without conversion.',
    violates: READ_REQUIREMENTS,
    onResponse: onReads((s) => (typeof s.totalInstructionalDays === 'number' ? { ...s, totalInstructionalDays: String(s.totalInstructionalDays) } : s)),
  },
  {
    id: 'SessionIdWithDashes',
    description: 'Read responses render the id as a dashed GUID (8-4-4-4-12) instead of 32 hex digits.',
    models: 'A GUID serialised with the platform default format instead of the ODS "N" converter.',
    violates: READ_REQUIREMENTS,
    onResponse: onReads((s) =>
      typeof s.id === 'string' && /^[0-9a-f]{32}$/.test(s.id)
        ? { ...s, id: `${s.id.slice(0, 8)}-${s.id.slice(8, 12)}-${s.id.slice(12, 16)}-${s.id.slice(16, 20)}-${s.id.slice(20)}` }
        : s,
    ),
  },
  {
    id: 'DatesWithTimeOfDay',
    description: 'Read responses render beginDate and endDate as date-times ("2021-08-23T00:00:00").',
    models: 'A DATE column mapped to a DateTime and serialised with its midnight time part.',
    violates: READ_REQUIREMENTS,
    onResponse: onReads((s) => ({
      ...s,
      ...(typeof s.beginDate === 'string' ? { beginDate: `${s.beginDate}T00:00:00` } : {}),
      ...(typeof s.endDate === 'string' ? { endDate: `${s.endDate}T00:00:00` } : {}),
    })),
  },
];
