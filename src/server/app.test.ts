import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import { loadSnapshot } from '../load/index.js';
import type { InspectInput } from '../render/inspect-report.js';
import { createServerApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

const EXAMPLE = new URL('../../examples/terway-dualstack', import.meta.url).pathname;
let loaded: InspectInput;
let uiRoot: string;

beforeAll(async () => {
  loaded = await loadSnapshot(EXAMPLE);
  const parent = mkdtempSync(join(tmpdir(), 'podreach-ui-'));
  writeFileSync(join(parent, 'secret.txt'), 'do not serve');
  uiRoot = join(parent, 'ui');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(uiRoot, 'assets'), { recursive: true });
  writeFileSync(join(uiRoot, 'index.html'), '<!doctype html><title>podreach</title>');
  writeFileSync(join(uiRoot, 'assets', 'app.js'), 'console.log(1)');
});

function app(loopbackOnly = false) {
  return createServerApp({ loaded, snapshotPath: 'examples/terway-dualstack', check, uiRoot, loopbackOnly });
}

describe('JSON routes', () => {
  it('/api/summary is the inspect report of the snapshot', async () => {
    const response = await app().request('/api/summary');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { schemaVersion: number; snapshot: string };
    expect(body.schemaVersion).toBe(1);
    expect(body.snapshot).toBe('examples/terway-dualstack');
  });

  it('/api/query traces a blocked pod to the Internet and names the blocking hop', async () => {
    const response = await app().request(
      '/api/query?from=shop/checkout-5b8c7d9f4-c3v4b&to=api.github.com&port=443&protocol=tcp',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { trace: { verdict: string; blockedAt: { kind: string } } };
    expect(body.trace.verdict).toBe('blocked');
    expect(body.trace.blockedAt.kind).toBe('internet-exit');
  });

  it('/api/query answers a reachable query with the address the destination sees', async () => {
    const response = await app().request('/api/query?from=shop/web-7d9f8b6c5-t6y7u&to=140.82.112.5&port=443');
    const body = (await response.json()) as { trace: { verdict: string; sourceAddressSeen: string } };
    expect(body.trace.verdict).toBe('reachable');
    expect(body.trace.sourceAddressSeen).toBe('47.98.210.16');
  });

  it('/api/query groups a workload by outcome', async () => {
    const response = await app().request(
      '/api/query?from=media/deployment/transcoder&to=140.82.112.5&port=443',
    );
    const body = (await response.json()) as { trace: { verdict: string; groups: unknown[] } };
    expect(body.trace.verdict).toBe('blocked');
    expect(body.trace.groups.length).toBeGreaterThan(0);
  });

  it('/api/query refuses a malformed query with 400 and says why', async () => {
    const response = await app().request('/api/query?from=shop/web&to=api.github.com');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('"port" is required');
  });

  it('/api/query answers 422 for a pod the snapshot does not hold', async () => {
    const response = await app().request('/api/query?from=shop/nope&to=api.github.com&port=443');
    expect(response.status).toBe(422);
  });

  it('/api/sources groups pods by namespace and workload; /api/destinations offers Services and RDS', async () => {
    const sources = (await (await app().request('/api/sources')).json()) as {
      sources: { namespace: string; workloads: { value: string | null; pods: { value: string }[] }[] }[];
    };
    const shop = sources.sources.find((entry) => entry.namespace === 'shop');
    const checkout = shop?.workloads.find((workload) => workload.value === 'shop/deployment/checkout');
    expect(checkout?.pods.map((pod) => pod.value)).toContain('shop/checkout-5b8c7d9f4-c3v4b');
    const destinations = (await (await app().request('/api/destinations')).json()) as {
      destinations: { group: string; value: string }[];
    };
    expect(destinations.destinations).toContainEqual(
      expect.objectContaining({ group: 'RDS', value: 'rm-bp1vy4p0kslx05iqw' }),
    );
    expect(destinations.destinations).toContainEqual(
      expect.objectContaining({ group: 'Internet', value: 'api.github.com' }),
    );
  });

  it('/api/matrix answers every row and column, each column with the TO text check takes, without traces', async () => {
    const body = (await (await app().request('/api/matrix')).json()) as {
      rows: { id: string; representative: string }[];
      columns: { to: string; port: number | null; protocol: string }[];
      cells: { verdict: string; trace?: unknown }[][];
    };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.cells.length).toBe(body.rows.length);
    expect(body.cells.every((row) => row.length === body.columns.length)).toBe(true);
    expect(body.columns.map((column) => column.to)).toContain('rm-bp1vy4p0kslx05iqw');
    expect(body.cells.flat().some((cell) => 'trace' in cell)).toBe(false);
    const checkout = body.rows.findIndex((row) => row.representative === 'shop/checkout-5b8c7d9f4-c3v4b');
    const internet = body.columns.findIndex((column) => column.to === '1.1.1.1');
    expect(body.cells[checkout]?.[internet]?.verdict).toBe('blocked');
  });

  it('/api/audit lists the findings, the uncovered pod vSwitch among them', async () => {
    const body = (await (await app().request('/api/audit')).json()) as {
      findings: { check: string; severity: string; subject: string }[];
    };
    expect(body.findings.length).toBeGreaterThan(0);
    expect(body.findings.some((finding) => finding.subject.includes('vsw-bp1zjgcw5ubb1wqifun5'))).toBe(true);
  });

  it('lists the proven fixes of a blocker, each with its proof', async () => {
    const body = (await (
      await app().request('/api/query?from=shop/checkout-5b8c7d9f4-c3v4b&to=api.github.com&port=443')
    ).json()) as {
      trace: { blockers: { fixes: { commands: string[]; proof?: { verdict: string } }[] }[] };
    };
    const fixes = body.trace.blockers[0]?.fixes ?? [];
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes[0]?.proof?.verdict).toBe('reachable');
  });

  it('leaves fixes out when asked to', async () => {
    const bare = createServerApp({ loaded, snapshotPath: 'x', check, fixes: false });
    const body = (await (
      await bare.request('/api/query?from=shop/checkout-5b8c7d9f4-c3v4b&to=api.github.com&port=443')
    ).json()) as { trace: { blockers: { fixes: unknown[] }[] } };
    expect(body.trace.blockers[0]?.fixes).toEqual([]);
  });
});

