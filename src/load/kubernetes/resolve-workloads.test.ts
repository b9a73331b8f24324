import { describe, expect, it } from 'vitest';
import type { Pod, Workload } from '../../model/kubernetes.js';
import { indexReplicaSets, resolveWorkload } from './resolve-workloads.js';

const origin = { file: 'w.json', path: '' };
const workload = (kind: Workload['kind'], namespace: string, name: string, owner?: string): Workload => ({
  kind,
  namespace,
  name,
  labels: {},
  ...(owner === undefined ? {} : { owner: { kind: 'Deployment', name: owner } }),
  containers: [],
  origin,
});
const pod = (namespace: string, owner: Pod['owner'], labels: Record<string, string> = {}): Pod => ({
  namespace,
  name: 'p',
  labels,
  annotations: {},
  hostNetwork: false,
  ips: [],
  dnsPolicy: 'ClusterFirst',
  containerPorts: [],
  ...(owner === undefined ? {} : { owner }),
  origin,
});

describe('indexReplicaSets', () => {
  it('keeps ReplicaSets only, by namespace then name, the first of two with one name', () => {
    const first = workload('ReplicaSet', 'a', 'web-1', 'web');
    const index = indexReplicaSets([
      workload('Deployment', 'a', 'web-1'),
      first,
      workload('ReplicaSet', 'a', 'web-1', 'other'),
      workload('ReplicaSet', 'b', 'web-1'),
    ]);
    expect([...index.keys()]).toEqual(['a', 'b']);
    expect(index.get('a')?.get('web-1')).toBe(first);
    expect(index.get('b')?.size).toBe(1);
  });
});

describe('resolveWorkload', () => {
  const index = indexReplicaSets([
    workload('ReplicaSet', 'a', 'api-7d9f', 'api'),
    workload('ReplicaSet', 'a', 'orphan-1'),
    workload('ReplicaSet', 'a/b', 'c'),
  ]);

  it('follows a ReplicaSet object to the Deployment it names', () => {
    expect(resolveWorkload(pod('a', { kind: 'ReplicaSet', name: 'api-7d9f' }), index)).toEqual({
      kind: 'Deployment',
      name: 'api',
    });
  });

  it('keeps the ReplicaSet when its object names no owner', () => {
    expect(resolveWorkload(pod('a', { kind: 'ReplicaSet', name: 'orphan-1' }), index)).toEqual({
      kind: 'ReplicaSet',
      name: 'orphan-1',
    });
  });

  it('strips pod-template-hash from the name when the ReplicaSet object is absent (another namespace here)', () => {
    const owner = { kind: 'ReplicaSet', name: 'api-7d9f' };
    expect(resolveWorkload(pod('b', owner, { 'pod-template-hash': '7d9f' }), index)).toEqual({
      kind: 'Deployment',
      name: 'api',
    });
    expect(resolveWorkload(pod('b', owner, { 'pod-template-hash': 'zzzz' }), index)).toEqual(owner);
  });

  it('does not confuse namespace and name that join to the same text', () => {
    expect(resolveWorkload(pod('a', { kind: 'ReplicaSet', name: 'b/c' }), index)).toEqual({
      kind: 'ReplicaSet',
      name: 'b/c',
    });
  });

  it('returns other owners as they are, and nothing without an owner', () => {
    expect(resolveWorkload(pod('a', { kind: 'StatefulSet', name: 'db' }), index)).toEqual({
      kind: 'StatefulSet',
      name: 'db',
    });
    expect(resolveWorkload(pod('a', undefined), index)).toBeUndefined();
  });
});
