/**
 * A small HTTP(S) client over node:http, for what fetch cannot do in tests: choose the source address
 * (`localAddress`), send raw bodies and `Expect` headers, and read every response header.
 */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawRequest {
  method?: string;
  headers?: OutgoingHttpHeaders;
  /** Objects are sent as JSON (with a JSON content type unless one is given). */
  body?: string | Buffer | Record<string, unknown> | unknown[];
  /** Source address of the connection (e.g. `127.0.0.2` to act as a second client). */
  localAddress?: string;
  /** For HTTPS: the CA to trust; without it the server certificate is not checked. */
  ca?: string | Buffer;
  /** For HTTPS: the name the certificate must carry (SNI and identity check). */
  servername?: string;
  /** For HTTPS: a client certificate and its key. */
  cert?: string | Buffer;
  key?: string | Buffer;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  /** The negotiated TLS version over HTTPS (`TLSv1.3`...). */
  tlsProtocol?: string;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body for JSON and problem+json answers, else the text. */
  body: unknown;
}

export function send(url: string, options: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  const headers: OutgoingHttpHeaders = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) payload = options.body;
    else {
      payload = JSON.stringify(options.body);
      const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
      if (!hasType) headers['Content-Type'] = 'application/json';
    }
    if (!Object.keys(headers).some((n) => ['content-length', 'transfer-encoding'].includes(n.toLowerCase()))) {
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
  }
  const requester = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requester(
      target,
      {
        method: options.method ?? 'GET',
        headers,
        localAddress: options.localAddress,
        ca: options.ca,
        rejectUnauthorized: options.ca !== undefined,
        servername: options.servername,
        cert: options.cert,
        key: options.key,
        agent: false,
      },
      (res) => {
        const tlsProtocol = (res.socket as { getProtocol?: () => string | null }).getProtocol?.() ?? undefined;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const type = String(res.headers['content-type'] ?? '');
          let body: unknown = text;
          if (/json/.test(type) && text) body = JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, tlsProtocol });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 20_000, () => req.destroy(new Error(`request to ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}
