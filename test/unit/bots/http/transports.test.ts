// Both HttpTransports (node:http for Node, fetch for Workers) against a real loopback server:
// the same answers, time-outs, refused connections, no redirect followed, oversize answers refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../../../bots/http/fetch-transport';
import { createNodeTransport } from '../../../../bots/http/node-transport';
import { HttpTransportError, MAX_ANSWER_BYTES, type HttpTransport } from '../../../../bots/http/transport';

let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/hang') return; // never answers
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `${base}/echo` });
        return res.end();
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('x'.repeat(MAX_ANSWER_BYTES + 10));
      }
      res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** A loopback URL whose port was just closed: connecting is refused. */
async function refusedUrl(): Promise<string> {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  return `http://127.0.0.1:${port}/`;
}

const transports: [string, HttpTransport][] = [
  ['node:http', createNodeTransport()],
  ['fetch', createFetchTransport()],
];

describe.each(transports)('%s transport', (_name, send) => {
  it('sends the body and headers and returns status, lower-case headers and text', async () => {
    const res = await send({ method: 'POST', url: `${base}/echo?q=1`, headers: { 'Content-Type': 'application/json', access_token: 'tok' }, body: '{"a":"ă"}', timeoutMs: 2000 });
    expect(res.status).toBe(201);
    expect(res.headers['retry-after']).toBe('3');
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', url: '/echo?q=1', body: '{"a":"ă"}' });
    const last = seen.at(-1)!;
    expect(last.headers['access_token']).toBe('tok');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"ă"}')));
  });

  it('gives up at the deadline with a timed-out error', async () => {
    const err = await send({ method: 'GET', url: `${base}/hang`, timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect((err as HttpTransportError).timedOut).toBe(true);
  });

  it('reports a refused connection as not timed out', async () => {
    const err = await send({ method: 'GET', url: await refusedUrl(), timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect((err as HttpTransportError).timedOut).toBe(false);
  });

  it('does not follow a redirect (a token header must not travel to another URL)', async () => {
    const before = seen.length;
    const res = await send({ method: 'GET', url: `${base}/redirect`, headers: { access_token: 'tok' }, timeoutMs: 2000 });
    expect(res.status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });

  it('refuses an answer over the size limit', async () => {
    const err = await send({ method: 'GET', url: `${base}/big`, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect((err as HttpTransportError).code).toBe('ANSWER_TOO_LARGE');
  });
});

it('the node:http transport names the system error of a refused connection', async () => {
  const err = await createNodeTransport()({ method: 'GET', url: await refusedUrl(), timeoutMs: 2000 }).catch((e: unknown) => e);
  expect((err as HttpTransportError).code).toBe('ECONNREFUSED');
});
