// One JSON error shape for every route: { code, message, requestId }.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, AppErrorCode } from '../core/errors';
import { answerJson, requestIdOf } from './answer';

const STATUS: Record<AppErrorCode, ContentfulStatusCode> = {
  validation_error: 400,
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  internal_error: 500,
};

export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  const requestId = requestIdOf(c);
  return answerJson(c, { code, message, requestId, ...(details === undefined ? {} : { details }) }, status);
}

export function errorResponse(c: Context, err: AppError) {
  return jsonError(c, STATUS[err.code], err.code, err.message, err.details);
}
