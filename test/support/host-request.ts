import { request } from 'node:http';

/** Sends a request with the Host header a browser would send for a rebinding page's own host name. */
export function withHost(url: string, method: string, path: string, host: string | null, body?: string): Promise<{ status: number; body: any }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = request({ host: target.hostname, port: target.port, method, path, headers, setHost: host !== null }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
    if (host !== null) req.setHeader('host', host);
    req.on('error', reject);
    req.end(body);
  });
}
