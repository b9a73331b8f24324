import { describe, expect, it } from 'vitest';
import { WEB_A, WEB_B } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;

describe('destination-access: ECS security group ingress', () => {
  it('admits the pod vSwitch CIDR the rule lists', () => {
    const t = trace({}, FROM_A, 'i-legacy', { port: 8080 });
    expect(hop(t, 'destination-access').rule?.id).toBe('sgr-legacy-8080');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('rejects another pod vSwitch, naming the pod IP and vSwitch CIDR to allow', () => {
    const t = trace({}, FROM_B, 'i-legacy', { port: 8080 });
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.reason).toContain(
      'allow the pod IP 10.0.128.6 or the pod vSwitch CIDR 10.0.128.0/19 (vsw-pod-b)',
    );
  });
});

describe('destination-access: RDS whitelist', () => {
  it('Terway pod against a node-IP whitelist: blocked, the pod IP or pod vSwitch CIDR must be added', () => {
    const t = trace({}, FROM_A, 'rm-orders', { port: 3306 });
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.reason).toContain(
      'add the pod IP 10.0.64.11 or the pod vSwitch CIDR 10.0.64.0/19 (vsw-pod-a)',
    );
  });

  it('Flannel pod against the same whitelist: admitted as its node IP', () => {
    const t = trace({ cni: 'flannel' }, FROM_A, 'rm-orders', { port: 3306 });
    expect(hop(t, 'destination-access').rule?.id).toBe('rm-orders:ack_nodes');
    expect(t.sourceAddressSeen).toBe('10.0.1.11');
  });

  it('Flannel pod without its node in the whitelist: the node IP must be added', () => {
    const t = trace(
      { cni: 'flannel', rdsWhitelist: [{ name: 'default', ips: '127.0.0.1' }] },
      FROM_A,
      'rm-orders',
      { port: 3306 },
    );
    expect(t.blockedAt?.reason).toContain('only the default 127.0.0.1');
    expect(t.blockedAt?.reason).toContain('add the node IP 10.0.1.11');
  });

  it('ack-kubernetes-webhook-injector annotations count as whitelisted, stated as an assumption', () => {
    const annotations = {
      'ack.aliyun.com/rds_id': 'rm-orders',
      'ack.aliyun.com/white_list_name': 'injected',
    };
    const t = trace({ podAnnotations: { [WEB_A]: annotations } }, FROM_A, 'rm-orders', { port: 3306 });
    expect(t.verdict).toBe('reachable');
    expect(hop(t, 'destination-access').reason).toContain(
      'ack-kubernetes-webhook-injector whitelists its pod IP in group injected',
    );
    expect(t.assumptions.map((a) => a.hop)).toContain('destination-access');
  });

  it('the RDS port defaults to the connection port', () => {
    const t = trace({ rdsWhitelist: [{ name: 'pods', ips: '10.0.64.0/19' }] }, FROM_A, 'rm-orders', {
      port: null,
    });
    expect(t.query.port).toBe(3306);
    expect(t.verdict).toBe('reachable');
  });

  it('whitelist not in the snapshot: unknown with the aliyun command', () => {
    const t = trace({ rdsWhitelist: null }, FROM_A, 'rm-orders', { port: 3306 });
    expect(t.verdict).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'destination-access',
      what: 'the whitelist of rm-orders',
      collect: 'aliyun rds DescribeDBInstanceIPArrayList --RegionId cn-hangzhou --DBInstanceId rm-orders',
    });
  });
});

describe('destination-access: SLB listener', () => {
  const notShortCircuited = { inClusterLoadBalance: 'false', slbBackend: 'i-b' } as const;

  it('a whitelist ACL admitting the SNAT address forwards', () => {
    const nodePortOpen = {
      id: 'sgr-nodeport',
      direction: 'ingress' as const,
      policy: 'Accept' as const,
      priority: 1,
      protocol: 'TCP',
      ports: '30000/32767',
      cidr: '0.0.0.0/0',
    };
    const t = trace(
      {
        ...notShortCircuited,
        slbAcl: { type: 'white', entries: ['47.98.1.10/32'] },
        sgRules: { 'sg-node': [nodePortOpen] },
      },
      FROM_A,
      'lb-pub',
      { port: 80 },
    );
    expect(t.verdict).toBe('reachable');
    expect(hop(t, 'destination-access').packet.src).toBe('47.98.1.10');
    expect(hop(t, 'destination-access').rule?.id).toBe('lb-pub:80');
  });

  it('a whitelist ACL without it drops, naming the address', () => {
    const t = trace(
      { ...notShortCircuited, slbAcl: { type: 'white', entries: ['1.2.3.4/32'] } },
      FROM_A,
      'lb-pub',
      { port: 80 },
    );
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.reason).toContain('47.98.1.10 is in no entry of whitelist acl-1');
  });

  it('a port without listener drops', () => {
    const t = trace(notShortCircuited, FROM_A, 'lb-pub', { port: 8443 });
    expect(t.blockedAt?.reason).toContain('has no tcp listener on port 8443');
  });
});

describe('destination-access: world.yaml allow-lists', () => {
  it('admits the SNAT address it lists', () => {
    const t = trace({}, FROM_A, 'partner.example.com');
    expect(hop(t, 'destination-access').rule?.id).toBe('world:partner');
    expect(t.verdict).toBe('reachable');
  });

  it('rejects another address (Flannel node SNAT), naming it', () => {
    const t = trace({ cni: 'flannel' }, FROM_A, 'partner.example.com');
    expect(t.blockedAt?.reason).toContain('partner must allow 47.98.1.11');
  });
});

describe('destination-access: pod on another node', () => {
  const dropFromNodes = {
    id: 'sgr-drop-9000',
    direction: 'ingress' as const,
    policy: 'Drop' as const,
    priority: 1,
    protocol: 'TCP',
    ports: '9000/9000',
    cidr: '10.0.1.0/24',
  };

  it('Terway: the destination pod ENI groups filter the address it sees', () => {
    // The host-network exporter is not in sg-pod, so the InnerAccessPolicy of sg-pod does not admit it first.
    const t = trace({ sgRules: { 'sg-pod': [dropFromNodes] } }, 'monitoring/exporter-a', 'shop/api-b', {
      port: 9000,
    });
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.rule?.id).toBe('sgr-drop-9000');
    expect(t.blockedAt?.reason).toContain('on eni-b1 (pod shop/api-b)');
  });

  it('Terway: without such a rule the pod is reached with the source pod IP', () => {
    const t = trace({}, FROM_A, 'shop/api-b', { port: 9000 });
    expect(hop(t, 'destination-access').result).toBe('pass');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('a pod on the same node is not filtered by a VPC ENI', () => {
    const t = trace({ sgRules: { 'sg-pod': [dropFromNodes] } }, 'monitoring/exporter-a', 'shop/api-a', {
      port: 9000,
    });
    expect(hop(t, 'destination-access').result).toBe('skip');
    expect(t.verdict).toBe('reachable');
  });
});
