/**
 * Reads the Kubernetes side through `@kubernetes/client-node` (kubeconfig contexts, exec/OIDC auth, in-cluster
 * service account), paged with `limit`/`continue`, and returns each kind as the `List` that `kubectl get -o json`
 * prints: typed results go back through the library's ObjectSerializer so that field names are the wire names, and
 * list items get back the `apiVersion`/`kind` the API server leaves out of them.
 */
import { scrubSecrets } from '../alibaba/call.js';
import type { KindSpec } from './kinds.js';
import { KINDS } from './kinds.js';

export interface KubeTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Milliseconds per list request before it is abandoned (default 30 s). */
  readonly timeoutMs?: number;
}

export type KubeSetup =
  | { readonly ok: true; readonly context: string; readonly server: string; readonly api: KubeApi }
  | { readonly ok: false; readonly message: string };

export interface KindOutcome {
  readonly spec: KindSpec;
  readonly namespaces: readonly string[] | 'all';
  readonly items: Record<string, unknown>[];
  readonly pages: number;
  readonly outcome: 'ok' | 'failed' | 'skipped';
  readonly message?: string;
  readonly status?: number;
}

type Json = Record<string, unknown>;

interface ListPage {
  readonly items: Json[];
  readonly continueToken?: string;
}

/** Lists one page of a kind; `namespace` undefined = all namespaces (or cluster-scoped). */
export type KubeApi = (
  spec: KindSpec,
  namespace: string | undefined,
  limit: number,
  token?: string,
) => Promise<ListPage>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Loads the kubeconfig as kubectl would, and builds the listing function. Never throws. */
export async function setUpKubernetes(target: KubeTarget): Promise<KubeSetup> {
  const k8s = await import('@kubernetes/client-node');
  const { ObjectSerializer } = await import('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js');
  const kc = new k8s.KubeConfig();
  try {
    if (target.kubeconfig !== undefined) kc.loadFromFile(target.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    // First line only: YAML parser messages quote the offending lines, which may hold a token.
    const first = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    return { ok: false, message: `the kubeconfig could not be read: ${scrubSecrets(first)}` };
  }
  if (target.context !== undefined) {
    if (!kc.getContexts().some((c) => c.name === target.context))
      return {
        ok: false,
        message: `the kubeconfig has no context "${target.context}" (it has: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      };
    kc.setCurrentContext(target.context);
  }
  const cluster = kc.getCurrentCluster();
  if (cluster === null)
    return {
      ok: false,
      message: 'the kubeconfig names no cluster for the current context; pass --context or --kubeconfig',
    };
  let clients: {
    core: InstanceType<typeof k8s.CoreV1Api>;
    apps: InstanceType<typeof k8s.AppsV1Api>;
    batch: InstanceType<typeof k8s.BatchV1Api>;
    discovery: InstanceType<typeof k8s.DiscoveryV1Api>;
    networking: InstanceType<typeof k8s.NetworkingV1Api>;
    custom: InstanceType<typeof k8s.CustomObjectsApi>;
  };
  try {
    clients = {
      core: kc.makeApiClient(k8s.CoreV1Api),
      apps: kc.makeApiClient(k8s.AppsV1Api),
      batch: kc.makeApiClient(k8s.BatchV1Api),
      discovery: kc.makeApiClient(k8s.DiscoveryV1Api),
      networking: kc.makeApiClient(k8s.NetworkingV1Api),
      custom: kc.makeApiClient(k8s.CustomObjectsApi),
    };
  } catch (error) {
    return { ok: false, message: `the kubeconfig cannot be used: ${(error as Error).message}` };
  }
  const { core, apps, batch, discovery, networking, custom } = clients;
  const { of } = await import('@kubernetes/client-node/dist/gen/rxjsStub.js');
  const timeoutMs = target.timeoutMs ?? 30_000;
  // Each request gets an abort signal: a hung API server fails the kind instead of hanging collect.
  const bounded = {
    middleware: [
      {
        pre: (ctx: { setSignal(signal: AbortSignal): void }) => {
          ctx.setSignal(AbortSignal.timeout(timeoutMs));
          return of(ctx);
        },
        post: <T>(ctx: T) => of(ctx),
      },
    ],
    middlewareMergeStrategy: 'append',
  } as unknown as Parameters<typeof core.listNode>[1];
  const api: KubeApi = async (spec, namespace, limit, token) => {
    const paging = { limit, ...(token === undefined ? {} : { _continue: token }) };
    const ns = namespace === undefined ? undefined : { ...paging, namespace };
    let list: unknown;
    let type: string | undefined;
    switch (spec.kind) {
      case 'Namespace':
        [list, type] = [await core.listNamespace(paging, bounded), 'V1NamespaceList'];
        break;
      case 'Node':
        [list, type] = [await core.listNode(paging, bounded), 'V1NodeList'];
        break;
      case 'Pod':
        [list, type] = [
          ns
            ? await core.listNamespacedPod(ns, bounded)
            : await core.listPodForAllNamespaces(paging, bounded),
          'V1PodList',
        ];
        break;
      case 'Service':
        list = ns
          ? await core.listNamespacedService(ns, bounded)
          : await core.listServiceForAllNamespaces(paging, bounded);
        type = 'V1ServiceList';
        break;
      case 'ConfigMap':
        list = ns
          ? await core.listNamespacedConfigMap(ns, bounded)
          : await core.listConfigMapForAllNamespaces(paging, bounded);
        type = 'V1ConfigMapList';
        break;
      case 'EndpointSlice':
        list = ns
          ? await discovery.listNamespacedEndpointSlice(ns, bounded)
          : await discovery.listEndpointSliceForAllNamespaces(paging, bounded);
        type = 'V1EndpointSliceList';
        break;
      case 'NetworkPolicy':
        list = ns
          ? await networking.listNamespacedNetworkPolicy(ns, bounded)
          : await networking.listNetworkPolicyForAllNamespaces(paging, bounded);
        type = 'V1NetworkPolicyList';
        break;
      case 'DaemonSet':
        list = ns
          ? await apps.listNamespacedDaemonSet(ns, bounded)
          : await apps.listDaemonSetForAllNamespaces(paging, bounded);
        type = 'V1DaemonSetList';
        break;
      case 'Deployment':
        list = ns
          ? await apps.listNamespacedDeployment(ns, bounded)
          : await apps.listDeploymentForAllNamespaces(paging, bounded);
        type = 'V1DeploymentList';
        break;
      case 'StatefulSet':
        list = ns
          ? await apps.listNamespacedStatefulSet(ns, bounded)
          : await apps.listStatefulSetForAllNamespaces(paging, bounded);
        type = 'V1StatefulSetList';
        break;
      case 'ReplicaSet':
        list = ns
          ? await apps.listNamespacedReplicaSet(ns, bounded)
          : await apps.listReplicaSetForAllNamespaces(paging, bounded);
        type = 'V1ReplicaSetList';
        break;
      case 'Job':
        list = ns
          ? await batch.listNamespacedJob(ns, bounded)
          : await batch.listJobForAllNamespaces(paging, bounded);
        type = 'V1JobList';
        break;
      default: {
        const version = spec.custom?.version ?? 'v1';
        const base = { group: spec.group, version, plural: spec.resource, ...paging };
        // Custom objects come back as plain JSON already.
        list = ns
          ? await custom.listNamespacedCustomObject({ ...base, namespace: ns.namespace }, bounded)
          : await custom.listClusterCustomObject(base, bounded);
      }
    }
    const wire: unknown = type === undefined ? list : ObjectSerializer.serialize(list, type, '');
    const body = isObject(wire) ? wire : {};
    const items = (Array.isArray(body.items) ? body.items : []).filter(isObject);
    const meta = isObject(body.metadata) ? body.metadata : {};
    const next = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
    return { items, ...(next === undefined ? {} : { continueToken: next }) };
  };
  return { ok: true, context: kc.getCurrentContext(), server: withoutUserInfo(cluster.server), api };
}

/** The API server URL as shown and recorded: any `user:password@` part is dropped. */
export function withoutUserInfo(server: string): string {
  try {
    const url = new URL(server);
    if (url.username === '' && url.password === '') return server;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}

export interface KubeCollectSettings {
  /** Namespaces to read; empty = all. kube-system is always read. */
  readonly namespaces: readonly string[];
  readonly pageLimit: number;
  readonly maxPages: number;
  readonly onProgress: (line: string) => void;
}

/** The HTTP status of a failed call, if the library reports one. */
function statusOf(error: unknown): number | undefined {
  const code = isObject(error) ? error.code : undefined;
  return typeof code === 'number' ? code : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function messageOf(error: unknown): string {
  if (isTimeout(error)) return 'no answer in time (the request was abandoned)';
  const status = statusOf(error);
  const body = isObject(error) ? error.body : undefined;
  let detail = '';
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed) && typeof parsed.message === 'string') detail = parsed.message;
    } catch {
      detail = '';
    }
  } else if (isObject(body) && typeof body.message === 'string') detail = body.message;
  if (status !== undefined) return `HTTP ${status}${detail === '' ? '' : `: ${detail}`}`;
  return error instanceof Error ? error.message : String(error);
}

async function listAll(
  api: KubeApi,
  spec: KindSpec,
  namespace: string | undefined,
  settings: KubeCollectSettings,
): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let token: string | undefined;
  let pages = 0;
  const seen = new Set<string>();
  do {
    const page = await api(spec, namespace, settings.pageLimit, token);
    pages++;
    for (const { apiVersion: _a, kind: _k, ...rest } of page.items)
      items.push({ apiVersion: spec.apiVersion, kind: spec.kind, ...rest });
    token = page.continueToken;
    if (token !== undefined) {
      if (seen.has(token)) break;
      seen.add(token);
    }
  } while (token !== undefined && pages < settings.maxPages);
  return { items, pages };
}

/** Lists every kind; one failure never stops the others, except an unreachable API server. */
export async function collectKubernetes(api: KubeApi, settings: KubeCollectSettings): Promise<KindOutcome[]> {
  const limited = settings.namespaces.length > 0;
  const namespaces = [...new Set([...settings.namespaces, 'kube-system'])].sort();
  const outcomes: KindOutcome[] = [];
  let unreachable: string | undefined;
  for (const spec of KINDS) {
    const scope: readonly string[] | 'all' =
      spec.scope === 'kube-system'
        ? ['kube-system']
        : spec.scope === 'namespaced' && limited
          ? namespaces
          : 'all';
    if (unreachable !== undefined) {
      outcomes.push({
        spec,
        namespaces: scope,
        items: [],
        pages: 0,
        outcome: 'skipped',
        message: unreachable,
      });
      continue;
    }
    const items: Json[] = [];
    let pages = 0;
    try {
      for (const namespace of scope === 'all' ? [undefined] : scope) {
        const listed = await listAll(api, spec, namespace, settings);
        items.push(...listed.items);
        pages += listed.pages;
      }
      settings.onProgress(
        `kubernetes ${spec.resource}: ${items.length} in ${pages} page${pages === 1 ? '' : 's'}`,
      );
      outcomes.push({ spec, namespaces: scope, items, pages, outcome: 'ok' });
    } catch (error) {
      const status = statusOf(error);
      if (spec.custom !== undefined && status === 404) {
        settings.onProgress(`kubernetes ${spec.resource}: CRD not installed, skipped`);
        outcomes.push({
          spec,
          namespaces: scope,
          items: [],
          pages,
          outcome: 'skipped',
          message: 'CRD not installed',
          status,
        });
        continue;
      }
      const message =
        status === 403 || status === 401
          ? `${messageOf(error)}; the user needs get/list on ${spec.resource}${spec.group === '' ? '' : `.${spec.group}`} (see docs/collect.md, ClusterRole)`
          : messageOf(error);
      settings.onProgress(`kubernetes ${spec.resource}: FAILED ${message}`);
      outcomes.push({
        spec,
        namespaces: scope,
        items: [],
        pages,
        outcome: 'failed',
        message,
        ...(status === undefined ? {} : { status }),
      });
      if (status === undefined && !isTimeout(error))
        unreachable = `not tried: the API server did not answer (${message})`;
    }
  }
  return outcomes;
}
