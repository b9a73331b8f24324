import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadSnapshotFromFiles } from '../index.js';
import { instanceIdFromProviderId, regionFromProviderId } from './node.js';

const load = (content: string, path = 'k8s.yaml') => loadSnapshotFromFiles([{ path, content }]);
const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/load/${name}`, import.meta.url), 'utf8');

describe('a kubectl List of every core kind (test/fixtures/load/cluster-list.yaml)', () => {
  const result = load(fixture('cluster-list.yaml'), 'cluster-list.yaml');
  const k = result.snapshot.kubernetes;

  it('loads without problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.recognised).toEqual([
      {
        file: 'cluster-list.yaml',
        as: [
          'kubernetes Namespace',
          'kubernetes Pod',
          'kubernetes Node',
          'kubernetes Service',
          'kubernetes EndpointSlice',
          'kubernetes NetworkPolicy',
        ],
      },
    ]);
  });

  it('adds kubernetes.io/metadata.name to namespace labels', () => {
    expect(k.namespaces[0]?.labels).toEqual({ team: 'shop', 'kubernetes.io/metadata.name': 'shop' });
  });

  it('reads a Node: addresses, providerID, instance id, zone, podCIDR', () => {
    expect(k.nodes[0]).toEqual({
      name: 'cn-hangzhou.10.0.1.23',
      labels: {
        'kubernetes.io/hostname': 'cn-hangzhou.10.0.1.23',
        'topology.kubernetes.io/region': 'cn-hangzhou',
        'topology.kubernetes.io/zone': 'cn-hangzhou-j',
      },
      annotations: {},
      internalIPs: ['10.0.1.23'],
      externalIPs: [],
      providerId: 'cn-hangzhou.i-bp67acfmxazb4p1abcde',
      instanceId: 'i-bp67acfmxazb4p1abcde',
      podCIDRs: ['172.20.1.0/24'],
      zone: 'cn-hangzhou-j',
      origin: { file: 'cluster-list.yaml', line: 59, column: 5, path: 'items[2]' },
    });
  });

  it('reads a Service with API defaults: protocol TCP, traffic policies Cluster', () => {
    expect(k.services[0]).toMatchObject({
      type: 'ClusterIP',
      clusterIPs: ['172.21.3.40'],
      headless: false,
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'tcp', port: 80, targetPort: 'http' }],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('reads an EndpointSlice: a nil ready is true', () => {
    expect(k.endpointSlices[0]).toMatchObject({
      serviceName: 'web',
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.64.11'],
          ready: true,
          serving: true,
          terminating: false,
          nodeName: 'cn-hangzhou.10.0.1.23',
          targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-7d9c6b5f4-x2k8q' },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'tcp' }],
    });
  });

  it('reads a NetworkPolicy with egress rules and defaults policyTypes to Ingress+Egress', () => {
    const np = k.networkPolicies[0];
    expect(np?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np?.policyTypesExplicit).toBe(false);
    expect(np?.egress[0]?.ports).toEqual([{ protocol: 'tcp', port: 443 }]);
    expect(np?.egress[0]?.peers).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }]);
    expect(np?.egress[1]?.origin).toEqual({
      file: 'cluster-list.yaml',
      line: 135,
      column: 11,
      path: 'items[5].spec.egress[1]',
    });
  });
});

describe('Node providerID', () => {
  it('takes the instance id and region from an ACK providerID', () => {
    expect(instanceIdFromProviderId('cn-hangzhou.i-bp67acfmxazb4p1abcde')).toBe('i-bp67acfmxazb4p1abcde');
    expect(regionFromProviderId('cn-hangzhou.i-bp67acfmxazb4p1abcde')).toBe('cn-hangzhou');
  });

  it('takes nothing from a providerID of another shape', () => {
    expect(instanceIdFromProviderId('virtual-kubelet-cn-hangzhou-j')).toBeUndefined();
    expect(regionFromProviderId('virtual-kubelet-cn-hangzhou-j')).toBeUndefined();
  });

  it('reads the legacy failure-domain zone label', () => {
    const result = load(
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels: {failure-domain.beta.kubernetes.io/zone: cn-hangzhou-k}\n',
    );
    expect(result.snapshot.kubernetes.nodes[0]?.zone).toBe('cn-hangzhou-k');
  });
});

describe('Service', () => {
  it('reads a headless Service as headless with no cluster IP', () => {
    const result = load(
      'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: x}\nspec:\n  clusterIP: None\n  ports: [{port: 3306}]\n',
    );
    expect(result.snapshot.kubernetes.services[0]).toMatchObject({
      headless: true,
      clusterIPs: [],
      ports: [{ protocol: 'tcp', port: 3306, targetPort: 3306 }],
    });
  });

  it('reads a LoadBalancer Service with its written policies and ingress', () => {
    const result = load(`apiVersion: v1
