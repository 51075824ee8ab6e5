import { errorCodes } from './error-codes.js';
import { AppError, type FieldError } from './app-error.js';

/** RFC 9457 problem details, with Custodian's extension members `code` and `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: readonly FieldError[];
  requestId?: string;
}

export const problemTypeBase = 'https://custodian.dev/problems/';

export function toProblem(error: AppError, requestId?: string): ProblemDetails {
  const title = errorCodes[error.code].title;
  return {
    type: `${problemTypeBase}${error.code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** What a caller sees for a bug: nothing internal, only the request id to quote to support. */
export function internalProblem(requestId?: string): ProblemDetails {
  return toProblem(new AppError('INTERNAL', 'Something went wrong on our side. Quote the request id if you contact support.'), requestId);
}
