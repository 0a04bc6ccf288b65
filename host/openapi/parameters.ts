// Parameters of the host's OpenAPI document, in the order of the v7.3 SDK (seeds, CONTRACT.md
// §1.3). Defaults state what this host does at run time (500 items), not the 25 ODS advertises.
import type { OpenAPIV3 } from 'openapi-types';

type Parameter = OpenAPIV3.ParameterObject;

const query = (name: string, schema: OpenAPIV3.SchemaObject, description: string): Parameter => ({ name, in: 'query', description, schema });
const int32: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int32' };
const int64: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int64' };

export const componentParameters: Record<string, Parameter> = {
  offset: query('offset', { ...int32, minimum: 0 }, 'Items to skip before the page starts (limit/offset paging).'),
  limit: query('limit', { ...int32, minimum: 0, maximum: 500, default: 500 }, 'Largest number of items in the page (limit/offset paging).'),
  pageToken: query('pageToken', { type: 'string' }, 'Cursor of the page to read, from a Next-Page-Token header or from /partitions. Excludes offset and totalCount=true.'),
  pageSize: query('pageSize', { ...int32, minimum: 0, maximum: 500, default: 500 }, 'Largest number of items in the page (cursor paging, needs pageToken).'),
  MinChangeVersion: query('minChangeVersion', int64, 'Only items whose change version is at least this value (inclusive).'),
  MaxChangeVersion: query('maxChangeVersion', int64, 'Only items whose change version is at most this value (inclusive).'),
  totalCount: query('totalCount', { type: 'boolean', default: false }, 'When true the Total-Count header carries the number of matching items. Not allowed with pageToken.'),
  numberOfPartitions: query('number', { ...int32, minimum: 1, maximum: 200, default: 10 }, 'How many partitions to compute over the matching items.'),
  'If-None-Match': { name: 'If-None-Match', in: 'header', description: 'An ETag the client holds; 304 when it is still current.', schema: { type: 'string' } },
  'If-Match': { name: 'If-Match', in: 'header', description: 'The ETag the client last read; the write fails with 412 when the item changed since.', schema: { type: 'string' } },
  'Use-Snapshot': { name: 'Use-Snapshot', in: 'header', description: 'When true, read from the configured snapshot.', schema: { type: 'boolean', default: false } },
  id: { name: 'id', in: 'path', required: true, description: 'Resource identifier of the item.', schema: { type: 'string' } },
};

/** Property filters of GET-many and /partitions (equality). */
export const filterParameters: Parameter[] = [
  query('sessionName', { type: 'string', maxLength: 60 }, 'Sessions with this name.'),
  query('schoolId', int64, 'Sessions of this school.'),
  query('schoolYear', int32, 'Sessions of this school year.'),
  query('termDescriptor', { type: 'string', maxLength: 306 }, 'Sessions with this term descriptor URI.'),
  query('beginDate', { type: 'string', format: 'date' }, 'Sessions starting on this date.'),
  query('endDate', { type: 'string', format: 'date' }, 'Sessions ending on this date.'),
  query('id', { type: 'string' }, 'The session with this resource identifier.'),
  query('totalInstructionalDays', int32, 'Sessions with this number of instructional days.'),
];

export const parameterRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/parameters/${name}` });
