import { describe, expect, it } from 'vitest';
import { type SgRule, WEB_A, WEB_B } from '../test-fixtures/cluster.js';
import { hop, path, trace } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;

/** Node security group rule admitting the NodePort range from anywhere (CLB Layer-4 keeps the client address). */
const NODE_PORT_OPEN: SgRule = {
  id: 'sgr-nodeport',
  direction: 'ingress',
  policy: 'Accept',
  priority: 1,
  protocol: 'TCP',
  ports: '30000/32767',
  cidr: '0.0.0.0/0',
};

describe('service hop: ClusterIP', () => {
  it('translates to the first ready endpoint and its targetPort, listing the others', () => {
    const t = trace({}, FROM_A, 'svc/shop/api', { port: 80 });
    const service = hop(t, 'service');
    expect(service.result).toBe('rewrite');
    expect(service.packet).toMatchObject({ dst: '10.0.64.12', port: 9000 });
    expect(service.details?.otherEndpoints).toEqual([
      { address: '10.0.128.7', port: 9000, node: 'cn-hangzhou.10.0.2.21' },
    ]);
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('a port the Service does not expose is dropped', () => {
    const t = trace({}, FROM_A, '192.168.10.10', { port: 8080 });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('has no port 8080/tcp');
  });

  it('no ready endpoint: dropped with that reason', () => {
    const t = trace({ apiEndpointsReady: false }, FROM_A, 'svc/shop/api', { port: 80 });
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.reason).toContain('has no ready (or serving and terminating) IPv4 endpoint');
  });

  it('EndpointSlices missing from the snapshot: unknown with the kubectl command', () => {
    const t = trace({ noEndpointSlices: true }, FROM_A, 'svc/shop/api', { port: 80 });
    expect(t.verdict).toBe('unknown');
    expect(t.missing[0]?.collect).toBe(
      'kubectl get endpointslices -n shop -l kubernetes.io/service-name=api -o yaml',
    );
  });
});

describe('service hop: the cluster’s own LoadBalancer IP', () => {
  it('Terway DataPathV2 ≥ v1.2.0 with in_cluster_loadbalance "true": short-circuited to an endpoint', () => {
    const t = trace({}, FROM_A, '47.96.1.20', { port: 80 });
    const service = hop(t, 'service');
    expect(service.result).toBe('rewrite');
    expect(service.reason).toContain('in_cluster_loadbalance "true"');
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('in_cluster_loadbalance not "true": the packet goes to the SLB, where the L4 hairpin rule drops the backend’s own client', () => {
    const t = trace({ inClusterLoadBalance: 'false' }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain('not short-circuited');
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.reason).toContain('Layer-4 hairpin');
  });

  it('Terway older than v1.2.0 does not short-circuit even with the flag', () => {
    const t = trace(
      { terwayVersion: 'v1.1.0', slbBackend: 'i-b', sgRules: { 'sg-node': [NODE_PORT_OPEN] } },
      FROM_A,
      '47.96.1.20',
      { port: 80 },
    );
    expect(hop(t, 'service').reason).toContain('< v1.2.0');
    expect(path(t)).toContain('internet-exit:rewrite');
    // The CLB sees the NAT EIP; kube-proxy on the backend node masquerades it (externalTrafficPolicy Cluster).
    expect(hop(t, 'destination-access').packet.src).toBe('47.98.1.10');
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.2.21');
  });

  it('Terway veth datapath: kube-proxy short-circuits whatever the flag says', () => {
    const t = trace({ datapath: null, inClusterLoadBalance: 'false' }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(hop(t, 'service').reason).toContain('kube-proxy ipvs');
  });

  it('ipMode Proxy is never short-circuited', () => {
    const t = trace({ apiLbIpMode: 'Proxy', slbBackend: 'i-b' }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain('ipMode is Proxy');
  });

  it('externalTrafficPolicy Local: a client node without a local endpoint fails', () => {
    const t = trace({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, FROM_B, '47.96.1.20', { port: 80 });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('externalTrafficPolicy Local: Service shop/api-lb has no ready');
    expect(t.blockedAt?.reason).toContain('on node cn-hangzhou.10.0.2.21');
    expect(t.assumptions.map((a) => a.hop)).toContain('service');
  });

  it('externalTrafficPolicy Local: a client on a node with a local endpoint reaches it', () => {
    const t = trace({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, FROM_A, '47.96.1.20', { port: 80 });
    expect(hop(t, 'service').packet.dst).toBe('10.0.64.12');
    expect(t.verdict).toBe('reachable');
  });
});

describe('service hop: other forms', () => {
  it('ICMP to a ClusterIP never reaches an endpoint', () => {
    const t = trace({}, FROM_A, 'svc/shop/api', { protocol: 'icmp', port: null });
    expect(t.blockedAt?.kind).toBe('service');
    expect(t.blockedAt?.reason).toContain('ICMP never reaches an endpoint');
  });

  it('an ExternalName Service is traced as its DNS name', () => {
    const external = `apiVersion: v1
kind: Service
metadata: {name: github, namespace: shop}
spec: {type: ExternalName, externalName: api.example.com}
`;
    const t = trace({ objects: [external] }, FROM_A, 'svc/shop/github');
    expect(hop(t, 'dns').packet.dst).toBe('140.82.112.5');
    expect(t.sourceAddressSeen).toBe('47.98.1.10');
  });
});
