/**
 * Every error Custodian raises on purpose. The HTTP status and title live here, once;
 * problem-details.ts turns an AppError into RFC 9457 problem+json.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  CSRF_REJECTED: { status: 403, title: 'The form has expired; reload the page and try again' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  FORBIDDEN: { status: 403, title: 'You do not have permission for this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  EMAIL_TAKEN: { status: 409, title: 'An account with this email address already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests; wait and try again' },
  INVALID_CREDENTIALS: { status: 401, title: 'Email or password is incorrect' },
  ACCOUNT_LOCKED: { status: 423, title: 'Sign-in is locked for a while after repeated failures' },
  EMAIL_NOT_VERIFIED: { status: 403, title: 'Verify your email address first' },
  SECOND_FACTOR_REQUIRED: { status: 401, title: 'A second factor is required' },
  SECOND_FACTOR_INVALID: { status: 401, title: 'The code is not valid' },
  TOKEN_INVALID: { status: 400, title: 'The link is invalid or has expired' },
  MINIMUM_AGE_NOT_MET: { status: 400, title: 'You must confirm that you meet the minimum age' },
  MARKETING_NOT_PERMITTED: { status: 409, title: 'Marketing messages cannot be sent without recorded consent' },
  SETUP_ALREADY_DONE: { status: 409, title: 'The first owner already exists' },
  SENSITIVE_DATA_WARNING: { status: 422, title: 'This may contain sensitive identifiers; change it or confirm to send it as it is' },
  CARD_NUMBER_REFUSED: { status: 400, title: 'Payment card numbers are never accepted here; pay through the payment page' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, title: 'This type of file is not accepted' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'The webhook signature is not valid' },
  PAYMENT_FAILED: { status: 402, title: 'The payment did not go through' },
  SIGN_UP_REFUSED: { status: 403, title: 'An account cannot be created with these details; contact support' },
  ACCOUNT_SUSPENDED: { status: 403, title: 'This account is suspended' },
  EXTERNAL_SYSTEM_UNAVAILABLE: { status: 503, title: 'A system we depend on is not answering; try again shortly' },
  CONFIG_INVALID: { status: 500, title: 'Invalid configuration' },
  DATA_DIR_LOCKED: { status: 500, title: 'The data directory is in use by another process' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;
