import { describe, expect, it } from 'vitest';
import { WEB_A, WEB_B } from '../test-fixtures/cluster.js';
import { LB_INT_IP, lbSnapshot } from '../test-fixtures/load-balancer.js';
import { hop, traceOn } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;
/** Terway DataPathV2 without in_cluster_loadbalance: the packet really goes to the CLB. */
const TO_CLB = { inClusterLoadBalance: 'false' } as const;

function access(t: ReturnType<typeof traceOn>) {
  return t.hops.filter((h) => h.kind === 'destination-access');
}

describe('CLB listener', () => {
  it('a port without a listener drops, listing the listeners', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { backends: ['i-b'] }), FROM_A, LB_INT_IP, { port: 8080 });
    // The Service has no port 8080 either, but the packet is not short-circuited: the CLB decides.
    expect(hop(t, 'service').result).toBe('pass');
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.reason).toContain('lb-int has no tcp listener on port 8080 (listeners: 80/tcp)');
  });

  it('the listener port forwards', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { backends: ['i-b'] }), FROM_A, LB_INT_IP, { port: 80 });
    expect(access(t)[0]?.result).toBe('pass');
    expect(access(t)[0]?.rule?.id).toBe('lb-int:80');
  });
});

describe('CLB access control list', () => {
  it('a whitelist without the pod IP drops, naming the pod IP and vSwitch to add', () => {
    const t = traceOn(
      lbSnapshot(TO_CLB, { backends: ['i-b'], acl: { type: 'white', entries: ['192.168.1.0/24'] } }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(t.blockedAt?.rule?.id).toBe('acl-int');
    expect(t.blockedAt?.reason).toContain('10.0.64.11 is in no entry of whitelist acl-int');
    expect(t.blockedAt?.reason).toContain('add the pod IP 10.0.64.11 or the pod vSwitch CIDR 10.0.64.0/19');
  });

  it('a whitelist with the pod vSwitch admits', () => {
    const t = traceOn(
      lbSnapshot(TO_CLB, { backends: ['i-b'], acl: { type: 'white', entries: ['10.0.64.0/19'] } }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(access(t)[0]?.result).toBe('pass');
    expect(t.verdict).toBe('reachable');
  });

  it('a blacklist listing the pod drops; one that does not admits', () => {
    const listed = traceOn(
      lbSnapshot(TO_CLB, { backends: ['i-b'], acl: { type: 'black', entries: ['10.0.64.11/32'] } }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(listed.blockedAt?.reason).toContain('is in blacklist acl-int');
    const other = traceOn(
      lbSnapshot(TO_CLB, { backends: ['i-b'], acl: { type: 'black', entries: ['10.9.9.9/32'] } }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(access(other)[0]?.result).toBe('pass');
  });

  it('the short-circuit never consults the ACL', () => {
    const t = traceOn(
      lbSnapshot({}, { backends: ['i-b'], acl: { type: 'white', entries: ['192.168.1.0/24'] } }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(hop(t, 'service').result).toBe('rewrite');
    expect(t.verdict).toBe('reachable');
  });
});

describe('CLB Layer-4 hairpin', () => {
  it('the client’s own ECS among the backends of a TCP listener: dropped, with why and the fixes', () => {
    const t = traceOn(lbSnapshot(TO_CLB), FROM_A, LB_INT_IP, { port: 80 });
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.rule?.id).toBe('lb-int:backend:i-a');
    const reason = t.blockedAt?.reason ?? '';
    expect(reason).toContain(
      "Layer-4 hairpin: the client's ECS i-a is itself a backend of lb-int (2 backends)",
    );
    expect(reason).toContain('the reply stays inside the ECS');
    expect(reason).toContain('by its name or ClusterIP');
    expect(reason).toContain('in_cluster_loadbalance: "true"');
    expect(reason).toContain('Layer-7 (HTTP/HTTPS) listener');
  });

  it('a client whose ECS is not a backend is forwarded', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { backends: ['i-b'] }), FROM_A, LB_INT_IP, { port: 80 });
    expect(t.blockers).toEqual([]);
  });

  it('a Layer-7 listener has no hairpin limit (the trace stops at the CLB, which proxies)', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { listenerProtocol: 'http' }), FROM_A, LB_INT_IP, { port: 80 });
    expect(access(t)[0]?.result).toBe('pass');
    expect(hop(t, 'destination').resource?.id).toBe('lb-int');
    expect(t.verdict).toBe('reachable');
  });

  it('ENI backends (backend-type: eni): a backend pod ENI on the client’s ECS hairpins', () => {
    const t = traceOn(
      lbSnapshot(TO_CLB, { backends: ['eni-a1@10.0.64.12', 'eni-b1@10.0.128.7'], backendPort: 9000 }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(t.blockedAt?.reason).toContain(
      "backend eni-a1 (10.0.64.12) is a pod ENI on the client's own ECS i-a",
    );
    expect(t.assumptions.map((a) => a.statement)).toContain(
      'a pod ENI backend on the client’s own ECS hairpins like an ECS backend',
    );
  });

  it('ENI backends: a client on a node without a backend pod reaches the pod directly, keeping its address', () => {
    const t = traceOn(
      lbSnapshot(TO_CLB, { backends: ['eni-a1@10.0.64.12'], backendPort: 9000 }),
      FROM_B,
      LB_INT_IP,
      { port: 80 },
    );
    expect(t.verdict).toBe('reachable');
    expect(hop(t, 'destination').resource?.id).toBe('shop/api-a');
    expect(t.sourceAddressSeen).toBe('10.0.128.6');
  });
});

describe('CLB → backend', () => {
  it('ECS backend: on to the NodePort, where kube-proxy picks an endpoint and masquerades (policy Cluster)', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { backends: ['i-b'] }), FROM_A, LB_INT_IP, { port: 80 });
    const legs = access(t);
    expect(legs[1]?.packet).toMatchObject({ dst: '10.0.2.21', port: 31081, src: '10.0.64.11' });
    expect(legs[1]?.reason).toContain('lb-int listener 80 forwards to backend i-b (10.0.2.21:31081)');
    const nodePort = t.hops.filter((h) => h.kind === 'service')[1];
    expect(nodePort?.reason).toContain('kube-proxy on node cn-hangzhou.10.0.2.21 sends NodePort 31081');
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.0.2.21');
  });

  it('externalTrafficPolicy Local: the backend node keeps the client address and uses its own endpoint', () => {
    const t = traceOn(
      lbSnapshot(TO_CLB, { backends: ['i-b'], externalTrafficPolicy: 'Local' }),
      FROM_A,
      LB_INT_IP,
      { port: 80 },
    );
    expect(hop(t, 'destination').resource?.id).toBe('shop/api-b');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('a CLB without backend servers drops', () => {
    const t = traceOn(lbSnapshot(TO_CLB, { backends: [] }), FROM_A, LB_INT_IP, { port: 80 });
    expect(t.blockedAt?.reason).toContain('lb-int has no backend server');
  });
});

describe('a CLB no Service manages', () => {
  it('is never short-circuited, even where the cluster’s own would be', () => {
    const t = traceOn(lbSnapshot({}, { managed: false, backends: ['i-b'] }), FROM_A, LB_INT_IP, { port: 80 });
    expect(hop(t, 'service').result).toBe('pass');
    expect(hop(t, 'service').reason).toContain(
      "lb-int (10.0.1.200) is in no Service's status.loadBalancer.ingress, so kube-proxy does not know it",
    );
    expect(access(t)[0]?.resource?.id).toBe('lb-int');
    expect(t.verdict).toBe('reachable');
  });

  it('and its hairpin limit applies (ACK FAQ scenario 1)', () => {
    const t = traceOn(lbSnapshot({}, { managed: false }), FROM_A, 'lb-int', { port: 80 });
    expect(t.blockedAt?.reason).toContain('Layer-4 hairpin');
  });

  it('a hostname-only ingress gives kube-proxy no IP to intercept: the CLB decides', () => {
    const t = traceOn(lbSnapshot({}, { hostnameOnly: true }), FROM_A, LB_INT_IP, { port: 80 });
    expect(hop(t, 'service').reason).toContain(
      'Service shop/api-int names lb-int but its status.loadBalancer.ingress has only the hostname api-int.example.internal',
    );
    expect(hop(t, 'service').details?.evidence).toMatchObject({
      hostnameOnlyIngress: 'api-int.example.internal',
    });
    expect(t.blockedAt?.reason).toContain('Layer-4 hairpin');
  });
});
