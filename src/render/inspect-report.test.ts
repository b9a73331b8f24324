import { describe, expect, it } from 'vitest';
import type { NatGateway, SecurityGroupRule, SnatEntry, VSwitch } from '../model/cloud.js';
import { known } from '../model/fact.js';
import type { Snapshot } from '../model/snapshot.js';
import { renderInspectJson } from './inspect-json.js';
import { buildInspectReport, type InspectInput } from './inspect-report.js';
import { renderInspectText } from './inspect-text.js';
import { hiddenCodePoints } from './test-fixtures/hidden.js';
import { emptySnapshot } from './test-fixtures/snapshot.js';

const origin = { file: 'cloud.json', path: '' };

function vSwitch(id: string, cidrBlock: string, zoneId = 'cn-hangzhou-j'): VSwitch {
  return { id, vpcId: 'vpc-1', zoneId, cidrBlock, origin };
}

function snat(id: string, source: { vsw?: string; cidr?: string }, snatIps = ['47.0.0.1']): SnatEntry {
  return {
    id,
    snatTableId: 'stb-1',
    ...(source.vsw === undefined ? {} : { sourceVSwitchId: source.vsw }),
    ...(source.cidr === undefined ? {} : { sourceCidr: source.cidr }),
    snatIps,
    status: 'Available',
    origin,
  };
}

const gateway: NatGateway = {
  id: 'ngw-1',
  name: 'main',
  vpcId: 'vpc-1',
  networkType: 'internet',
  status: 'Available',
  snatTableIds: ['stb-1'],
  ipList: [{ ipAddress: '47.0.0.1' }],
  origin,
};

function rule(direction: 'ingress' | 'egress', policy: 'accept' | 'drop'): SecurityGroupRule {
  return {
    securityGroupId: 'sg-1',
    direction,
    policy,
    priority: 1,
    protocol: 'tcp',
    portRange: null,
    cidr: '0.0.0.0/0',
    origin,
  };
}

function input(): InspectInput {
  const base = emptySnapshot();
  const snapshot: Snapshot = {
    ...base,
    facts: {
      ...base.facts,
      cni: known('terway', 'DaemonSet kube-system/terway-eniip exists', {
        file: 'ds.yaml',
        line: 3,
        path: 'items[0]',
      }),
      ipStack: known('dual', 'eni-config ip_stack'),
      inClusterLoadBalance: known(true, 'eni-config in_cluster_loadbalance is "true"'),
      podCidrs: known(['10.0.64.0/19', '10.0.96.0/24'], 'pod vSwitches'),
      terwayPodVSwitches: known(
        { 'cn-hangzhou-k': ['vsw-pod-k'], 'cn-hangzhou-j': ['vsw-pod-j', 'vsw-pod-new'] },
        'eni-config',
      ),
    },
    cloud: {
      ...base.cloud,
      clusters: [{ clusterId: 'c-1', name: 'prod', vSwitchIds: ['vsw-node'], addons: [], origin }],
      vSwitches: [
        vSwitch('vsw-node', '10.0.1.0/24'),
        vSwitch('vsw-pod-j', '10.0.64.0/19'),
        vSwitch('vsw-pod-k', '10.0.96.0/24', 'cn-hangzhou-k'),
        vSwitch('vsw-pod-new', '10.0.128.0/19'),
        vSwitch('vsw-db', '10.0.8.0/24'),
        { ...vSwitch('vsw-other-vpc', '172.16.0.0/24'), vpcId: 'vpc-2' },
      ],
      natGateways: [gateway],
      snatEntries: [
        snat('snat-node', { vsw: 'vsw-node' }),
        snat('snat-j', { cidr: '10.0.0.0/17' }, ['47.0.0.1', '47.0.0.2']),
        snat('snat-part', { cidr: '10.0.96.0/25' }),
      ],
      eips: [
        {
          allocationId: 'eip-1',
          ipAddress: '47.0.0.9',
          status: 'InUse',
          instanceId: 'eni-1',
          instanceType: 'NetworkInterface',
          privateIpAddress: '10.0.64.14',
          origin,
        },
        { allocationId: 'eip-2', ipAddress: '47.0.0.8', status: 'Available', origin },
      ],
      securityGroups: [
        {
          id: 'sg-1',
          name: 'pods',
          type: 'normal',
          rules: [rule('egress', 'accept'), rule('egress', 'drop'), rule('ingress', 'accept')],
          origin,
        },
        { id: 'sg-2', type: 'enterprise', origin },
        { id: 'sg-3', origin, rules: [] },
      ],
      rdsInstances: [
        {
          id: 'rm-1',
          engine: 'MySQL',
          connections: [{ connectionString: 'rm-1.mysql.rds.aliyuncs.com', port: 3306 }],
          whitelist: [
            { name: 'default', entries: ['127.0.0.1'], origin },
            { name: 'nodes', entries: ['10.0.1.11', '10.0.1.12'], origin },
          ],
          origin,
        },
        { id: 'rm-2', connections: [], origin },
      ],
      loadBalancers: [
        {
          id: 'lb-1',
          address: '47.0.0.20',
          addressType: 'internet',
          tags: {},
          listeners: [
            { port: 80, protocol: 'tcp', aclStatus: 'on', aclIds: ['acl-1'], origin },
            { port: 443, protocol: 'tcp', aclStatus: 'off', aclIds: [], origin },
          ],
          origin,
        },
        { id: 'lb-2', address: '10.0.1.180', tags: {}, origin },
      ],
    },
  };
  return {
    snapshot,
    problems: [{ severity: 'warning', file: 'pods.yaml', line: 7, message: 'two pods share 10.0.64.11' }],
    recognised: [
      { file: 'a.json', as: ['vpc DescribeVSwitches'] },
      { file: 'b.yaml', as: ['kubernetes Pod'] },
    ],
    ignored: [{ file: 'README.md', reason: 'not .json/.yaml' }],
    gaps: [{ check: 'NAT gateway', missing: 'aliyun vpc DescribeNatGateways' }],
  };
}

