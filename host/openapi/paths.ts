// The eight operations of ed-fi/sessions as this host serves them (seeds; CONTRACT.md §1.1).
// Without change queries the deletes/keyChanges paths, the change-version parameters and the
// Use-Snapshot header are left out, as ODS leaves them out (§5 "Disabling").
import type { OpenAPIV3 } from 'openapi-types';
import { filterParameters, parameterRef } from './parameters.js';
import { responseRef } from './responses.js';

export interface PathOptions {
  changeQueries: boolean;
}

type Param = OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject;
type Responses = OpenAPIV3.ResponsesObject;

const schemaRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (name: string): OpenAPIV3.MediaTypeObject => ({ schema: { type: 'array', items: schemaRef(name) } });

const listEtagHeader: OpenAPIV3.HeaderObject = {
  description: 'Host extension (the seeds document 304 for this operation): a quoted content tag of this page; send it in If-None-Match to get 304 while the page is unchanged.',
  schema: { type: 'string' },
};
const totalCountHeader: OpenAPIV3.HeaderObject = { description: 'Number of matching items, when totalCount=true.', schema: { type: 'integer' } };

const errorResponses = (codes: string[]): Responses =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      responseRef(
        ({ '304': 'NotModified', '400': 'BadRequest', '401': 'Unauthorized', '403': 'Forbidden', '404': 'NotFound', '405': 'MethodNotAllowedSnapshot', '409': 'Conflict', '412': 'PreconditionFailed', '500': 'Error' } as Record<string, string>)[code],
      ),
    ]),
  );

function readOperation(operationId: string, summary: string, parameters: Param[], ok: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject, extra: Responses): OpenAPIV3.OperationObject {
  return { tags: ['sessions'], operationId, summary, parameters, responses: { '200': ok, ...extra } };
}

export function sessionPaths(options: PathOptions): OpenAPIV3.PathsObject {
  const cq = options.changeQueries;
  const changeVersions: Param[] = cq ? [parameterRef('MinChangeVersion'), parameterRef('MaxChangeVersion')] : [];
  const snapshotHeader: Param[] = cq ? [parameterRef('Use-Snapshot')] : [];
  const notFound: Responses = { '404': responseRef(cq ? 'NotFoundUseSnapshot' : 'NotFound') };
  const readErrors = errorResponses(['400', '401', '403', '500']);

  const paths: OpenAPIV3.PathsObject = {
    '/ed-fi/sessions': {
      get: readOperation(
        'getSessions',
        'Reads sessions matching the given property values, by limit/offset or cursor paging.',
        [
          parameterRef('offset'),
          parameterRef('limit'),
          parameterRef('pageToken'),
          parameterRef('pageSize'),
          ...changeVersions,
          parameterRef('totalCount'),
          ...filterParameters,
          ...snapshotHeader,
        ],
        {
          description: 'The matching sessions in insertion order.',
          headers: {
            'Next-Page-Token': { description: 'Cursor of the next page; absent when this page is empty.', schema: { type: 'string' } },
            'Total-Count': totalCountHeader,
            ETag: listEtagHeader,
          },
          content: { 'application/json': arrayOf('edFi_session') },
        },
        { ...errorResponses(['304']), ...readErrors, ...notFound },
      ),
      post: {
        tags: ['sessions'],
        operationId: 'postSession',
        summary: 'Creates a session, or updates the one with the same natural key (upsert).',
        requestBody: { required: true, description: 'The session, without id.', content: { 'application/json': { schema: schemaRef('edFi_session') } } },
        responses: {
          '200': responseRef('Updated'),
          '201': responseRef('Created'),
          ...errorResponses(['400', '401', '403', '405', '409', '412', '500']),
        },
      },
    },
    '/ed-fi/sessions/{id}': {
      get: readOperation(
        'getSessionsById',
        'Reads one session by its resource identifier.',
        [parameterRef('id'), parameterRef('If-None-Match'), ...snapshotHeader],
        {
          description: 'The session.',
          headers: { ETag: { description: 'Version of the item, quoted.', schema: { type: 'string' } } },
          content: { 'application/json': { schema: schemaRef('edFi_session') } },
        },
        { ...errorResponses(['304']), ...readErrors, ...notFound },
      ),
      put: {
        tags: ['sessions'],
        operationId: 'putSession',
        summary: 'Replaces a session; may change its natural key (cascading to dependents).',
        parameters: [parameterRef('id'), parameterRef('If-Match')],
        requestBody: { required: true, description: 'The whole session; an id in the body is ignored.', content: { 'application/json': { schema: schemaRef('edFi_session') } } },
        responses: { '204': responseRef('Updated'), ...errorResponses(['400', '401', '403', '404', '405', '409', '412', '500']) },
      },
      delete: {
        tags: ['sessions'],
        operationId: 'deleteSessionById',
        summary: 'Deletes a session.',
        parameters: [parameterRef('id'), parameterRef('If-Match')],
        responses: { '204': responseRef('Deleted'), ...errorResponses(['400', '401', '403', '404', '405', '409', '412', '500']) },
      },
    },
    '/ed-fi/sessions/partitions': {
      get: readOperation(
        'getSessionsPartitions',
        'Splits the matching sessions into contiguous partitions and returns the first page token of each.',
        [parameterRef('numberOfPartitions'), ...changeVersions, ...filterParameters, ...snapshotHeader],
        responseRef('Partitions'),
        {
          ...readErrors,
          // Not in the seed table; served only for Use-Snapshot: true without a snapshot.
          ...(cq ? { '404': { ...notFoundSnapshotOnly } } : {}),
        },
      ),
    },
  };

  if (cq) {
    const trackedParams: Param[] = [parameterRef('offset'), parameterRef('limit'), ...changeVersions, parameterRef('totalCount'), ...snapshotHeader];
    const trackedOk = (schema: string, description: string): OpenAPIV3.ResponseObject => ({
      description,
      headers: { 'Total-Count': totalCountHeader, ETag: listEtagHeader },
      content: { 'application/json': arrayOf(schema) },
    });
    paths['/ed-fi/sessions/deletes'] = {
      get: readOperation('deletesSessions', 'Lists deleted sessions by change version.', trackedParams, trackedOk('trackedChanges_edFi_sessionDelete', 'Deleted sessions in change-version order.'), {
        ...errorResponses(['304']),
        ...readErrors,
        ...notFound,
      }),
    };
    paths['/ed-fi/sessions/keyChanges'] = {
      get: readOperation('keyChangesSessions', 'Lists natural-key changes of sessions by change version.', trackedParams, trackedOk('trackedChanges_edFi_sessionKeyChange', 'Key changes in change-version order, one per session.'), {
        ...errorResponses(['304']),
        ...readErrors,
        ...notFound,
      }),
    };
  }
  return paths;
}

const notFoundSnapshotOnly: OpenAPIV3.ResponseObject & { 'x-host-extension': string } = {
  description: 'Use-Snapshot: true was sent and no snapshot is configured.',
  content: { 'application/json': { schema: schemaRef('problemDetails') } },
  'x-host-extension': 'Not listed in the v7.3 SDK table for this operation; ODS applies the same snapshot filter to every GET.',
};
