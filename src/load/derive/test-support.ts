/** Test helpers: Kubernetes objects from raw YAML through the real adapter, cloud resources written by hand. */
import { readFileSync } from 'node:fs';
import type { CloudResources, ClusterDetail, VSwitch } from '../../model/cloud.js';
import type { ClusterFacts } from '../../model/cluster-facts.js';
import type { KubernetesObjects } from '../../model/kubernetes.js';
import { loadSnapshotFromFiles } from '../index.js';
import { kubernetesAdapter } from '../kubernetes/index.js';
import type { LoadProblem } from '../problem.js';
import { emptyBuilder } from '../snapshot-builder.js';
import { deriveClusterFacts } from './index.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/load/${name}`, import.meta.url), 'utf8');
}

export function kubernetesFrom(...yamls: string[]): KubernetesObjects {
  const files = yamls.map((content, i) => ({ path: `k8s-${i}.yaml`, content }));
  return loadSnapshotFromFiles(files, { adapters: [kubernetesAdapter] }).snapshot.kubernetes;
}

export function cloudWith(parts: Partial<CloudResources>): CloudResources {
  return { ...emptyBuilder().cloud, ...parts };
}

export function facts(
  k8s: KubernetesObjects,
  cloud: CloudResources = cloudWith({}),
): {
  facts: ClusterFacts;
  problems: LoadProblem[];
} {
  const problems: LoadProblem[] = [];
  return { facts: deriveClusterFacts(k8s, cloud, problems), problems };
}

export const csOrigin = { file: 'DescribeClusterDetail.json', line: 1, column: 1, path: '' };

export function cluster(parts: Partial<ClusterDetail>): ClusterDetail {
  return { clusterId: 'c1a2b3c4d5e6', vSwitchIds: [], addons: [], origin: csOrigin, ...parts };
}

export function vSwitch(id: string, cidrBlock: string, ipv6CidrBlock?: string): VSwitch {
  return {
    id,
    vpcId: 'vpc-bp1qpo0kug3a20qqe2ab',
    zoneId: 'cn-hangzhou-j',
    cidrBlock,
    ...(ipv6CidrBlock === undefined ? {} : { ipv6CidrBlock }),
    origin: { file: 'DescribeVSwitches.json', path: `VSwitches.VSwitch[${id}]` },
  };
}

export function configMap(name: string, data: Record<string, string>): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: kube-system}\ndata:\n${lines.join('\n')}\n`;
}

export function daemonSet(name: string, image = 'registry.example/x:v1'): string {
  return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}, namespace: kube-system}\nspec:\n  template:\n    spec:\n      containers: [{name: ${name.startsWith('terway') ? 'terway' : 'main'}, image: "${image}"}]\n`;
}
