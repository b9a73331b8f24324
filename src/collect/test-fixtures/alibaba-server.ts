/**
 * A stand-in for the Alibaba Cloud OpenAPI endpoints: every product on one loopback server, requests told apart by
 * the action (RPC `Action` parameter or `x-acs-action` header) and the path (ROA). Tests script the answers.
 */
import { listenOnLoopback, type TestServer } from './http-server.js';

export interface OpenApiRequestSeen {
  readonly action: string;
  readonly version: string;
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface OpenApiReply {
  readonly status: number;
  /** Sent as is (so tests can send malformed bodies). */
  readonly body: string;
  readonly delayMs?: number;
}

export type OpenApiScript = (request: OpenApiRequestSeen) => OpenApiReply;

export interface AlibabaTestServer extends TestServer {
  readonly requests: OpenApiRequestSeen[];
}

export function jsonReply(status: number, value: unknown): OpenApiReply {
  return { status, body: JSON.stringify(value) };
}

export function errorReply(status: number, code: string, message: string): OpenApiReply {
  return jsonReply(status, { RequestId: 'TEST-REQUEST', Code: code, Message: message, HostId: 'localhost' });
}

export async function startAlibabaServer(script: OpenApiScript): Promise<AlibabaTestServer> {
  const requests: OpenApiRequestSeen[] = [];
  const server = await listenOnLoopback(async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    if (body !== '' && /x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
    };
    const seen: OpenApiRequestSeen = {
      action: params.Action ?? header('x-acs-action'),
      version: params.Version ?? header('x-acs-version'),
      method: req.method ?? 'GET',
      path: url.pathname,
      params,
    };
    requests.push(seen);
    const reply = script(seen);
    if (reply.delayMs !== undefined && reply.delayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, Math.min(reply.delayMs ?? 0, 10_000)));
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': 'TEST',
    });
    res.end(reply.body);
  });
  return { ...server, requests };
}