describe('safety', () => {
  it('every answer carries the strict CSP and nosniff', async () => {
    for (const path of ['/api/summary', '/', '/nope']) {
      const response = await app().request(path);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('unknown routes are 404', async () => {
    expect((await app().request('/api/nope')).status).toBe(404);
    expect((await app().request('/nope.html')).status).toBe(404);
    expect((await app().request('/assets/missing.js')).status).toBe(404);
  });

  it('serves the UI files', async () => {
    const index = await app().request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const script = await app().request('/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses path traversal, encoded or not', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00index.html',
      '/.env',
      '/%E0%A4%A',
    ]) {
      const response = await app().request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('do not serve');
    }
  });

  it('only reads: POST, PUT and DELETE are 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await app().request('/api/query', { method })).status).toBe(405);
    }
  });

  it('refuses request bodies (413) and overlong URLs (414)', async () => {
    const withBody = await app().request('/api/summary', {
      method: 'GET',
      headers: { 'content-length': '10' },
    });
    expect(withBody.status).toBe(413);
    const long = await app().request(`/api/query?from=${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
  });

  it('while bound to loopback, refuses a foreign Host header (DNS rebinding)', async () => {
    const foreign = await app(true).request('http://evil.example/api/summary', {
      headers: { host: 'evil.example' },
    });
    expect(foreign.status).toBe(403);
    const local = await app(true).request('http://127.0.0.1:8080/api/summary', {
      headers: { host: '127.0.0.1:8080' },
    });
    expect(local.status).toBe(200);
  });
});
