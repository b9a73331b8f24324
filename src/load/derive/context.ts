import type { CloudResources, ClusterDetail } from '../../model/cloud.js';
import type { ConfigMap, KubernetesObjects, Workload } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import { type JsonKey, jsonKey, kubeSystemConfigMap } from './config-maps.js';

/** What every fact rule reads, parsed once. */
export interface DeriveContext {
  readonly k8s: KubernetesObjects;
  readonly cloud: CloudResources;
  /** The cs DescribeClusterDetail body, when given (the first one if several). */
  readonly cluster?: ClusterDetail;
  readonly eniConfig?: ConfigMap;
  /** eni-config `eni_conf`. */
  readonly eniConf: JsonKey;
  /** eni-config `10-terway.conf` (the CNI config). */
  readonly terwayConf: JsonKey;
  readonly kubeSystemDaemonSets: readonly Workload[];
  readonly problems: LoadProblem[];
}

export function deriveContext(
  k8s: KubernetesObjects,
  cloud: CloudResources,
  problems: LoadProblem[],
): DeriveContext {
  const eniConfig = kubeSystemConfigMap(k8s, 'eni-config');
  const cluster = cloud.clusters[0];
  return {
    k8s,
    cloud,
    ...(cluster === undefined ? {} : { cluster }),
    ...(eniConfig === undefined ? {} : { eniConfig }),
    eniConf: jsonKey(eniConfig, 'eni_conf', problems),
    terwayConf: jsonKey(eniConfig, '10-terway.conf', problems),
    kubeSystemDaemonSets: k8s.workloads.filter(
      (w) => w.kind === 'DaemonSet' && w.namespace === 'kube-system',
    ),
    problems,
  };
}

export function daemonSet(ctx: DeriveContext, name: string): Workload | undefined {
  return ctx.kubeSystemDaemonSets.find((w) => w.name === name);
}

export function stringField(json: JsonKey, key: string): string | undefined {
  if (json.state !== 'ok') return undefined;
  const value = json.value[key];
  return typeof value === 'string' ? value : undefined;
}
