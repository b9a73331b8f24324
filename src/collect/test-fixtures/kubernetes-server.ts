/**
 * A stand-in Kubernetes API server on loopback: serves list endpoints (core and named groups, cluster-wide and
 * per namespace) from a set of objects, with `limit`/`continue` paging, bearer-token auth, and items without
 * `apiVersion`/`kind` as a real API server sends them. Tests can make a resource answer with an error.
 */
import { listenOnLoopback, type TestServer } from './http-server.js';

type Json = Record<string, unknown>;

export interface KubernetesTestServer extends TestServer {
  readonly requests: string[];
}

export interface KubernetesServerOptions {
  readonly objects: readonly Json[];
  readonly token: string;
  /** Resources (`pods`, `podnetworkings`, …) whose CRD is not installed: 404. */
  readonly missing?: readonly string[];
  /** Resources that answer with this status (e.g. 403). */
  readonly errors?: Readonly<Record<string, number>>;
  /** Resources that answer only after this many milliseconds (at most 10 s). */
  readonly delays?: Readonly<Record<string, number>>;
}

/** Resource name → kind, for every kind the server knows. */
const RESOURCES: Readonly<Record<string, { group: string; kind: string }>> = {
  namespaces: { group: '', kind: 'Namespace' },
  nodes: { group: '', kind: 'Node' },
  pods: { group: '', kind: 'Pod' },
  services: { group: '', kind: 'Service' },
  configmaps: { group: '', kind: 'ConfigMap' },
  endpointslices: { group: 'discovery.k8s.io', kind: 'EndpointSlice' },
  networkpolicies: { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  daemonsets: { group: 'apps', kind: 'DaemonSet' },
  deployments: { group: 'apps', kind: 'Deployment' },
  statefulsets: { group: 'apps', kind: 'StatefulSet' },
  replicasets: { group: 'apps', kind: 'ReplicaSet' },
  jobs: { group: 'batch', kind: 'Job' },
  podnetworkings: { group: 'network.alibabacloud.com', kind: 'PodNetworking' },
  podeips: { group: 'alibabacloud.com', kind: 'PodEIP' },
  secrets: { group: '', kind: 'Secret' },
};

function status(code: number, reason: string, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export async function startKubernetesServer(options: KubernetesServerOptions): Promise<KubernetesTestServer> {
  const requests: string[] = [];
  const server = await listenOnLoopback(async (req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, body: Json) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    const match =
      /^\/api\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(url.pathname) ??
      /^\/apis\/([^/]+)\/[^/]+(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(url.pathname);
    if (match === null)
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const core = url.pathname.startsWith('/api/');
    const group = core ? '' : (match[1] ?? '');
    const namespace = core ? match[1] : match[2];
    const resource = (core ? match[2] : match[3]) ?? '';
    const known = RESOURCES[resource];
    if (known === undefined || known.group !== group || options.missing?.includes(resource))
      return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const delay = options.delays?.[resource];
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 10_000)));
    if (res.destroyed) return;
    const errorCode = options.errors?.[resource];
    if (errorCode !== undefined)
      return send(
        errorCode,
        status(
          errorCode,
          errorCode === 403 ? 'Forbidden' : 'InternalError',
          `${resource} is forbidden: test`,
        ),
      );
    const all = options.objects.filter((o) => {
      const meta = (o.metadata ?? {}) as Json;
      return o.kind === known.kind && (namespace === undefined || meta.namespace === namespace);
    });
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const start = Number(url.searchParams.get('continue') ?? '0');
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const items = all.slice(start, end).map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    const apiVersion = core
      ? 'v1'
      : `${group}/${String((options.objects.find((o) => o.kind === known.kind)?.apiVersion as string | undefined)?.split('/')[1] ?? 'v1')}`;
    send(200, {
      apiVersion,
      kind: `${known.kind}List`,
      metadata: { resourceVersion: '1000', ...(end < all.length ? { continue: String(end) } : {}) },
      items,
    });
  });
  return { ...server, requests };
}

/** A kubeconfig pointing at the test server over http (client-node 1.4.0 wants skip-TLS-verify for http). */
export function testKubeconfig(serverUrl: string, token: string, context = 'test'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${context}`,
    'clusters:',
    '- name: test-cluster',
    '  cluster:',
    `    server: ${serverUrl}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: test-user',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    '    cluster: test-cluster',
    '    user: test-user',
    '',
  ].join('\n');
}
