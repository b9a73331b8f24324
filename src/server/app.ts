/**
 * The `podreach serve` web app: a few read-only JSON routes over one loaded snapshot, and the built UI. It never
 * writes, runs commands or applies fixes; it answers GET and HEAD only, takes no request bodies, refuses long URLs,
 * unknown routes (404) and paths outside the UI folder, and sets a strict Content Security Policy on every answer.
 * Tested in-process with `app.request` (app.test.ts).
 */
import { Hono } from 'hono';
import type { CheckResult } from '../engine/api.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Trace, WorkloadTrace } from '../model/trace.js';
import { parseQuery } from '../query/parse-query.js';
import { attachResultFixes } from '../remedy/index.js';
import { buildInspectReport, type InspectInput } from '../render/inspect-report.js';
import { buildDestinations, buildSources } from './catalog.js';
import { auditView, type FindingView, type MatrixView, matrixView } from './fleet-views.js';
import { isLoopbackHost, MAX_URL_LENGTH, SECURITY_HEADERS } from './security.js';
import { readStaticFile } from './static-files.js';

export interface ServerAppOptions {
  /** The load result of the snapshot, as `inspect` reads it. */
  readonly loaded: InspectInput;
  /** The snapshot path as the user gave it (shown in the summary). */
  readonly snapshotPath: string;
  readonly check: (snapshot: Snapshot, query: Query) => CheckResult;
  /** The built UI folder (dist/ui); undefined serves the API only. */
  readonly uiRoot?: string;
  /** Add proven fixes to every blocker (src/remedy); default true. */
  readonly fixes?: boolean;
  /** Refuse requests whose Host header is not a loopback name (set while bound to loopback). */
  readonly loopbackOnly?: boolean;
}

function error(message: string, hint?: string): { error: { message: string; hint?: string } } {
  return { error: hint === undefined ? { message } : { message, hint } };
}

export function createServerApp(options: ServerAppOptions): Hono {
  const app = new Hono();
  const { snapshot } = options.loaded;

  app.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    const url = new URL(c.req.url);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', 'GET, HEAD');
      return c.json(error('this server only reads: GET and HEAD'), 405);
    }
    const length = c.req.header('content-length');
    if ((length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined) {
      return c.json(error('requests carry no body here'), 413);
    }
    if (url.pathname.length + url.search.length > MAX_URL_LENGTH) {
      return c.json(error(`the URL is longer than ${MAX_URL_LENGTH} characters`), 414);
    }
    if (options.loopbackOnly === true && !isLoopbackHost(c.req.header('host') ?? '')) {
      return c.json(error('this server answers only to localhost and 127.0.0.1'), 403);
    }
    await next();
  });

  app.get('/api/summary', (c) => c.json(buildInspectReport(options.snapshotPath, options.loaded)));
  app.get('/api/sources', (c) => c.json({ sources: buildSources(snapshot) }));
  app.get('/api/destinations', (c) => c.json({ destinations: buildDestinations(snapshot) }));
  app.get('/api/query', (c) => {
    const parsed = parseQuery(
      {
        from: c.req.query('from'),
        to: c.req.query('to'),
        port: c.req.query('port') === '' ? undefined : c.req.query('port'),
        protocol: c.req.query('protocol') === '' ? undefined : c.req.query('protocol'),
        family: c.req.query('family') === '' ? undefined : c.req.query('family'),
      },
      'batch',
    );
    if (!parsed.ok) return c.json(error(parsed.error), 400);
    const traced = options.check(snapshot, parsed.value);
    const result =
      options.fixes === false ? traced : attachResultFixes(snapshot, parsed.value, traced, options.check);
    if (!result.ok) return c.json(error(result.error.message, result.error.hint), 422);
    const trace: Trace | WorkloadTrace = 'trace' in result ? result.trace : result.workload;
    return c.json({ trace });
  });
  // The matrix traces every row against every column (seconds on a large snapshot): computed once, when first asked.
  let matrix: MatrixView | undefined;
  let audit: FindingView[] | undefined;
  app.get('/api/matrix', (c) => {
    matrix ??= matrixView(snapshot, options.check);
    return c.json(matrix);
  });
  app.get('/api/audit', (c) => {
    audit ??= auditView(snapshot, options.check);
    return c.json({ findings: audit });
  });
  app.all('/api/*', (c) => c.json(error('no such route'), 404));

  app.get('*', async (c) => {
    const root = options.uiRoot;
    if (root === undefined) return c.json(error('no such route'), 404);
    const file = await readStaticFile(root, new URL(c.req.url).pathname);
    if (file === undefined) return c.text('not found', 404);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.type });
  });
  app.notFound((c) => c.json(error('no such route'), 404));
  return app;
}
