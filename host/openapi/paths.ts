// The eight operations of a resource as this host serves them (sessions: seeds, CONTRACT.md §1.1;
// courseOfferings: the ODS 7.2 resources document, plus the 7.3 /partitions). Written once over an
// OpenApiResource (its path, names, schema and filters); each resource supplies one.
// Without change queries the deletes/keyChanges paths, the change-version parameters and the
// Use-Snapshot header are left out, as ODS leaves them out (§5 "Disabling").
import type { OpenAPIV3 } from 'openapi-types';
import { filterParameters, parameterRef } from './parameters.js';
import { responseRef } from './responses.js';

export interface PathOptions {
  changeQueries: boolean;
}

export interface OpenApiResource {
  /** e.g. '/ed-fi/sessions'. */
  path: string;
  tag: string;
  /** Operation id stems as ODS names them: getSessions / postSession. */
  plural: string;
  singular: string;
  /** Component schema of the item and of its tracked delete / key change. */
  schema: string;
  deleteSchema: string;
  keyChangeSchema: string;
  filters: OpenAPIV3.ParameterObject[];
  /** Item noun in summaries, e.g. 'session'. */
  noun: string;
  /** What PUT does with a changed natural key. */
  keyChange: 'cascades' | 'not-supported';
}

export const SESSION_OPENAPI: OpenApiResource = {
  path: '/ed-fi/sessions',
  tag: 'sessions',
  plural: 'Sessions',
  singular: 'Session',
  schema: 'edFi_session',
  deleteSchema: 'trackedChanges_edFi_sessionDelete',
  keyChangeSchema: 'trackedChanges_edFi_sessionKeyChange',
  filters: filterParameters,
  noun: 'session',
  keyChange: 'cascades',
};

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

export function sessionPaths(options: PathOptions): OpenAPIV3.PathsObject {
  return resourcePaths(SESSION_OPENAPI, options);
}

export function resourcePaths(resource: OpenApiResource, options: PathOptions): OpenAPIV3.PathsObject {
  const { path, plural, singular, noun, filters: filterParameters } = resource;
  const readOperation = (operationId: string, summary: string, parameters: Param[], ok: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject, extra: Responses): OpenAPIV3.OperationObject => ({
    tags: [resource.tag],
    operationId,
    summary,
    parameters,
    responses: { '200': ok, ...extra },
  });
  const cq = options.changeQueries;
  const changeVersions: Param[] = cq ? [parameterRef('MinChangeVersion'), parameterRef('MaxChangeVersion')] : [];
  const snapshotHeader: Param[] = cq ? [parameterRef('Use-Snapshot')] : [];
  const notFound: Responses = { '404': responseRef(cq ? 'NotFoundUseSnapshot' : 'NotFound') };
  const readErrors = errorResponses(['400', '401', '403', '500']);

  const paths: OpenAPIV3.PathsObject = {
    [path]: {
      get: readOperation(
        `get${plural}`,
        `Reads ${noun}s matching the given property values, by limit/offset or cursor paging.`,
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
          description: `The matching ${noun}s in insertion order.`,
          headers: {
            'Next-Page-Token': { description: 'Cursor of the next page; absent when this page is empty.', schema: { type: 'string' } },
            'Total-Count': totalCountHeader,
            ETag: listEtagHeader,
          },
          content: { 'application/json': arrayOf(resource.schema) },
        },
        { ...errorResponses(['304']), ...readErrors, ...notFound },
      ),
      post: {
        tags: [resource.tag],
        operationId: `post${singular}`,
        summary: `Creates a ${noun}, or updates the one with the same natural key (upsert).`,
        requestBody: { required: true, description: `The ${noun}, without id.`, content: { 'application/json': { schema: schemaRef(resource.schema) } } },
        responses: {
          '200': responseRef('Updated'),
          '201': responseRef('Created'),
          ...errorResponses(['400', '401', '403', '405', '409', '412', '500']),
        },
      },
    },
    [`${path}/{id}`]: {
      get: readOperation(
        `get${plural}ById`,
        `Reads one ${noun} by its resource identifier.`,
        [parameterRef('id'), parameterRef('If-None-Match'), ...snapshotHeader],
        {
          description: `The ${noun}.`,
          headers: { ETag: { description: 'Version of the item, quoted.', schema: { type: 'string' } } },
          content: { 'application/json': { schema: schemaRef(resource.schema) } },
        },
        { ...errorResponses(['304']), ...readErrors, ...notFound },
      ),
      put: {
        tags: [resource.tag],
        operationId: `put${singular}`,
        summary:
          resource.keyChange === 'cascades'
            ? `Replaces a ${noun}; may change its natural key (cascading to dependents).`
            : `Replaces a ${noun}; its natural key cannot change (400 key-change-not-supported): use POST, which upserts.`,
        parameters: [parameterRef('id'), parameterRef('If-Match')],
        requestBody: { required: true, description: `The whole ${noun}; an id in the body is ignored.`, content: { 'application/json': { schema: schemaRef(resource.schema) } } },
        responses: { '204': responseRef('Updated'), ...errorResponses(['400', '401', '403', '404', '405', '409', '412', '500']) },
      },
      delete: {
        tags: [resource.tag],
        operationId: `delete${singular}ById`,
        summary: `Deletes a ${noun}.`,
        parameters: [parameterRef('id'), parameterRef('If-Match')],
        responses: { '204': responseRef('Deleted'), ...errorResponses(['400', '401', '403', '404', '405', '409', '412', '500']) },
      },
    },
    [`${path}/partitions`]: {
      get: readOperation(
        `get${plural}Partitions`,
        `Splits the matching ${noun}s into contiguous partitions and returns the first page token of each.`,
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
    paths[`${path}/deletes`] = {
      get: readOperation(`deletes${plural}`, `Lists deleted ${noun}s by change version.`, trackedParams, trackedOk(resource.deleteSchema, `Deleted ${noun}s in change-version order.`), {
        ...errorResponses(['304']),
        ...readErrors,
        ...notFound,
      }),
    };
    paths[`${path}/keyChanges`] = {
      get: readOperation(`keyChanges${plural}`, `Lists natural-key changes of ${noun}s by change version.`, trackedParams, trackedOk(resource.keyChangeSchema, `Key changes in change-version order, one per ${noun}.`), {
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
