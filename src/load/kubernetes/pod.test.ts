import { describe, expect, it } from 'vitest';
import { formatProblem, loadSnapshotFromFiles } from '../index.js';

const load = (content: string, path = 'pods.yaml') => loadSnapshotFromFiles([{ path, content }]);

describe('Pod', () => {
  it('reads a kubectl -o json Pod: IPs from podIPs, ports, owner, defaults', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'db-0',
          namespace: 'data',
          labels: { app: 'db' },
          annotations: { 'k8s.aliyun.com/pod-with-eip': 'true' },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true, uid: 'u' },
          ],
        },
        spec: {
          nodeName: 'cn-hangzhou.10.0.1.23',
          containers: [
            {
              name: 'db',
              image: 'mysql:8',
              ports: [
                { containerPort: 3306, name: 'mysql' },
                { containerPort: 53, protocol: 'UDP' },
              ],
            },
          ],
        },
        status: {
          phase: 'Running',
          hostIP: '10.0.1.23',
          podIP: '10.0.64.20',
          podIPs: [{ ip: '10.0.64.20' }, { ip: '2408:4005:3de:8500::20' }],
        },
      },
      null,
      2,
    );
    const result = load(json, 'pod.json');
    expect(result.problems).toEqual([]);
    expect(result.snapshot.kubernetes.pods).toEqual([
      {
        namespace: 'data',
        name: 'db-0',
        labels: { app: 'db' },
        annotations: { 'k8s.aliyun.com/pod-with-eip': 'true' },
        nodeName: 'cn-hangzhou.10.0.1.23',
        hostNetwork: false,
        ips: ['10.0.64.20', '2408:4005:3de:8500::20'],
        hostIP: '10.0.1.23',
        phase: 'Running',
        dnsPolicy: 'ClusterFirst',
        containerPorts: [
          { name: 'mysql', containerPort: 3306, protocol: 'tcp' },
          { containerPort: 53, protocol: 'udp' },
        ],
        owner: { kind: 'StatefulSet', name: 'db' },
        workload: { kind: 'StatefulSet', name: 'db' },
        origin: { file: 'pod.json', line: 1, column: 1, path: '' },
      },
    ]);
  });

  it('falls back to status.podIP when podIPs is absent and keeps a written dnsPolicy and dnsConfig', () => {
    const result = load(`apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
spec:
  hostNetwork: true
  dnsPolicy: None
  dnsConfig:
    nameservers: [169.254.20.10, 172.21.0.10]
    searches: [x.svc.cluster.local]
    options: [{name: ndots, value: "3"}, {name: edns0}]
  containers: [{name: c, image: i}]
status: {podIP: 10.0.1.23}
`);
    const pod = result.snapshot.kubernetes.pods[0];
    expect(pod?.ips).toEqual(['10.0.1.23']);
    expect(pod?.hostNetwork).toBe(true);
    expect(pod?.dnsPolicy).toBe('None');
    expect(pod?.dnsConfig).toEqual({
      nameservers: ['169.254.20.10', '172.21.0.10'],
      searches: ['x.svc.cluster.local'],
      options: [{ name: 'ndots', value: '3' }, { name: 'edns0' }],
    });
  });

  it('resolves a Deployment through the ReplicaSet object when present', () => {
    const result = load(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5f7c9d
  namespace: x
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api-server, controller: true, uid: u}]
---
apiVersion: v1
kind: Pod
metadata:
  name: api-5f7c9d-abcde
  namespace: x
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5f7c9d, controller: true, uid: u}]
`);
    expect(result.snapshot.kubernetes.pods[0]?.workload).toEqual({ kind: 'Deployment', name: 'api-server' });
  });

  it('resolves a Deployment by stripping the pod-template-hash when the ReplicaSet is absent', () => {
    const result = load(`apiVersion: v1
kind: Pod
metadata:
  name: web-7d9c6b5f4-x2k8q
  namespace: x
  labels: {pod-template-hash: 7d9c6b5f4}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c6b5f4, controller: true, uid: u}]
`);
    expect(result.snapshot.kubernetes.pods[0]?.workload).toEqual({ kind: 'Deployment', name: 'web' });
  });

  it('keeps a bare ReplicaSet owner when the hash does not match its name', () => {
    const result = load(`apiVersion: v1
kind: Pod
metadata:
  name: rs-1-abc
  namespace: x
  labels: {pod-template-hash: zzz}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: rs-1, controller: true, uid: u}]
`);
    expect(result.snapshot.kubernetes.pods[0]?.workload).toEqual({ kind: 'ReplicaSet', name: 'rs-1' });
  });

  it('has no workload without ownerReferences', () => {
    const result = load('apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n');
    expect(result.snapshot.kubernetes.pods[0]?.workload).toBeUndefined();
  });

  it('reports a wrong type at its line and skips only that pod', () => {
    const result = load(`apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x}
spec:
  containers:
  - name: c
    ports:
    - containerPort: "eighty"
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x}
`);
    expect(result.problems.map(formatProblem)).toEqual([
      'error: pods.yaml:8:22: spec.containers[0].ports[0].containerPort: Pod: "containerPort" has the wrong type (found "eighty") (expected number) — the object was skipped; fix it and load again (the rest of the file was read)',
    ]);
    expect(result.snapshot.kubernetes.pods.map((p) => p.name)).toEqual(['b']);
  });

  it('reports an object without metadata', () => {
    const result = load('apiVersion: v1\nkind: Pod\nspec: {}\n');
    expect(result.problems.map(formatProblem)).toEqual([
      'error: pods.yaml:1:1: metadata: Pod: required field "metadata" is missing (expected object) — the object was skipped; fix it and load again (the rest of the file was read)',
    ]);
  });

  it('warns when a pod has no namespace and reads it as default', () => {
    const result = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n');
    expect(result.problems.map(formatProblem)).toEqual([
      'warning: pods.yaml:4:3: metadata: Pod a has no metadata.namespace; read as namespace "default" (expected metadata.namespace, as kubectl get prints it) — use the raw output of kubectl get rather than a manifest',
    ]);
    expect(result.snapshot.kubernetes.pods[0]?.namespace).toBe('default');
  });
});