describe('buildInspectReport', () => {
  const report = buildInspectReport('snap', input());

  it('covers a vSwitch by an entry naming it, or a source CIDR containing it; partly by a smaller CIDR', () => {
    expect(report.natGateways[0]?.coverage).toEqual([
      {
        vSwitchId: 'vsw-node',
        cidr: '10.0.1.0/24',
        zoneId: 'cn-hangzhou-j',
        roles: ['node'],
        coveredBy: ['snat-node', 'snat-j'],
        partlyCoveredBy: [],
      },
      {
        vSwitchId: 'vsw-pod-j',
        cidr: '10.0.64.0/19',
        zoneId: 'cn-hangzhou-j',
        roles: ['pod'],
        coveredBy: ['snat-j'],
        partlyCoveredBy: [],
      },
      {
        vSwitchId: 'vsw-pod-k',
        cidr: '10.0.96.0/24',
        zoneId: 'cn-hangzhou-k',
        roles: ['pod'],
        coveredBy: ['snat-j'],
        partlyCoveredBy: ['snat-part'],
      },
      {
        vSwitchId: 'vsw-pod-new',
        cidr: '10.0.128.0/19',
        zoneId: 'cn-hangzhou-j',
        roles: ['pod'],
        coveredBy: [],
        partlyCoveredBy: [],
      },
      {
        vSwitchId: 'vsw-db',
        cidr: '10.0.8.0/24',
        zoneId: 'cn-hangzhou-j',
        roles: [],
        coveredBy: ['snat-j'],
        partlyCoveredBy: [],
      },
    ]);
  });

  it('lists the SNAT entries with their source and SNAT IPs', () => {
    expect(report.natGateways[0]?.snatEntries).toEqual([
      { id: 'snat-node', source: 'vsw-node', snatIps: ['47.0.0.1'], status: 'Available' },
      { id: 'snat-j', source: '10.0.0.0/17', snatIps: ['47.0.0.1', '47.0.0.2'], status: 'Available' },
      { id: 'snat-part', source: '10.0.96.0/25', snatIps: ['47.0.0.1'], status: 'Available' },
    ]);
  });

  it('formats known facts with evidence and origin, and unknown facts with what to add', () => {
    expect(report.facts[0]).toEqual({
      name: 'cni',
      label: 'CNI',
      known: true,
      value: 'terway',
      evidence: 'DaemonSet kube-system/terway-eniip exists',
      origin: 'ds.yaml:3 (items[0])',
    });
    expect(report.facts.find((fact) => fact.name === 'inClusterLoadBalance')).toMatchObject({ value: 'yes' });
    expect(report.facts.find((fact) => fact.name === 'podCidrs')).toMatchObject({
      value: '10.0.64.0/19, 10.0.96.0/24',
    });
    expect(report.facts.find((fact) => fact.name === 'terwayPodVSwitches')).toMatchObject({
      value: 'cn-hangzhou-j: vsw-pod-j, vsw-pod-new; cn-hangzhou-k: vsw-pod-k',
    });
    expect(report.facts.find((fact) => fact.name === 'kubeProxyMode')).toEqual({
      name: 'kubeProxyMode',
      label: 'kube-proxy mode',
      known: false,
      missing: 'kubectl get configmap -n kube-system eni-config -o yaml',
    });
  });

  it('leaves out Terway-only facts on a Flannel cluster', () => {
    const flannel = input();
    const snapshot = {
      ...flannel.snapshot,
      facts: { ...flannel.snapshot.facts, cni: known('flannel' as const, 'ds') },
    };
    const names = buildInspectReport('snap', { ...flannel, snapshot }).facts.map((fact) => fact.name);
    expect(names).toEqual([
      'cni',
      'ipStack',
      'kubeProxyMode',
      'podCidrs',
      'serviceCidrs',
      'clusterDomain',
      'nodeLocalDns',
      'regionId',
      'vpcId',
    ]);
  });

  it('counts every object kind', () => {
    expect(report.counts.cloud).toMatchObject({
      vSwitches: 6,
      natGateways: 1,
      snatEntries: 3,
      eips: 2,
      securityGroups: 3,
    });
    expect(report.counts.kubernetes).toMatchObject({ pods: 0, nodes: 0 });
    expect(report.counts.world).toEqual({ dnsNames: 0, allowLists: 0 });
    expect(report.recognisedFiles).toBe(2);
  });

  it('summarises EIPs, security groups, RDS and SLB, saying what is missing', () => {
    expect(report.eips).toEqual([
      {
        ip: '47.0.0.9',
        allocationId: 'eip-1',
        status: 'InUse',
        boundTo: 'NetworkInterface eni-1 (10.0.64.14)',
      },
      { ip: '47.0.0.8', allocationId: 'eip-2', status: 'Available' },
    ]);
    expect(report.securityGroups).toEqual([
      {
        id: 'sg-1',
        name: 'pods',
        type: 'basic',
        rules: { ingress: { accept: 1, drop: 0 }, egress: { accept: 1, drop: 1 } },
      },
      { id: 'sg-2', type: 'enterprise', rules: null },
      {
        id: 'sg-3',
        type: 'unknown',
        rules: { ingress: { accept: 0, drop: 0 }, egress: { accept: 0, drop: 0 } },
      },
    ]);
    expect(report.rdsInstances).toEqual([
      {
        id: 'rm-1',
        engine: 'MySQL',
        endpoints: ['rm-1.mysql.rds.aliyuncs.com:3306'],
        whitelist: { groups: 2, entries: 3 },
      },
      { id: 'rm-2', endpoints: [], whitelist: null },
    ]);
    expect(report.loadBalancers).toEqual([
      { id: 'lb-1', address: '47.0.0.20', addressType: 'internet', listeners: { count: 2, withAcl: 1 } },
      { id: 'lb-2', address: '10.0.1.180', listeners: null },
    ]);
  });
});

