// HttpTransport over node:http / node:https with keep-alive agents (see transport.ts for the
// measured reason). No redirects are followed: a redirect would resend a token header elsewhere.
import http from 'node:http';
import https from 'node:https';
import { HttpTransportError, MAX_ANSWER_BYTES, type HttpTransport } from './transport';

export function createNodeTransport(opts: { maxSockets?: number } = {}): HttpTransport {
  const maxSockets = opts.maxSockets ?? 256;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
  return (req) =>
    new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
      if (!agent) return reject(new HttpTransportError(false, 'UNSUPPORTED_PROTOCOL'));
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
      const lib = url.protocol === 'https:' ? https : http;
      let settled = false;
      const fail = (err: HttpTransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const call = lib.request(url, { method: req.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            call.destroy();
            fail(new HttpTransportError(false, 'ANSWER_TOO_LARGE'));
          } else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err: NodeJS.ErrnoException) => fail(new HttpTransportError(false, err.code)));
      });
      const timer = setTimeout(() => {
        fail(new HttpTransportError(true));
        call.destroy();
      }, req.timeoutMs);
      call.on('error', (err: NodeJS.ErrnoException) => fail(new HttpTransportError(false, err.code)));
      call.end(req.body);
    });
}
