/** Hand-built traces for renderer tests: literal values, not engine output. */
import type { Trace, WorkloadTrace } from '../../model/trace.js';

const query = {
  from: 'shop/web-7c9d-abcde',
  to: 'api.github.com',
  protocol: 'tcp',
  port: 443,
  family: null,
} as const;

export const blockedAtSnat: Trace = {
  schemaVersion: 1,
  query,
  verdict: 'blocked',
  sourceAddressSeen: null,
  sourceAddressCandidates: [],
  blockedAt: {
    hopIndex: 4,
    kind: 'internet-exit',
    resource: { type: 'nat-gateway', id: 'ngw-bp1main', name: 'main-nat' },
    rule: null,
    reason: 'SNAT entries of ngw-bp1main cover vsw-pod-a, vsw-pod-b but not the pod vSwitch vsw-pod-c',
    fixes: [
      {
        kind: 'add-snat-entry',
        summary: 'Add an SNAT entry for vsw-pod-c',
        commands: [
          'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-bp1main --SourceVSwitchId vsw-pod-c --SnatIp 47.98.1.10',
        ],
        manifests: [],
        needs: [],
        proof: { verdict: 'reachable', sourceAddressSeen: '47.98.1.10' },
      },
    ],
  },
  blockers: [],
  assumptions: [
    {
      hop: 'internet-exit',
      statement: 'SNAT entries whose status is Pending are not effective',
      basis: 'alibaba-semantics.md §5 (UNCONFIRMED)',
    },
  ],
  missing: [],
  hops: [
    {
      kind: 'source',
      result: 'pass',
      resource: { type: 'pod', id: 'shop/web-7c9d-abcde' },
      rule: null,
      packet: { family: 4, src: '10.8.3.21', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'Terway pod on node cn-hangzhou.10.0.1.7, ENI eni-bp1pod, vSwitch vsw-pod-c',
    },
    {
      kind: 'dns',
      result: 'pass',
      resource: { type: 'dns-name', id: 'api.github.com' },
      rule: {
        id: 'world.dns/api.github.com',
        description: 'A 140.82.112.5',
        origin: { file: 'world.yaml', line: 4, column: 3, path: 'dns.api.github.com' },
      },
      packet: { family: 4, src: '10.8.3.21', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'api.github.com resolves to 140.82.112.5',
      details: { server: '172.16.0.10', answers: ['140.82.112.5'] },
    },
    {
      kind: 'service',
      result: 'skip',
      resource: null,
      rule: null,
      packet: { family: 4, src: '10.8.3.21', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: '140.82.112.5 is not an address of a Service of the cluster',
    },
    {
      kind: 'egress-security-group',
      result: 'pass',
      resource: { type: 'security-group', id: 'sg-bp1pods' },
      rule: {
        id: 'sgr-allow-all-egress',
        description: 'egress accept all 0.0.0.0/0 priority 100',
        origin: {
          file: 'cloud/DescribeSecurityGroupAttribute.sg-bp1pods.json',
          line: 12,
          path: 'Permissions.Permission[0]',
        },
      },
      considered: [{ id: 'sgr-drop-smtp', description: 'egress drop tcp 25/25 priority 1' }],
      packet: { family: 4, src: '10.8.3.21', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'egress accept rule at priority 100 matches; no Drop rule of equal or better priority does',
    },
    {
      kind: 'internet-exit',
      result: 'drop',
      resource: { type: 'nat-gateway', id: 'ngw-bp1main', name: 'main-nat' },
      rule: null,
      packet: { family: 4, src: '10.8.3.21', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'SNAT entries of ngw-bp1main cover vsw-pod-a, vsw-pod-b but not the pod vSwitch vsw-pod-c',
    },
  ],
};

export const reachableViaSnat: Trace = {
  schemaVersion: 1,
  query: { ...query, from: 'shop/web-7c9d-fghij' },
  verdict: 'reachable',
  sourceAddressSeen: '47.98.1.10',
  sourceAddressCandidates: ['47.98.1.10'],
  blockedAt: null,
  blockers: [],
  assumptions: [],
  missing: [],
  hops: [
    {
      kind: 'source',
      result: 'pass',
      resource: { type: 'pod', id: 'shop/web-7c9d-fghij' },
      rule: null,
      packet: { family: 4, src: '10.8.1.5', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'Terway pod in vSwitch vsw-pod-a',
    },
    {
      kind: 'internet-exit',
      result: 'rewrite',
      resource: { type: 'nat-gateway', id: 'ngw-bp1main' },
      rule: {
        id: 'snat-bp1a',
        description: 'SNAT vsw-pod-a → 47.98.1.10',
        origin: {
          file: 'cloud/DescribeSnatTableEntries.json',
          line: 9,
          path: 'SnatTableEntries.SnatTableEntry[0]',
        },
      },
      packet: { family: 4, src: '47.98.1.10', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'SNAT entry snat-bp1a covers vsw-pod-a',
    },
    {
      kind: 'destination',
      result: 'pass',
      resource: null,
      rule: null,
      packet: { family: 4, src: '47.98.1.10', dst: '140.82.112.5', protocol: 'tcp', port: 443 },
      reason: 'arrives at 140.82.112.5',
    },
  ],
};

/** Blocked at the first blocker, with a second one the user must also fix; the blocker appears twice as in the model. */
export const withBlockers: Trace = {
  ...blockedAtSnat,
  blockers: blockedAtSnat.blockedAt === null ? [] : [blockedAtSnat.blockedAt],
};

export const unknownWithMissing: Trace = {
  schemaVersion: 1,
  query: { from: 'shop/api-0', to: 'rm-bp1orders', protocol: 'tcp', port: 3306, family: 4 },
  verdict: 'unknown',
  sourceAddressSeen: '10.8.1.9',
  sourceAddressCandidates: ['10.8.1.9'],
  blockedAt: null,
  blockers: [],
  assumptions: [],
  missing: [
    {
      hop: 'destination-access',
      what: 'the whitelist of RDS instance rm-bp1orders',
      collect:
        'aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId rm-bp1orders > DescribeDBInstanceIPArrayList.rm-bp1orders.json',
    },
  ],
  hops: [
    {
      kind: 'destination-access',
      result: 'unknown',
      resource: { type: 'rds-instance', id: 'rm-bp1orders' },
      rule: null,
      packet: { family: 4, src: '10.8.1.9', dst: '10.0.5.20', protocol: 'tcp', port: 3306 },
      reason: 'the whitelist of rm-bp1orders is not in the snapshot',
    },
  ],
};

/** Hostile strings from a snapshot: terminal escapes, a bidi override, HTML. */
export const hostile: Trace = {
  schemaVersion: 1,
  query: { from: 'evil/\u001b[31mred', to: '2001:db8::10', protocol: 'udp', port: 53, family: 6 },
  verdict: 'reachable',
  sourceAddressSeen: '2001:db8:1::5',
  sourceAddressCandidates: ['2001:db8:1::5'],
  blockedAt: null,
  blockers: [],
  assumptions: [],
  missing: [],
  hops: [
    {
      kind: 'source',
      result: 'pass',
      resource: { type: 'pod', id: 'evil/\u001b[31mred', name: '<script>alert(1)</script>' },
      rule: {
        id: 'np\u001b[2J',
        description: 'abc\u202edef',
        origin: { file: 'x\u0007.yaml', line: 1, path: 'metadata.name' },
      },
      packet: { family: 6, src: '2001:db8:1::5', dst: '2001:db8::10', protocol: 'udp', port: 53 },
      reason: 'line one\nline two\u200b',
    },
  ],
};

export const workload: WorkloadTrace = {
  schemaVersion: 1,
  query: { ...query, from: 'shop/deployment/web' },
  verdict: 'blocked',
  groups: [
    { pods: ['shop/web-7c9d-fghij'], trace: reachableViaSnat },
    { pods: ['shop/web-7c9d-abcde', 'shop/web-7c9d-klmno'], trace: withBlockers },
  ],
};
