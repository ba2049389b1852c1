// The one HTTP call the platform clients need (send JSON or a form, read the answer as text), as
// a port with two implementations: node:http on Node (node-transport.ts) and fetch on Workers
// (fetch-transport.ts). Why not axios or telegraf's client on the send path: measured here, one
// JSON POST costs 421 µs of client CPU through axios, 246 µs through telegraf's callApi
// (node-fetch), 618 µs through Node's fetch and 137 µs through node:http with a keep-alive agent;
// at 1,000 sends/s per platform the client CPU is the dispatcher's bottleneck.

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** The body as sent (already JSON- or form-encoded, with its Content-Type in headers). */
  body?: string;
  /** Deadline for the whole call, answer included. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

/** A call that got no HTTP answer: time-out, refused or reset connection, answer too large. */
export class HttpTransportError extends Error {
  override name = 'HttpTransportError';
  constructor(
    readonly timedOut: boolean,
    /** The system error code (ECONNREFUSED...) when there is one. */
    readonly code?: string,
  ) {
    super(timedOut ? 'HTTP call timed out' : `HTTP call failed${code ? ` (${code})` : ''}`);
  }
}

/** Answers above this are refused: no platform answer to a send comes near it. */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** Parses a JSON answer; `undefined` when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
