import type { OwnerRef } from '../../model/kubernetes.js';
import type { Adapter } from '../adapter.js';
import type { RawDocument } from '../raw-document.js';
import type { SnapshotBuilder } from '../snapshot-builder.js';
import { readConfigMap } from './config-map.js';
import { dropDuplicates, warnSharedPodIps } from './consistency.js';
import { readEndpointSlice } from './endpoint-slice.js';
import { readNamespace } from './namespace.js';
import { readNetworkPolicy } from './network-policy.js';
import { readNode } from './node.js';
import { readPod } from './pod.js';
import { indexReplicaSets, resolveWorkload } from './resolve-workloads.js';
import { readService } from './service.js';
import { readPodEip, readPodNetworking } from './terway-crds.js';
import { readWorkload } from './workload.js';

type Loader = (doc: RawDocument, builder: SnapshotBuilder) => void;

function push<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

/** Kinds read, by API group (the part of apiVersion before `/`; `` for the core group) and kind. */
const LOADERS: Readonly<Record<string, Loader>> = {
  '/Namespace': (d, b) => push(b.kubernetes.namespaces, readNamespace(d, b.problems)),
  '/Pod': (d, b) => push(b.kubernetes.pods, readPod(d, b.problems)),
  '/Node': (d, b) => push(b.kubernetes.nodes, readNode(d, b.problems)),
  '/Service': (d, b) => push(b.kubernetes.services, readService(d, b.problems)),
  '/ConfigMap': (d, b) => push(b.kubernetes.configMaps, readConfigMap(d, b.problems)),
  'discovery.k8s.io/EndpointSlice': (d, b) =>
    push(b.kubernetes.endpointSlices, readEndpointSlice(d, b.problems)),
  'networking.k8s.io/NetworkPolicy': (d, b) =>
    push(b.kubernetes.networkPolicies, readNetworkPolicy(d, b.problems)),
  'apps/DaemonSet': (d, b) => push(b.kubernetes.workloads, readWorkload('DaemonSet', d, b.problems)),
  'apps/Deployment': (d, b) => push(b.kubernetes.workloads, readWorkload('Deployment', d, b.problems)),
  'apps/StatefulSet': (d, b) => push(b.kubernetes.workloads, readWorkload('StatefulSet', d, b.problems)),
  'apps/ReplicaSet': (d, b) => push(b.kubernetes.workloads, readWorkload('ReplicaSet', d, b.problems)),
  'batch/Job': (d, b) => push(b.kubernetes.workloads, readWorkload('Job', d, b.problems)),
  'network.alibabacloud.com/PodNetworking': (d, b) =>
    push(b.kubernetes.podNetworkings, readPodNetworking(d, b.problems)),
  'alibabacloud.com/PodEIP': (d, b) => push(b.kubernetes.podEips, readPodEip(d, b.problems)),
};

function loaderKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { apiVersion, kind } = value as Record<string, unknown>;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return `${group}/${kind}`;
}

/** Kubernetes objects as `kubectl get -o yaml|json` prints them (Lists are unwrapped by the file layer). */
export const kubernetesAdapter: Adapter = {
  name: 'kubernetes',
  // Each LOADERS entry pushes one object (or none) and its problems: nothing else is kept.
  appendsOnly: true,
  recognise(doc) {
    const key = loaderKey(doc.value);
    if (key === undefined || LOADERS[key] === undefined) return undefined;
    return `kubernetes ${key.slice(key.indexOf('/') + 1)}`;
  },
  load(doc, builder) {
    const key = loaderKey(doc.value);
    if (key !== undefined) LOADERS[key]?.(doc, builder);
  },
  finish(builder) {
    const k = builder.kubernetes;
    const p = builder.problems;
    const namespaced = (o: { namespace: string; name: string }) => `${o.namespace}/${o.name}`;
    dropDuplicates(k.namespaces, 'Namespace', (o) => o.name, p);
    dropDuplicates(k.nodes, 'Node', (o) => o.name, p);
    dropDuplicates(k.pods, 'Pod', namespaced, p);
    dropDuplicates(k.services, 'Service', namespaced, p);
    dropDuplicates(k.endpointSlices, 'EndpointSlice', namespaced, p);
    dropDuplicates(k.networkPolicies, 'NetworkPolicy', namespaced, p);
    dropDuplicates(k.configMaps, 'ConfigMap', namespaced, p);
    dropDuplicates(k.workloads, 'workload', (o) => `${o.kind} ${o.namespace}/${o.name}`, p);
    dropDuplicates(k.podNetworkings, 'PodNetworking', (o) => o.name, p);
    dropDuplicates(k.podEips, 'PodEIP', namespaced, p);
    const replicaSets = indexReplicaSets(k.workloads);
    for (const pod of k.pods) {
      const workload = resolveWorkload(pod, replicaSets);
      // The pods are this builder's own objects, not shared yet: the key is added last, as `{ ...pod, workload }`
      // would, without copying 150,000 pods.
      if (workload !== undefined) (pod as { workload?: OwnerRef }).workload = workload;
    }
    warnSharedPodIps(k.pods, p);
  },
};
