// HttpTransport over the web fetch API, for Workers (workerd has no node:http client worth using).
import { HttpTransportError, MAX_ANSWER_BYTES, type HttpTransport } from './transport';

export function createFetchTransport(): HttpTransport {
  return async (req) => {
    const deadline = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await fetch(req.url, {
        method: req.method,
        ...(req.headers ? { headers: req.headers } : {}),
        ...(req.body === undefined ? {} : { body: req.body }),
        signal: deadline,
        // A redirect would resend a token header to another host.
        redirect: 'manual',
      });
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > MAX_ANSWER_BYTES) {
        await res.body?.cancel();
        throw new HttpTransportError(false, 'ANSWER_TOO_LARGE');
      }
      const text = await res.text();
      if (text.length > MAX_ANSWER_BYTES) throw new HttpTransportError(false, 'ANSWER_TOO_LARGE');
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      return { status: res.status, headers, text };
    } catch (err) {
      if (err instanceof HttpTransportError) throw err;
      const timedOut = deadline.aborted || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
      throw new HttpTransportError(timedOut);
    }
  };
}
