import { describe, expect, it } from 'vitest';
import { WEB_A, WEB_B } from '../test-fixtures/cluster.js';
import { hop, path, trace } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;

/** A raw Service `shop/<name>` with ClusterIP `ip`, port 80 → `targetPort`; `extra` is added to the spec. */
function service(
  name: string,
  ip: string,
  targetPort: string | number,
  extra = '',
  selector = '{app: api}',
): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec:
  clusterIP: ${ip}
  clusterIPs: [${ip}]
${selector === '' ? '' : `  selector: ${selector}\n`}  ports: [{name: http, port: 80, targetPort: ${targetPort}, protocol: TCP}]
${extra}`;
}

interface SliceEndpoint {
  readonly ip: string;
  readonly node?: 'a' | 'b';
  readonly conditions?: string;
  readonly pod?: string;
}

function slice(
  name: string,
  serviceName: string | null,
  port: number,
  endpoints: readonly SliceEndpoint[],
  portName = 'http',
): string {
  const nodes = { a: 'cn-hangzhou.10.0.1.11', b: 'cn-hangzhou.10.0.2.21' };
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${name}
  namespace: shop
${serviceName === null ? '' : `  labels: {kubernetes.io/service-name: ${serviceName}}\n`}addressType: IPv4
ports: [{name: ${portName}, port: ${port}, protocol: TCP}]
endpoints:
${endpoints
  .map(
    (e) => `- addresses: [${e.ip}]
  conditions: ${e.conditions ?? '{ready: true}'}
${e.node === undefined ? '' : `  nodeName: ${nodes[e.node]}\n`}${e.pod === undefined ? '' : `  targetRef: {kind: Pod, namespace: shop, name: ${e.pod}}\n`}`,
  )
  .join('')}`;
}