kind: Service
metadata: {name: lb, namespace: x}
spec:
  type: LoadBalancer
  clusterIPs: [172.21.5.5, "fd00::5"]
  externalTrafficPolicy: Local
  ports: [{port: 53, protocol: UDP, targetPort: 5353, nodePort: 30053}]
status:
  loadBalancer:
    ingress: [{ip: 47.98.20.30, ipMode: VIP}]
`);
    expect(result.snapshot.kubernetes.services[0]).toMatchObject({
      type: 'LoadBalancer',
      clusterIPs: ['172.21.5.5', 'fd00::5'],
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Cluster',
      ports: [{ protocol: 'udp', port: 53, targetPort: 5353, nodePort: 30053 }],
      loadBalancerIngress: [{ ip: '47.98.20.30', ipMode: 'VIP' }],
    });
  });

  it('refuses an unknown Service type', () => {
    const result = load(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: x}\nspec:\n  type: Ingress\n',
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'error: k8s.yaml:5:9: spec.type: Service: "type" has an unsupported value (found "Ingress") (expected one of ClusterIP, NodePort, LoadBalancer, ExternalName) — the object was skipped; fix it and load again (the rest of the file was read)',
    ]);
  });
});

describe('EndpointSlice conditions', () => {
  it('reads explicit false conditions and defaults serving to ready', () => {
    const result = load(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: s-1, namespace: x}
addressType: IPv6
endpoints:
- addresses: ["fd00::1"]
  conditions: {ready: false}
- addresses: ["fd00::2"]
  conditions: {ready: false, serving: true, terminating: true}
`);
    expect(result.snapshot.kubernetes.endpointSlices[0]?.endpoints).toEqual([
      { addresses: ['fd00::1'], ready: false, serving: false, terminating: false },
      { addresses: ['fd00::2'], ready: false, serving: true, terminating: true },
    ]);
  });
});

describe('ConfigMap', () => {
  const cms = `apiVersion: v1
kind: ConfigMap
metadata: {name: eni-config, namespace: kube-system}
data: {disable_network_policy: "false"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-settings, namespace: shop}
data: {password: hunter2}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy-worker, namespace: kube-system}
data: {config.conf: "mode: ipvs"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: eni-config-fixed, namespace: kube-system}
data: {eni_conf: "{}"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: pool-b-terway, namespace: kube-system}
data: {eni_conf: "{}"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: extension-apiserver-authentication, namespace: kube-system}
data: {client-ca-file: "..."}
`;
  const result = load(cms);

  it('keeps the data of the kube-system ConfigMaps that decide cluster facts', () => {
    expect(result.snapshot.kubernetes.configMaps.map((c) => [c.name, c.data])).toEqual([
      ['eni-config', { disable_network_policy: 'false' }],
      ['app-settings', {}],
      ['kube-proxy-worker', { 'config.conf': 'mode: ipvs' }],
      ['eni-config-fixed', { eni_conf: '{}' }],
      ['pool-b-terway', { eni_conf: '{}' }],
      ['extension-apiserver-authentication', {}],
    ]);
  });
});

