import { errorCodes, type ErrorCode } from './error-codes.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. "email" or "address.postalCode". */
  readonly field: string;
  readonly message: string;
}

/** The only error type thrown on purpose; anything else is a bug and becomes a generic 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fieldErrors: readonly FieldError[];
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: { fieldErrors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(detail ?? errorCodes[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.fieldErrors = options.fieldErrors ?? [];
    this.headers = options.headers ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
