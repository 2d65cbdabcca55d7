// What a failed request deserves, decided in one place for the API, the webhook, the simulator
// and the console: a client's mistake is a 4xx (a 500 would make LINE redeliver and hide real
// faults), anything else a 500. The routes throw or pass these; the error handlers render them.

/** A refusal with its status; `code` is a stable word for clients and logs (no personal data). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: string, retryAfterSeconds?: number) {
    super(code);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.name = "HttpError";
  }
}

export interface Refusal {
  status: number;
  code: string;
  retryAfterSeconds?: number;
}

// body-parser's error types (see body-parser/lib/read.js) and the answer each deserves.
const BODY_ERRORS: Record<string, Refusal> = {
  "entity.too.large": { status: 413, code: "body too large" },
  "parameters.too.many": { status: 413, code: "too many form fields" },
  "entity.parse.failed": { status: 400, code: "malformed body" },
  "entity.verify.failed": { status: 400, code: "malformed body" },
  "request.aborted": { status: 400, code: "request aborted" },
  "request.size.invalid": { status: 400, code: "body length mismatch" },
  "charset.unsupported": { status: 415, code: "unsupported charset" },
  "encoding.unsupported": { status: 415, code: "unsupported content encoding" },
};

/** The refusal for an error, or null when it is the server's own fault (a 500). */
export function refusalOf(err: unknown): Refusal | null {
  if (err instanceof HttpError) return { status: err.status, code: err.code, retryAfterSeconds: err.retryAfterSeconds };
  const e = err as { type?: unknown; status?: unknown } | null;
  if (e && typeof e.type === "string" && BODY_ERRORS[e.type]) return BODY_ERRORS[e.type]!;
  // Other client errors raised by Express and its libraries, e.g. the router's 400 for a path
  // parameter that is not valid percent-encoding.
  if (e && typeof e.status === "number" && e.status >= 400 && e.status < 500) return { status: e.status, code: "bad request" };
  return null;
}
