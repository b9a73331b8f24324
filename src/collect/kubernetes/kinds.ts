/**
 * The Kubernetes kinds collect reads (the ones the loader uses: src/load/kubernetes/index.ts) and how each is listed.
 * Secrets are never among them.
 */
export interface KindSpec {
  readonly kind: string;
  readonly apiVersion: string;
  /** The resource name RBAC and kubectl use. */
  readonly resource: string;
  readonly group: string;
  /** Written as kubernetes/<file>.json. */
  readonly file: string;
  readonly scope: 'cluster' | 'namespaced' | 'kube-system';
  /** Custom resources: listed only when their CRD is installed (a 404 is skipped quietly). */
  readonly custom?: { readonly version: string };
}

export const KINDS: readonly KindSpec[] = [
  {
    kind: 'Namespace',
    apiVersion: 'v1',
    resource: 'namespaces',
    group: '',
    file: 'namespaces',
    scope: 'cluster',
  },
  { kind: 'Node', apiVersion: 'v1', resource: 'nodes', group: '', file: 'nodes', scope: 'cluster' },
  { kind: 'Pod', apiVersion: 'v1', resource: 'pods', group: '', file: 'pods', scope: 'namespaced' },
  {
    kind: 'Service',
    apiVersion: 'v1',
    resource: 'services',
    group: '',
    file: 'services',
    scope: 'namespaced',
  },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    resource: 'endpointslices',
    group: 'discovery.k8s.io',
    file: 'endpointslices',
    scope: 'namespaced',
  },
  {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    resource: 'networkpolicies',
    group: 'networking.k8s.io',
    file: 'networkpolicies',
    scope: 'namespaced',
  },
  {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    resource: 'configmaps',
    group: '',
    file: 'configmaps-kube-system',
    scope: 'kube-system',
  },
  {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    resource: 'daemonsets',
    group: 'apps',
    file: 'daemonsets',
    scope: 'namespaced',
  },
  {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    resource: 'deployments',
    group: 'apps',
    file: 'deployments',
    scope: 'namespaced',
  },
  {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    resource: 'statefulsets',
    group: 'apps',
    file: 'statefulsets',
    scope: 'namespaced',
  },
  {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    resource: 'replicasets',
    group: 'apps',
    file: 'replicasets',
    scope: 'namespaced',
  },
  {
    kind: 'Job',
    apiVersion: 'batch/v1',
    resource: 'jobs',
    group: 'batch',
    file: 'jobs',
    scope: 'namespaced',
  },
  {
    kind: 'PodNetworking',
    apiVersion: 'network.alibabacloud.com/v1beta1',
    resource: 'podnetworkings',
    group: 'network.alibabacloud.com',
    file: 'podnetworkings',
    scope: 'cluster',
    custom: { version: 'v1beta1' },
  },
  {
    kind: 'PodEIP',
    apiVersion: 'alibabacloud.com/v1beta1',
    resource: 'podeips',
    group: 'alibabacloud.com',
    file: 'podeips',
    scope: 'namespaced',
    custom: { version: 'v1beta1' },
  },
];
