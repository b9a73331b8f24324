import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import type { NetworkPolicy } from '../model/kubernetes.js';
import type { Snapshot } from '../model/snapshot.js';
import { auditSnapshot, type Finding } from './audit.js';
import { FLANNEL, loadExample, TERWAY } from './test-fixtures/examples.js';

const origin = { file: 'test', path: '' };

function only(findings: readonly Finding[], checkName: string): Finding[] {
  return findings.filter((f) => f.check === checkName);
}

describe('audit on the examples', () => {
  let terway: Snapshot;
  let flannel: Snapshot;
  let terwayFindings: Finding[];
  let flannelFindings: Finding[];
  beforeAll(async () => {
    terway = await loadExample(TERWAY);
    flannel = await loadExample(FLANNEL);
    terwayFindings = auditSnapshot(terway, check);
    flannelFindings = auditSnapshot(flannel, check);
  });

  it('the new Terway pod vSwitch without SNAT entry is a high finding (FAQ: new vSwitch, Internet broke)', () => {
    const found = only(terwayFindings, 'snat-uncovered-vswitch');
    expect(found.map((f) => [f.severity, f.subject])).toEqual([['high', 'vsw-bp1zjgcw5ubb1wqifun5']]);
    expect(found[0]?.evidence.join('\n')).toContain('media/deployment/transcoder (2 pods');
    expect(found[0]?.trace?.blockedAt?.kind).toBe('internet-exit');
    // The fix comes from src/remedy, proven by re-tracing: an SNAT entry for the vSwitch.
    const fix = found[0]?.fixes[0];
    expect(fix?.commands.join('\n')).toContain('vsw-bp1zjgcw5ubb1wqifun5');
    expect(fix?.proof?.verdict).toBe('reachable');
    // Every node and pod vSwitch of the Flannel example has its SNAT entry or is the EIP node's.
    expect(only(flannelFindings, 'snat-uncovered-vswitch')).toEqual([]);
  });

  it('names the public addresses each workload leaves as, by kind', () => {
    const streamer = only(terwayFindings, 'public-addresses').find(
      (f) => f.subject === 'media/deployment/streamer',
    );
    expect(streamer?.evidence).toEqual([
      '2408:4005:3a0:b810:5e2d:91c4:a7f3:14: IPv6 address',
      '47.110.56.200: EIP on the pod ENI address',
    ]);
    const api = only(flannelFindings, 'public-addresses').find((f) => f.subject === 'web/deployment/api');
    expect(api?.evidence).toEqual(['118.31.40.77: node EIP', '47.97.33.120: NAT gateway EIP (SNAT)']);
  });

  it('payment-api (default-deny egress, only paygate allowed) does not reach the whole Internet; web does', () => {
    const subjects = only(terwayFindings, 'internet-egress').map((f) => f.subject);
    expect(subjects).not.toContain('payments/deployment/payment-api');
    expect(subjects).toContain('shop/deployment/web');
  });

  it('Flannel: the four NetworkPolicies are not enforced', () => {
    const found = only(flannelFindings, 'policy-not-enforced');
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.slice(1)).toEqual([
      'batch/default-deny-egress',
      'web/api-allow-from-frontend',
      'web/default-deny-ingress',
      'web/frontend-allow-all',
    ]);
    expect(only(terwayFindings, 'policy-not-enforced')).toEqual([]);
  });

  it('whitelist entries no pod, node or ENI holds are stale (the injector group keeps old pod IPs)', () => {
    expect(only(terwayFindings, 'whitelist-stale').map((f) => f.title)).toEqual([
      'admits 10.0.96.19, which no pod, node or ENI of the snapshot holds',
      'admits 10.0.96.27, which no pod, node or ENI of the snapshot holds',
    ]);
  });

  it('findings are sorted by severity and the same on every run', () => {
    const rank = { high: 0, medium: 1, low: 2, info: 3 };
    const ranks = terwayFindings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(JSON.stringify(auditSnapshot(terway, check))).toBe(JSON.stringify(terwayFindings));
  });

  it('a default-deny egress policy without a DNS rule is a high finding; with the examples it is absent', () => {
    expect(only(terwayFindings, 'policy-blocks-dns')).toEqual([]);
    const denyAll: NetworkPolicy = {
      namespace: 'shop',
      name: 'deny-all-egress',
      podSelector: { matchLabels: {}, matchExpressions: [] },
      policyTypes: ['Egress'],
      policyTypesExplicit: true,
      ingress: [],
      egress: [],
      origin,
    };
    const changed: Snapshot = {
      ...terway,
      kubernetes: { ...terway.kubernetes, networkPolicies: [...terway.kubernetes.networkPolicies, denyAll] },
    };
    const found = only(auditSnapshot(changed, check), 'policy-blocks-dns');
    expect(found.map((f) => f.subject)).toContain('shop/deployment/web');
    expect(found.every((f) => f.severity === 'high' && f.subject.startsWith('shop/'))).toBe(true);
  });

  it('whitelists open to everyone or to the whole VPC are too wide', () => {
    const rds = terway.cloud.rdsInstances[0];
    if (rds === undefined) throw new Error('no RDS');
    const wide = {
      ...rds,
      whitelist: [
        { name: 'open', entries: ['0.0.0.0/0'], origin },
        { name: 'vpc', entries: ['10.0.0.0/8'], origin },
        { name: 'narrow', entries: ['10.0.64.0/19'], origin },
      ],
    };
    const changed: Snapshot = { ...terway, cloud: { ...terway.cloud, rdsInstances: [wide] } };
    const found = only(auditSnapshot(changed, check), 'whitelist-too-wide');
    expect(found.map((f) => [f.severity, f.subject])).toEqual([
      ['high', `${rds.id} group open`],
      ['medium', `${rds.id} group vpc`],
    ]);
  });

  it('a Drop-all rule shadows everything; a Drop under a wider higher-priority Accept never applies', () => {
    const group = terway.cloud.securityGroups[0];
    if (group === undefined) throw new Error('no security group');
    const rule = {
      securityGroupId: group.id,
      direction: 'egress' as const,
      protocol: 'tcp' as const,
      origin,
    };
    const changed: Snapshot = {
      ...terway,
      cloud: {
        ...terway.cloud,
        securityGroups: [
          {
            ...group,
            rules: [
              {
                ...rule,
                id: 'drop-all',
                policy: 'drop',
                priority: 50,
                protocol: 'all',
                portRange: null,
                cidr: '0.0.0.0/0',
              },
              {
                ...rule,
                id: 'accept-web',
                policy: 'accept',
                priority: 1,
                portRange: [1, 1024],
                cidr: '0.0.0.0/0',
              },
              {
                ...rule,
                id: 'drop-http',
                policy: 'drop',
                priority: 5,
                portRange: [80, 80],
                cidr: '1.2.3.0/24',
              },
              {
                ...rule,
                id: 'drop-smtp',
                policy: 'drop',
                priority: 1,
                portRange: [25, 25],
                cidr: '0.0.0.0/0',
              },
            ],
          },
        ],
      },
    };
    const findings = auditSnapshot(changed, check);
    expect(only(findings, 'sg-drop-shadows-everything').map((f) => f.subject)).toEqual(['drop-all']);
    // drop-smtp has the same priority as accept-web: Drop wins a tie, so it is not shadowed.
    expect(only(findings, 'sg-drop-shadowed').map((f) => f.subject)).toEqual(['drop-http']);
  });
});

describe('audit of the in-cluster load-balancing datapath', () => {
  it('Terway DataPathV2 without in_cluster_loadbalance: the datapath finding and a Layer-4 hairpin risk', async () => {
    const terway = await loadExample(TERWAY);
    const changed: Snapshot = {
      ...terway,
      facts: {
        ...terway.facts,
        inClusterLoadBalance: { known: true, value: false, evidence: 'test: in_cluster_loadbalance "false"' },
      },
    };
    const findings = auditSnapshot(changed, check);
    expect(only(findings, 'terway-no-in-cluster-lb').map((f) => f.severity)).toEqual(['medium']);
    expect(only(findings, 'layer4-hairpin').map((f) => f.subject)).toContain('shop/web-public');
    // With in_cluster_loadbalance "true" (the example as collected) neither is raised.
    const original = auditSnapshot(terway, check);
    expect(only(original, 'terway-no-in-cluster-lb')).toEqual([]);
    expect(only(original, 'layer4-hairpin')).toEqual([]);
  });
});
