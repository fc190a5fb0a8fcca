/**
 * The wire contract of the simulator's HTTP control endpoint, shared by the server and the client: paths, error
 * codes, the shape of error bodies, and the logger interface the service writes to.
 * Spec: RFC 9110 15.5 (4xx status codes: 400, 403, 404, 405 with Allow, 413, 415), RFC 8259 (JSON);
 * docs/lab-view.md 11.1; docs: README "Control endpoint".
 */

/** Path prefix of every route (the API version). */
export const CONTROL_API_PREFIX = '/v1';

/** Version number reported by GET /v1/health. */
export const CONTROL_API_VERSION = 1;

/** Why the endpoint did not carry a request out (the `error.code` of a non-200 answer). */
export const ControlHttpErrorCode = {
  /** 400: the body is not JSON. */
  BAD_JSON: 'BAD_JSON',
  /** 400: the JSON does not match the operation's named arguments (missing, unknown or mistyped). */
  BAD_ARGUMENTS: 'BAD_ARGUMENTS',
  /** 403: a Host header that is not a loopback name (DNS rebinding guard) on a loopback-only endpoint. */
  FORBIDDEN_HOST: 'FORBIDDEN_HOST',
  /** 404: /v1/<name> where <name> is not an operation. */
  UNKNOWN_OPERATION: 'UNKNOWN_OPERATION',
  /** 404: any other path. */
  NOT_FOUND: 'NOT_FOUND',
  /** 405: e.g. GET on an operation other than status (the Allow header lists what is). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** 408: the headers or the whole request did not arrive within the endpoint's deadlines. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** 413: the body is larger than the limit. */
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** 415: a POST whose Content-Type is not application/json. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** 500: the simulator failed while carrying the operation out (logged on the server). */
  INTERNAL: 'INTERNAL',
} as const;

export type ControlHttpErrorCodeName = (typeof ControlHttpErrorCode)[keyof typeof ControlHttpErrorCode];

/** Body of every non-200 answer. */
export interface ControlHttpErrorBody {
  readonly error: { readonly code: ControlHttpErrorCodeName; readonly message: string };
}

/** Body of GET /v1/health. */
export interface ControlHealth {
  readonly ok: true;
  readonly service: 'changerbench-sim';
  readonly api: number;
  /** The fixture id of the simulated library, when the server was told. */
  readonly personality?: string | undefined;
}
