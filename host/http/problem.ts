// Ed-Fi problem details (RFC 9457 as ODS 7.3 renders it, CONTRACT.md §2): member order detail,
// type, title, status, correlationId, validationErrors, errors; null members omitted.
import type { HostResponse } from './types.js';

export interface ProblemInit {
  status: number;
  type: string;
  title: string;
  detail: string;
  correlationId: string;
  validationErrors?: Record<string, string[]>;
  errors?: string[];
  headers?: Record<string, string>;
  /** Middleware-produced problems use application/problem+json in ODS. */
  problemJson?: boolean;
}

export function problem(init: ProblemInit): HostResponse {
  const body: Record<string, unknown> = {
    detail: init.detail,
    type: init.type,
    title: init.title,
    status: init.status,
    correlationId: init.correlationId,
  };
  if (init.validationErrors && Object.keys(init.validationErrors).length > 0) body.validationErrors = init.validationErrors;
  if (init.errors && init.errors.length > 0) body.errors = init.errors;
  return {
    status: init.status,
    headers: init.headers,
    body,
    contentType: init.problemJson ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
  };
}