describe('renderInspectText', () => {
  const text = renderInspectText(buildInspectReport('snap', input()), { color: false });

  it('shows facts with evidence, and unknown facts with what to add', () => {
    expect(text).toContain(
      '  CNI                 terway  ← DaemonSet kube-system/terway-eniip exists @ ds.yaml:3 (items[0])',
    );
    expect(text).toContain(
      '  kube-proxy mode     ? unknown  add: kubectl get configmap -n kube-system eni-config -o yaml',
    );
  });

  it('marks SNAT coverage per vSwitch: ✓ covered, ? partly, ✗ not covered', () => {
    expect(text).toContain('      ✓ vsw-pod-j (pod 10.0.64.0/19, cn-hangzhou-j) by snat-j');
    expect(text).toContain('      ✗ vsw-pod-new (pod 10.0.128.0/19, cn-hangzhou-j) not covered');
    expect(text).toContain('      ✓ vsw-db (10.0.8.0/24, cn-hangzhou-j) by snat-j');
    expect(text).toContain('    SNAT snat-j  10.0.0.0/17 → 47.0.0.1, 47.0.0.2  Available');
  });

  it('shows groups, RDS and SLB, naming missing data', () => {
    expect(text).toContain('  sg-1 (pods)  basic  ingress 1 accept, 0 drop · egress 1 accept, 1 drop');
    expect(text).toContain('  sg-2  enterprise  rules not in the snapshot');
    expect(text).toContain('  rm-1 MySQL  rm-1.mysql.rds.aliyuncs.com:3306  whitelist 2 groups, 3 entries');
    expect(text).toContain('  rm-2  (no endpoint)  whitelist not in the snapshot');
    expect(text).toContain('  lb-1  47.0.0.20 internet  2 listeners, 1 with an ACL');
    expect(text).toContain('  lb-2  10.0.1.180  listeners not in the snapshot');
  });

  it('lists gaps, problems and ignored files', () => {
    expect(text).toContain(
      'checks this snapshot cannot support yet\n  ? NAT gateway: aliyun vpc DescribeNatGateways',
    );
    expect(text).toContain(
      'load problems (0 errors, 1 warning)\n  warning: pods.yaml:7: two pods share 10.0.64.11',
    );
    expect(text).toContain('ignored files\n  README.md — not .json/.yaml');
  });

  it('escapes hostile names', () => {
    const hostile = input();
    const cloud = {
      ...hostile.snapshot.cloud,
      securityGroups: [{ id: 'sg-x', name: 'evil\u001b[2J\u202e', type: 'normal' as const, origin }],
    };
    const out = renderInspectText(
      buildInspectReport('snap', { ...hostile, snapshot: { ...hostile.snapshot, cloud } }),
      {
        color: false,
      },
    );
    expect(out).toContain('sg-x (evil\\x1b[2J\\u202e)');
    expect(hiddenCodePoints(out)).toEqual([]);
  });
});

describe('renderInspectJson', () => {
  it('is deterministic and parses back to the report', () => {
    const report = buildInspectReport('snap', input());
    expect(renderInspectJson(report)).toBe(renderInspectJson(buildInspectReport('snap', input())));
    expect(JSON.parse(renderInspectJson(report))).toEqual(report);
  });
});
