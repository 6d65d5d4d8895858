/**
 * The one catalogue of error codes. Every error the library throws on purpose is a SearchError
 * with a code from here; the front ends translate codes (HTTP status, MCP isError, CLI exit).
 */

export const ERROR_CODES = {
  BAD_INPUT: 400,
  QUERY_TOO_LONG: 400,
  UNSUPPORTED_FILE: 400,
  BINARY_FILE: 400,
  INVALID_UTF8: 400,
  EMPTY_DOCUMENT: 400,
  DOCUMENT_TOO_LARGE: 413,
  MALFORMED_JSON: 400,
  /** A warning, not a failure: the article was stored with its title cut to the limit. */
  TITLE_TRUNCATED: 400,
  /** A warning: the article was stored with a dateline date whose year is unknown. */
  DATE_YEAR_UNKNOWN: 400,
  /** A warning: the article was stored without its date, which is not an ISO 8601 date. */
  DATE_INVALID: 400,
  /** A warning: the article was stored, and another id holds the same content. */
  DUPLICATE_CONTENT: 400,
  NOT_FOUND: 404,
  INDEX_NOT_FOUND: 404,
  INDEX_LOCKED: 409,
  INDEX_MODEL_MISMATCH: 409,
  INDEX_SCHEMA_MISMATCH: 409,
  VECTOR_DIMENSION_MISMATCH: 400,
  MODEL_NOT_AVAILABLE: 503,
  MODEL_SOURCE_INVALID: 500,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  /** The client did not send the whole request body in time. */
  REQUEST_TIMEOUT: 408,
  /** A request body that is not JSON (its Content-Type says otherwise). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_READY: 503,
  INDEX_CORRUPT: 500,
  INDEX_READ_ONLY: 503,
  DISK_FULL: 507,
  BACKEND_UNAVAILABLE: 503,
  BAD_CONFIG: 400,
  /** The server cannot listen on the address it was given (port in use, not allowed). */
  ADDRESS_UNAVAILABLE: 500,
  FETCH_FAILED: 502,
  /** A feed led to a loopback, private or link-local address, which it may not. */
  PRIVATE_ADDRESS: 400,
  RATE_LIMITED: 503,
  /** Too many searches running and waiting: retry after the Retry-After seconds. */
  OVERLOADED: 503,
  FEED_INVALID: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes of an article that was stored all the same: a warning, not a skip. */
export const STORED_WITH_WARNING: ReadonlySet<string> = new Set<ErrorCode>([
  'TITLE_TRUNCATED',
  'DATE_YEAR_UNKNOWN',
  'DATE_INVALID',
  'DUPLICATE_CONTENT',
]);

export class SearchError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for logs and API clients (file, line, limits). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SearchError';
    this.code = code;
    this.details = options?.details;
  }

  /** The HTTP status the code maps to. */
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function isSearchError(err: unknown): err is SearchError {
  return err instanceof SearchError;
}