describe('named targetPort', () => {
  it('resolves per EndpointSlice: each slice carries the number the name resolved to on its pods', () => {
    const objects = [
      service('named', '192.168.10.40', 'web'),
      slice('named-1', 'named', 9000, [{ ip: '10.0.64.12', node: 'a', pod: 'api-a' }]),
      slice('named-2', 'named', 9443, [{ ip: '10.0.128.7', node: 'b', pod: 'api-b' }]),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.40', { port: 80 });
    expect(hop(t, 'service').packet).toMatchObject({ dst: '10.0.64.12', port: 9000 });
    expect(hop(t, 'service').details?.otherEndpoints).toEqual([
      { address: '10.0.128.7', port: 9443, node: 'cn-hangzhou.10.0.2.21' },
    ]);
  });

  it('a slice without the Service port’s name serves nothing on that port', () => {
    const objects = [
      service('named', '192.168.10.40', 'web'),
      slice('named-1', 'named', 9000, [{ ip: '10.0.64.12', node: 'a' }], 'metrics'),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.40', { port: 80 });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('1 endpoint(s) are in slices without port "http"');
  });
});

describe('endpoint conditions (kube-proxy: ready, else serving and terminating)', () => {
  it('only terminating-but-serving endpoints: used, and said so', () => {
    const objects = [
      service('drain', '192.168.10.41', 9000),
      slice('drain-1', 'drain', 9000, [
        { ip: '10.0.64.12', node: 'a', conditions: '{ready: false, serving: true, terminating: true}' },
      ]),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.41', { port: 80 });
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(hop(t, 'service').reason).toContain('falls back to serving, terminating endpoints');
  });

  it('a ready endpoint wins over a terminating one', () => {
    const objects = [
      service('drain', '192.168.10.41', 9000),
      slice('drain-1', 'drain', 9000, [
        { ip: '10.0.64.12', node: 'a', conditions: '{ready: false, serving: true, terminating: true}' },
        { ip: '10.0.128.7', node: 'b' },
      ]),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.41', { port: 80 });
    expect(hop(t, 'service').packet.dst).toBe('10.0.128.7');
    expect(hop(t, 'service').details?.otherEndpoints).toEqual([]);
  });

  it('terminating and not serving: nothing answers', () => {
    const objects = [
      service('drain', '192.168.10.41', 9000),
      slice('drain-1', 'drain', 9000, [
        { ip: '10.0.64.12', node: 'a', conditions: '{ready: false, serving: false, terminating: true}' },
      ]),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.41', { port: 80 });
    expect(t.blockedAt?.reason).toContain('no ready (or serving and terminating) IPv4 endpoint');
  });
});

describe('a Service without selector', () => {
  it('uses the EndpointSlices written for it (labelled kubernetes.io/service-name)', () => {
    const objects = [
      service('manual', '192.168.10.42', 3306, '', ''),
      slice('manual-1', 'manual', 3306, [{ ip: '10.0.8.30' }]),
    ];
    const t = trace({ objects, sgRules: {} }, FROM_A, '192.168.10.42', { port: 80 });
    expect(hop(t, 'service').packet).toMatchObject({ dst: '10.0.8.30', port: 3306 });
  });

  it('ignores an EndpointSlice without the label', () => {
    const objects = [
      service('manual', '192.168.10.42', 3306, '', ''),
      slice('manual-1', null, 3306, [{ ip: '10.0.8.30' }]),
    ];
    const t = trace({ objects }, FROM_A, '192.168.10.42', { port: 80 });
    expect(t.blockedAt?.reason).toContain(
      'has no selector and no EndpointSlice labelled kubernetes.io/service-name=manual',
    );
  });
});

describe('fan-out: endpoints that differ in outcome', () => {
  // Endpoint 1: pod api-a, reachable. Endpoint 2: ECS i-legacy on 9000, which its enterprise group does not admit.
  const objects = [
    service('mixed', '192.168.10.43', 9000, '', ''),
    slice('mixed-1', 'mixed', 9000, [{ ip: '10.0.8.30' }, { ip: '10.0.64.12', node: 'a', pod: 'api-a' }]),
  ];

  it('goes on with a reachable endpoint and says how many are reachable, each with its verdict', () => {
    const t = trace({ objects }, FROM_A, '192.168.10.43', { port: 80 });
    const service = hop(t, 'service');
    expect(service.reason).toContain('1 of 2 endpoints reachable');
    expect(service.packet.dst).toBe('10.0.64.12');
    expect(t.verdict).toBe('reachable');
    const endpoints = service.details?.endpoints as {
      address: string;
      verdict: string;
      blockedAt?: { kind: string };
    }[];
    expect(endpoints.map((e) => [e.address, e.verdict, e.blockedAt?.kind ?? null])).toEqual([
      ['10.0.8.30', 'blocked', 'destination-access'],
      ['10.0.64.12', 'reachable', null],
    ]);
  });

  it('blocked when no endpoint is reachable: the trace shows the first', () => {
    const blocked = [
      service('mixed', '192.168.10.43', 9000, '', ''),
      slice('mixed-1', 'mixed', 9000, [{ ip: '10.0.8.30' }, { ip: '10.0.8.20' }]),
    ];
    const t = trace({ objects: blocked }, FROM_A, '192.168.10.43', { port: 80 });
    expect(hop(t, 'service').reason).toContain('0 of 2 endpoints reachable');
    expect(hop(t, 'service').packet.dst).toBe('10.0.8.30');
    expect(t.verdict).toBe('blocked');
  });

  it('endpoints with the same outcome: all reachable', () => {
    const t = trace({}, FROM_A, 'svc/shop/api', { port: 80 });
    expect(hop(t, 'service').reason).toContain('2 of 2 endpoints reachable');
    expect(hop(t, 'service').details?.reachableEndpoints).toBe(2);
  });
});

describe('internalTrafficPolicy Local', () => {
  const objects = [service('local', '192.168.10.44', 9000, '  internalTrafficPolicy: Local\n')];
  const endpoints = slice('local-1', 'local', 9000, [{ ip: '10.0.64.12', node: 'a', pod: 'api-a' }]);

  it('a client on the endpoint’s node reaches it', () => {
    const t = trace({ objects: [...objects, endpoints] }, FROM_A, '192.168.10.44', { port: 80 });
    expect(hop(t, 'service').packet.dst).toBe('10.0.64.12');
    expect(t.verdict).toBe('reachable');
  });

  it('a client on another node: dropped, the endpoints elsewhere do not count', () => {
    const t = trace({ objects: [...objects, endpoints] }, FROM_B, '192.168.10.44', { port: 80 });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('on node cn-hangzhou.10.0.2.21 (internalTrafficPolicy Local');
  });
});

describe('NodePort', () => {
  it('a node IP on the nodePort: kube-proxy there sends it to an endpoint, masquerading (policy Cluster)', () => {
    const t = trace({}, FROM_A, '10.0.2.21', { port: 31080 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain('NodePort 31080 of shop/api-lb on node cn-hangzhou.10.0.2.21');
    const translated = t.hops.filter((h) => h.kind === 'service')[1];
    expect(translated?.packet).toMatchObject({ src: '10.0.2.21', dst: '10.0.64.12', port: 9000 });
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.2.21');
  });

  it('from an address outside the cluster too', () => {
    const out = {
      id: 'sgr-legacy-out',
      direction: 'egress' as const,
      policy: 'Accept' as const,
      priority: 1,
      protocol: 'TCP',
      ports: '31080/31080',
      cidr: '10.0.0.0/8',
    };
    const t = trace({ sgRules: { 'sg-legacy': [out] } }, '10.0.8.30', '10.0.1.11', { port: 31080 });
    expect(path(t)).toContain('service:rewrite');
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.1.11');
  });

  it('externalTrafficPolicy Local: a node without a local endpoint answers nothing', () => {
    const t = trace({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, FROM_A, '10.0.2.21', {
      port: 31080,
    });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('kube-proxy on node cn-hangzhou.10.0.2.21 finds no endpoint');
  });

  it('another port of the node is no NodePort: no translation', () => {
    const t = trace({}, FROM_A, '10.0.2.21', { port: 31999 });
    expect(path(t)).not.toContain('service:pass');
    expect(hop(t, 'destination').resource?.id).toBe('cn-hangzhou.10.0.2.21');
  });
});

describe('externalIPs', () => {
  const objects = [service('ext', '192.168.10.45', 9000, '  externalIPs: [10.0.1.250]\n')];
  const endpoints = slice('ext-1', 'ext', 9000, [{ ip: '10.0.128.7', node: 'b', pod: 'api-b' }]);

  it('short-circuited for a pod like a LoadBalancer IP', () => {
    const t = trace({ objects: [...objects, endpoints] }, FROM_A, '10.0.1.250', { port: 80 });
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(hop(t, 'service').reason).toContain('externalIP 10.0.1.250 short-circuited');
  });

  it('not for an address outside the cluster', () => {
    const t = trace({ objects: [...objects, endpoints] }, '10.0.8.30', '10.0.1.250', { port: 80 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain('not a pod or node of the cluster');
  });
});

describe('the cluster’s own LoadBalancer IP from a node', () => {
  it('a node’s own processes are intercepted by kube-proxy whatever Terway does', () => {
    const t = trace({ inClusterLoadBalance: 'false' }, '10.0.1.11', '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(hop(t, 'service').reason).toContain('kube-proxy ipvs on node cn-hangzhou.10.0.1.11');
  });

  it('the evidence of the decision is in the details', () => {
    const t = trace({ inClusterLoadBalance: 'false' }, FROM_A, '47.96.1.20', { port: 80 });
    const evidence = hop(t, 'service').details?.evidence as Record<string, string>;
    expect(Object.keys(evidence).sort()).toEqual([
      'inClusterLoadBalance',
      'kubeProxyMode',
      'terwayMode',
      'terwayVersion',
    ]);
    expect(evidence.inClusterLoadBalance).toContain('eni-config in_cluster_loadbalance is "false"');
    expect(evidence.terwayVersion).toContain('v1.9.3');
  });

  it('Terway ≥ v1.2.0 without the key (a cluster created before v1.2.0): not short-circuited', () => {
    const t = trace({ inClusterLoadBalance: null, slbBackend: 'i-b' }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain('clusters created before Terway v1.2.0 do not get it');
  });

  it('Terway IPvlan (the older eBPF mode) < v1.2.0: not short-circuited', () => {
    const t = trace({ datapath: 'IPVlan', terwayVersion: 'v1.1.0' }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').reason).toContain('Terway v1.1.0 < v1.2.0 in IPvlan+eBPF mode');
  });

  it('Flannel: kube-proxy short-circuits', () => {
    const t = trace({ cni: 'flannel', inClusterLoadBalance: null }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(hop(t, 'service').reason).toContain('(Flannel)');
  });
});