describe('workloads and Terway custom resources', () => {
  it('reads a DaemonSet with its containers (literal env only)', () => {
    const result = load(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: terway-eniip, namespace: kube-system, labels: {app: terway-eniip}}
spec:
  template:
    spec:
      containers:
      - name: terway
        image: registry-cn-hangzhou.ack.aliyuncs.com/acs/terway:v1.9.3
        args: [--log-level=info]
        env:
        - {name: IN_CLUSTER_LOADBALANCE, value: "true"}
        - name: NODE_NAME
          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
`);
    expect(result.snapshot.kubernetes.workloads).toEqual([
      {
        kind: 'DaemonSet',
        namespace: 'kube-system',
        name: 'terway-eniip',
        labels: { app: 'terway-eniip' },
        containers: [
          {
            name: 'terway',
            image: 'registry-cn-hangzhou.ack.aliyuncs.com/acs/terway:v1.9.3',
            args: ['--log-level=info'],
            command: [],
            env: { IN_CLUSTER_LOADBALANCE: 'true' },
          },
        ],
        origin: { file: 'k8s.yaml', line: 1, column: 1, path: '' },
      },
    ]);
  });

  it('reads Deployment, StatefulSet, Job and ReplicaSet as workloads', () => {
    const kinds = [
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'StatefulSet'],
      ['batch/v1', 'Job'],
      ['apps/v1', 'ReplicaSet'],
    ];
    const text = kinds
      .map(([v, k]) => `apiVersion: ${v}\nkind: ${k}\nmetadata: {name: w, namespace: x}\n`)
      .join('---\n');
    expect(load(text).snapshot.kubernetes.workloads.map((w) => w.kind)).toEqual([
      'Deployment',
      'StatefulSet',
      'Job',
      'ReplicaSet',
    ]);
  });

  it('reads a PodNetworking and a PodEIP', () => {
    const result = load(`apiVersion: network.alibabacloud.com/v1beta1
kind: PodNetworking
metadata: {name: stateless}
spec:
  allocationType: {type: Elastic}
  selector:
    podSelector: {matchLabels: {app: nginx}}
    namespaceSelector: {matchLabels: {team: shop}}
  vSwitchOptions: [vsw-bp1s5grzef87ikb5zz1px]
  securityGroupIDs: [sg-bp172wuqj4y3f98x7ptm]
---
apiVersion: alibabacloud.com/v1beta1
kind: PodEIP
metadata: {name: web-0, namespace: shop}
spec: {allocationID: eip-bp1abc, allocationType: {type: Auto, releaseStrategy: Follow}}
status:
  eipAddress: 47.98.30.40
  networkInterfaceID: eni-bp1xyz
  privateIPAddress: 10.0.64.30
  status: InUse
`);
    expect(result.problems).toEqual([]);
    expect(result.snapshot.kubernetes.podNetworkings[0]).toMatchObject({
      name: 'stateless',
      podSelector: { matchLabels: { app: 'nginx' }, matchExpressions: [] },
      namespaceSelector: { matchLabels: { team: 'shop' }, matchExpressions: [] },
      vSwitchIds: ['vsw-bp1s5grzef87ikb5zz1px'],
      securityGroupIds: ['sg-bp172wuqj4y3f98x7ptm'],
    });
    expect(result.snapshot.kubernetes.podEips[0]).toMatchObject({
      namespace: 'shop',
      name: 'web-0',
      allocationId: 'eip-bp1abc',
      eipAddress: '47.98.30.40',
      networkInterfaceId: 'eni-bp1xyz',
      privateIpAddress: '10.0.64.30',
      status: 'InUse',
    });
  });
});

describe('consistency warnings', () => {
  it('keeps the first of two copies of an object and names both places', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n';
    const result = loadSnapshotFromFiles([
      { path: 'one.yaml', content: pod },
      { path: 'two.yaml', content: pod },
    ]);
    expect(result.snapshot.kubernetes.pods.map((p) => p.origin.file)).toEqual(['one.yaml']);
    expect(result.problems.map(formatProblem)).toEqual([
      'warning: two.yaml:1:1: Pod x/a is defined twice; this copy was ignored, the first is at one.yaml:1:1 (expected each object once in the snapshot) — remove one of the two copies (two dumps of different times?)',
    ]);
  });

  it('warns about two running pods with one IP, but not about host-network or finished pods', () => {
    const pod = (name: string, extra: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: x}\n${extra}status: {podIP: 10.0.64.5, phase: Running}\n`;
    const result = load(
      [
        pod('a', ''),
        pod('b', ''),
        pod('c', 'spec: {hostNetwork: true}\n'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: d, namespace: x}\nstatus: {podIP: 10.0.64.5, phase: Succeeded}\n',
      ].join('---\n'),
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'warning: k8s.yaml:6:1: Pod x/b has IP 10.0.64.5, which Pod x/a also has (k8s.yaml:1:1) (expected one running pod per IP) — the snapshot mixes dumps of different times, or one pod is stale; collect the pods again in one command',
    ]);
  });
});
