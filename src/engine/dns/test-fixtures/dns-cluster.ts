/**
 * The engine's test cluster (src/engine/test-fixtures/cluster.ts) plus what DNS needs, as RAW `kubectl` YAML:
 * Service kube-system/kube-dns 192.168.0.10 (53/UDP dns, 53/TCP dns-tcp) with two CoreDNS pods on node-b
 * (coredns-1 10.0.128.20, coredns-2 10.0.128.21, label k8s-app=kube-dns), the coredns ConfigMap (ACK default
 * Corefile unless given), and optionally the node-local-dns DaemonSet. web-a (shop) is the DNS client; its spec
 * and labels, and the shop namespace labels, can be changed per test.
 */
import { type LoadResult, loadSnapshotFromFiles } from '../../../load/index.js';
import type { Snapshot, Trace } from '../../../model/index.js';
import { indexSnapshot } from '../../snapshot-index.js';
import { type FixtureOptions, fixtureFiles, WEB_A } from '../../test-fixtures/cluster.js';
import { type QueryExtras, traceOn } from '../../test-fixtures/query.js';
import { type DnsLookup, lookupName } from '../lookup.js';

export const ACK_COREFILE = `.:53 {
    errors
    health {
       lameduck 15s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods verified
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf {
      prefer_udp
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export interface DnsFixtureOptions extends FixtureOptions {
  /** false: no kube-dns Service, EndpointSlice or CoreDNS pods. */
  readonly kubeDns?: boolean;
  /** Corefile text; null: no coredns ConfigMap. */
  readonly corefile?: string | null;
  /** Extra data keys of the coredns ConfigMap (hosts files). */
  readonly corefileFiles?: Readonly<Record<string, string>>;
  readonly nodeLocalDaemonSet?: boolean;
  /** YAML lines (2-space indented, spec level) added to web-a's spec: dnsPolicy, dnsConfig, hostNetwork. */
  readonly webASpec?: string;
  readonly webALabels?: Readonly<Record<string, string>>;
  readonly shopLabels?: Readonly<Record<string, string>>;
  /** Raw Kubernetes documents added at the end. */
  readonly extra?: readonly string[];
  /** Replaces 10-terway.conf of eni-config (Terway IPvlan/DataPathV2 host_stack_cidrs). */
  readonly terwayConf?: string;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `${by}${l}`))
    .join('\n');
}

function dnsDocs(o: DnsFixtureOptions): string[] {
  const docs: string[] = [];
  if (o.kubeDns !== false) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns}
spec:
  type: ClusterIP
  clusterIP: 192.168.0.10
  clusterIPs: [192.168.0.10]
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, targetPort: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, targetPort: 53, protocol: TCP}
`);
    docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-x1
  namespace: kube-system
  labels: {kubernetes.io/service-name: kube-dns}
addressType: IPv4
ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
endpoints:
- addresses: [10.0.128.20]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.2.21
  targetRef: {kind: Pod, namespace: kube-system, name: coredns-1}
- addresses: [10.0.128.21]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.2.21
  targetRef: {kind: Pod, namespace: kube-system, name: coredns-2}
`);
    for (const [name, ip] of [
      ['coredns-1', '10.0.128.20'],
      ['coredns-2', '10.0.128.21'],
    ] as const) {
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: kube-system
  labels: {k8s-app: kube-dns}
spec:
  nodeName: cn-hangzhou.10.0.2.21
  dnsPolicy: Default
  containers:
  - name: coredns
    image: registry.example/coredns:1.9
    ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53, protocol: TCP}]
status:
  phase: Running
  hostIP: 10.0.2.21
  podIP: ${ip}
  podIPs: [{ip: ${ip}}]
`);
    }
  }
  if (o.corefile !== null) {
    const data: Record<string, string> = { Corefile: o.corefile ?? ACK_COREFILE, ...(o.corefileFiles ?? {}) };
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
${Object.entries(data)
  .map(([key, value]) => `  ${key}: |\n${indent(value, '    ')}`)
  .join('\n')}
`);
  }
  if (o.nodeLocalDaemonSet === true) {
    docs.push(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-local-dns, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: node-cache
        image: registry.example/node-local-dns:1.0
        args: [-localip, 169.254.20.10]
`);
  }
  return [...docs, ...(o.extra ?? [])];
}

export function dnsFiles(o: DnsFixtureOptions = {}): { path: string; content: string }[] {
  return fixtureFiles(o).map((file) => {
    if (file.path !== 'kubernetes/objects.yaml') return file;
    let content = file.content;
    if (o.terwayConf !== undefined) {
      content = content.replace(/ {2}10-terway\.conf: '[^']*'\n/, `  10-terway.conf: '${o.terwayConf}'\n`);
    }
    if (o.shopLabels !== undefined) {
      content = content.replace(
        'name: shop\n  labels: {kubernetes.io/metadata.name: shop}',
        `name: shop\n  labels: ${JSON.stringify({ 'kubernetes.io/metadata.name': 'shop', ...o.shopLabels })}`,
      );
    }
    const marker = `name: ${WEB_A}\n  namespace: shop\n  labels: `;
    if (o.webALabels !== undefined) {
      content = content.replace(
        `${marker}${JSON.stringify({ app: 'web', 'pod-template-hash': '6b7c8d9f5' })}`,
        `${marker}${JSON.stringify({ app: 'web', 'pod-template-hash': '6b7c8d9f5', ...o.webALabels })}`,
      );
    }
    if (o.webASpec !== undefined) {
      const start = content.indexOf(`name: ${WEB_A}\n`);
      const spec = content.indexOf('spec:\n', start) + 'spec:\n'.length;
      let rest = content.slice(spec);
      if (o.webASpec.includes('hostNetwork:')) rest = rest.replace('  hostNetwork: false\n', '');
      content = `${content.slice(0, spec)}${o.webASpec.endsWith('\n') ? o.webASpec : `${o.webASpec}\n`}${rest}`;
    }
    return { path: file.path, content: `${content}\n---\n${dnsDocs(o).join('---\n')}` };
  });
}

export function dnsLoad(o: DnsFixtureOptions = {}): LoadResult {
  return loadSnapshotFromFiles(dnsFiles(o));
}

const cache = new Map<string, Snapshot>();

export function dnsSnapshot(o: DnsFixtureOptions = {}): Snapshot {
  const key = JSON.stringify(o);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const loaded = dnsLoad(o);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(errors)}`);
  cache.set(key, loaded.snapshot);
  return loaded.snapshot;
}

export function dnsTrace(o: DnsFixtureOptions, to: string, extras: QueryExtras = {}): Trace {
  return traceOn(dnsSnapshot(o), `shop/${WEB_A}`, to, extras);
}

export function webALookup(o: DnsFixtureOptions, name: string | undefined): DnsLookup {
  const snapshot = dnsSnapshot(o);
  const index = indexSnapshot(snapshot);
  const pod = index.pod('shop', WEB_A);
  if (pod === undefined) throw new Error('web-a missing');
  return lookupName(index, pod, name);
}
