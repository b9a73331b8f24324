import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SecurityGroup, SecurityGroupRule } from '../model/cloud.js';
import {
  describeSecurityGroupRule,
  evaluateSecurityGroups,
  type SecurityGroupContext,
  type SecurityGroupQuery,
} from './security-group.js';

const origin = { file: 'sg.json', path: '' };

function rule(fields: Partial<SecurityGroupRule> & Pick<SecurityGroupRule, 'id'>): SecurityGroupRule {
  return {
    securityGroupId: 'sg-a',
    direction: 'egress',
    policy: 'accept',
    priority: 1,
    protocol: 'tcp',
    portRange: null,
    cidr: '0.0.0.0/0',
    origin,
    ...fields,
  };
}

function group(
  id: string,
  type: SecurityGroup['type'],
  rules: readonly SecurityGroupRule[] | undefined,
  extra: Partial<SecurityGroup> = {},
): SecurityGroup {
  const base: SecurityGroup = { id, origin, innerAccessPolicy: 'accept', ...extra };
  return {
    ...base,
    ...(type === undefined ? {} : { type }),
    ...(rules === undefined ? {} : { rules: rules.map((r) => ({ ...r, securityGroupId: id })) }),
  };
}

const egress443: SecurityGroupQuery = {
  direction: 'egress',
  family: 4,
  protocol: 'tcp',
  port: 443,
  peer: '140.82.112.5',
};
const noMembers: SecurityGroupContext = { membersOf: () => [], peerGroupIds: [] };

describe('priority and policy', () => {
  it('Drop at priority 10 beats Accept at priority 100', () => {
    const groups = [
      group('sg-a', 'enterprise', [
        rule({ id: 'sgr-accept', priority: 100 }),
        rule({ id: 'sgr-drop', priority: 10, policy: 'drop', portRange: [443, 443], cidr: '140.82.0.0/16' }),
      ]),
    ];
    const decision = evaluateSecurityGroups(groups, egress443, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.rule?.id).toBe('sgr-drop');
    expect(decision.matched.map((r) => r.id)).toEqual(['sgr-drop', 'sgr-accept']);
    expect(decision.reason).toBe(
      'rule sgr-drop of sg-a (priority 10, Drop TCP 443 to 140.82.0.0/16) matches first',
    );
  });

  it('Accept at priority 1 beats Drop at priority 2', () => {
    const groups = [
      group('sg-a', 'enterprise', [
        rule({ id: 'sgr-drop', priority: 2, policy: 'drop' }),
        rule({ id: 'sgr-accept', priority: 1 }),
      ]),
    ];
    const decision = evaluateSecurityGroups(groups, egress443, noMembers);
    expect(decision.verdict).toBe('accept');
    expect(decision.rule?.id).toBe('sgr-accept');
  });

  it('at equal priority Drop beats Accept', () => {
    const groups = [
      group('sg-a', 'normal', [
        rule({ id: 'sgr-accept', priority: 5 }),
        rule({ id: 'sgr-drop', priority: 5, policy: 'drop' }),
      ]),
    ];
    const decision = evaluateSecurityGroups(groups, egress443, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.rule?.id).toBe('sgr-drop');
    expect(decision.reason).toContain('Drop wins over Accept at equal priority');
  });

  it('an Accept alone at that priority accepts', () => {
    const groups = [group('sg-a', 'enterprise', [rule({ id: 'sgr-accept', priority: 5 })])];
    expect(evaluateSecurityGroups(groups, egress443, noMembers).verdict).toBe('accept');
  });

  it('pools the rules of every group on the ENI', () => {
    const groups = [
      group('sg-a', 'normal', [rule({ id: 'sgr-a-accept', priority: 10 })]),
      group('sg-b', 'normal', [rule({ id: 'sgr-b-drop', priority: 5, policy: 'drop' })]),
    ];
    const decision = evaluateSecurityGroups(groups, egress443, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.rule?.securityGroupId).toBe('sg-b');
  });
});

describe('defaults when no rule matches', () => {
  const unrelated = rule({ id: 'sgr-x', cidr: '10.0.0.0/8' });

  it('enterprise drops egress', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'enterprise', [unrelated])], egress443, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.defaultApplied).toBe('enterprise-drop');
    expect(decision.rule).toBeUndefined();
  });

  it('basic accepts egress', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [unrelated])], egress443, noMembers);
    expect(decision.verdict).toBe('accept');
    expect(decision.defaultApplied).toBe('basic-egress-accept');
    expect(decision.reason).toBe(
      'no rule of sg-a matches egress TCP 443 to 140.82.112.5; basic security groups accept egress by default',
    );
  });

  it('basic drops ingress from outside the group', () => {
    const query: SecurityGroupQuery = {
      direction: 'ingress',
      family: 4,
      protocol: 'tcp',
      port: 22,
      peer: '1.2.3.4',
    };
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [])], query, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.defaultApplied).toBe('basic-ingress-drop');
  });

  it('enterprise drops ingress', () => {
    const query: SecurityGroupQuery = {
      direction: 'ingress',
      family: 4,
      protocol: 'tcp',
      port: 22,
      peer: '1.2.3.4',
    };
    expect(evaluateSecurityGroups([group('sg-a', 'enterprise', [])], query, noMembers).defaultApplied).toBe(
      'enterprise-drop',
    );
  });

  it('a rule of the other direction does not count', () => {
    const ingressAccept = rule({ id: 'sgr-in', direction: 'ingress' });
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'enterprise', [ingressAccept])],
      egress443,
      noMembers,
    );
    expect(decision.verdict).toBe('drop');
    expect(decision.matched).toEqual([]);
  });

  it('mixed basic and enterprise groups are noted and the enterprise default applies', () => {
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'normal', []), group('sg-b', 'enterprise', [])],
      egress443,
      noMembers,
    );
    expect(decision.verdict).toBe('drop');
    expect(decision.notes?.[0]).toContain('mixes basic and enterprise');
  });

  it('groups of one type carry no mixed-type note', () => {
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'normal', []), group('sg-b', 'normal', [])],
      egress443,
      noMembers,
    );
    expect(decision.notes).toBeUndefined();
  });
});

describe('protocol and port matching', () => {
  it('a TCP rule never matches UDP', () => {
    const groups = [group('sg-a', 'enterprise', [rule({ id: 'sgr-tcp' })])];
    const udp = { ...egress443, protocol: 'udp' as const, port: 53 };
    expect(evaluateSecurityGroups(groups, udp, noMembers).verdict).toBe('drop');
    expect(evaluateSecurityGroups(groups, egress443, noMembers).verdict).toBe('accept');
  });

  it('an ALL rule matches every protocol', () => {
    const groups = [
      group('sg-a', 'enterprise', [rule({ id: 'sgr-all', protocol: 'all', portRange: [1, 1] })]),
    ];
    expect(evaluateSecurityGroups(groups, { ...egress443, protocol: 'sctp' }, noMembers).verdict).toBe(
      'accept',
    );
    expect(
      evaluateSecurityGroups(groups, { ...egress443, protocol: 'icmp', port: null }, noMembers).verdict,
    ).toBe('accept');
  });

  it('a port range matches inside and not outside', () => {
    const groups = [group('sg-a', 'enterprise', [rule({ id: 'sgr-web', portRange: [80, 443] })])];
    expect(evaluateSecurityGroups(groups, egress443, noMembers).verdict).toBe('accept');
    expect(evaluateSecurityGroups(groups, { ...egress443, port: 8443 }, noMembers).verdict).toBe('drop');
  });

  it('ICMP rules ignore ports', () => {
    const groups = [
      group('sg-a', 'enterprise', [rule({ id: 'sgr-icmp', protocol: 'icmp', portRange: [8, 8] })]),
    ];
    const ping: SecurityGroupQuery = { ...egress443, protocol: 'icmp', port: null };
    expect(evaluateSecurityGroups(groups, ping, noMembers).verdict).toBe('accept');
  });

  it('ICMP is IPv4 only and ICMPv6 is IPv6 only', () => {
    const groups = [
      group('sg-a', 'enterprise', [
        rule({ id: 'sgr-icmp', protocol: 'icmp', cidr: '0.0.0.0/0', ipv6Cidr: '::/0' }),
      ]),
    ];
    const ping6: SecurityGroupQuery = {
      direction: 'egress',
      family: 6,
      protocol: 'icmp',
      port: null,
      peer: '2001:db8::1',
    };
    expect(evaluateSecurityGroups(groups, ping6, noMembers).verdict).toBe('drop');
    const groups6 = [
      group('sg-a', 'enterprise', [rule({ id: 'sgr-icmp6', protocol: 'icmpv6', ipv6Cidr: '::/0' })]),
    ];
    expect(evaluateSecurityGroups(groups6, ping6, noMembers).verdict).toBe('accept');
    expect(
      evaluateSecurityGroups(groups6, { ...egress443, protocol: 'icmp', port: null }, noMembers).verdict,
    ).toBe('drop');
  });

  it('a TCP query without a port matches only a rule covering every port', () => {
    const query = { ...egress443, port: null };
    const ranged = [group('sg-a', 'enterprise', [rule({ id: 'sgr-443', portRange: [443, 443] })])];
    const every = [group('sg-a', 'enterprise', [rule({ id: 'sgr-any', portRange: [1, 65535] })])];
    expect(evaluateSecurityGroups(ranged, query, noMembers).verdict).toBe('drop');
    expect(evaluateSecurityGroups(every, query, noMembers).verdict).toBe('accept');
  });
});

describe('peer matching', () => {
  it('an IPv6 rule does not match an IPv4 peer', () => {
    const v6Only = [
      group('sg-a', 'enterprise', [{ ...withoutCidr(rule({ id: 'sgr-v6' })), ipv6Cidr: '::/0' }]),
    ];
    expect(evaluateSecurityGroups(v6Only, egress443, noMembers).verdict).toBe('drop');
    const v6Query: SecurityGroupQuery = { ...egress443, family: 6, peer: '2001:db8::10' };
    expect(evaluateSecurityGroups(v6Only, v6Query, noMembers).verdict).toBe('accept');
  });

  it('an IPv4 rule does not match an IPv6 peer', () => {
    const groups = [group('sg-a', 'enterprise', [rule({ id: 'sgr-v4', cidr: '0.0.0.0/0' })])];
    const v6Query: SecurityGroupQuery = { ...egress443, family: 6, peer: '2001:db8::10' };
    expect(evaluateSecurityGroups(groups, v6Query, noMembers).verdict).toBe('drop');
  });

  it('a CIDR rule matches only peers inside the CIDR', () => {
    const groups = [group('sg-a', 'enterprise', [rule({ id: 'sgr-gh', cidr: '140.82.112.0/20' })])];
    expect(evaluateSecurityGroups(groups, egress443, noMembers).verdict).toBe('accept');
    expect(evaluateSecurityGroups(groups, { ...egress443, peer: '140.82.128.1' }, noMembers).verdict).toBe(
      'drop',
    );
  });

  const groupRule = withoutCidr(rule({ id: 'sgr-ref', peerGroupId: 'sg-db' }));

  it('a group reference matches the private IPs of member ENIs', () => {
    const context: SecurityGroupContext = {
      membersOf: (id) => (id === 'sg-db' ? ['10.0.8.5', '10.0.8.6'] : []),
    };
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'enterprise', [groupRule])],
      { ...egress443, peer: '10.0.8.6' },
      context,
    );
    expect(decision.verdict).toBe('accept');
    expect(decision.reason).toContain('to group sg-db');
  });

  it('a group reference does not match a non-member', () => {
    const context: SecurityGroupContext = { membersOf: (id) => (id === 'sg-db' ? ['10.0.8.5'] : []) };
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'enterprise', [groupRule])],
      { ...egress443, peer: '10.0.8.7' },
      context,
    );
    expect(decision.verdict).toBe('drop');
  });

  it('a group reference whose members are unknown makes the verdict unknown', () => {
    const context: SecurityGroupContext = {
      membersOf: () => undefined,
      peerGroupIds: [],
      regionId: 'cn-hangzhou',
    };
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'enterprise', [groupRule])],
      { ...egress443, peer: '10.0.8.7' },
      context,
    );
    expect(decision.verdict).toBe('unknown');
    expect(decision.missing).toEqual([
      'aliyun ecs DescribeNetworkInterfaces --RegionId cn-hangzhou --SecurityGroupId sg-db',
    ]);
    expect(decision.undecided?.map((r) => r.id)).toEqual(['sgr-ref']);
  });

  it('the CIDR takes precedence when a rule names both a CIDR and a group', () => {
    const both = rule({ id: 'sgr-both', cidr: '192.168.0.0/24', peerGroupId: 'sg-db' });
    const context: SecurityGroupContext = { membersOf: () => ['10.0.8.5'], peerGroupIds: [] };
    const groups = [group('sg-a', 'enterprise', [both])];
    expect(evaluateSecurityGroups(groups, { ...egress443, peer: '10.0.8.5' }, context).verdict).toBe('drop');
    expect(evaluateSecurityGroups(groups, { ...egress443, peer: '192.168.0.9' }, context).verdict).toBe(
      'accept',
    );
  });

  it('a prefix-list rule that could decide makes the verdict unknown', () => {
    const pl = withoutCidr(rule({ id: 'sgr-pl', peerPrefixListId: 'pl-office' }));
    const decision = evaluateSecurityGroups([group('sg-a', 'enterprise', [pl])], egress443, noMembers);
    expect(decision.verdict).toBe('unknown');
    expect(decision.missing).toEqual([
      'aliyun ecs DescribePrefixListAttributes --RegionId <region> --PrefixListId pl-office',
    ]);
  });

  it('a prefix-list rule ranked below a deciding rule is only noted', () => {
    const pl = withoutCidr(rule({ id: 'sgr-pl', priority: 50, peerPrefixListId: 'pl-office' }));
    const drop = rule({ id: 'sgr-drop', priority: 1, policy: 'drop' });
    const decision = evaluateSecurityGroups([group('sg-a', 'enterprise', [pl, drop])], egress443, noMembers);
    expect(decision.verdict).toBe('drop');
    expect(decision.notes?.[0]).toContain('sgr-pl');
  });

  it('a peer that is not an IP gives unknown', () => {
    expect(
      evaluateSecurityGroups([group('sg-a', 'normal', [])], { ...egress443, peer: 'example.com' }, noMembers)
        .verdict,
    ).toBe('unknown');
  });
});

describe('missing data', () => {
  it('a group without rules gives unknown with the command to fetch them', () => {
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'normal', [rule({ id: 'sgr-1' })]), group('sg-b', 'normal', undefined)],
      egress443,
      { ...noMembers, regionId: 'cn-hangzhou' },
    );
    expect(decision.verdict).toBe('unknown');
    expect(decision.reason).toContain('sg-b');
    expect(decision.missing).toEqual([
      'aliyun ecs DescribeSecurityGroupAttribute --RegionId cn-hangzhou --SecurityGroupId sg-b',
    ]);
  });

  it('a group without a type does not matter when a rule matches', () => {
    const decision = evaluateSecurityGroups(
      [group('sg-a', undefined, [rule({ id: 'sgr-1' })])],
      egress443,
      noMembers,
    );
    expect(decision.verdict).toBe('accept');
  });

  it('a group without a type gives unknown when the default decides', () => {
    const decision = evaluateSecurityGroups([group('sg-a', undefined, [])], egress443, noMembers);
    expect(decision.verdict).toBe('unknown');
    expect(decision.missing).toEqual([
      'aliyun ecs DescribeSecurityGroups --RegionId <region> --SecurityGroupId sg-a',
    ]);
  });
});

describe('intra-group access (basic groups)', () => {
  const ssh: SecurityGroupQuery = {
    direction: 'ingress',
    family: 4,
    protocol: 'tcp',
    port: 22,
    peer: '10.0.1.24',
  };
  const dropAll = rule({ id: 'sgr-drop', direction: 'ingress', policy: 'drop', priority: 1 });

  it('InnerAccessPolicy Accept admits a peer in the same basic group before any rule', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [dropAll])], ssh, {
      membersOf: () => [],
      peerGroupIds: ['sg-a'],
    });
    expect(decision.verdict).toBe('accept');
    expect(decision.defaultApplied).toBe('intra-group-accept');
  });

  it('a peer in another group is not admitted by it', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [])], ssh, {
      membersOf: () => [],
      peerGroupIds: ['sg-z'],
    });
    expect(decision.verdict).toBe('drop');
    expect(decision.defaultApplied).toBe('basic-ingress-drop');
  });

  it('membership can come from membersOf when the peer groups are not given', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [])], ssh, {
      membersOf: (id) => (id === 'sg-a' ? ['10.0.1.23', '10.0.1.24'] : []),
    });
    expect(decision.defaultApplied).toBe('intra-group-accept');
  });

  it('InnerAccessPolicy Drop lets user rules decide first', () => {
    const accept = rule({ id: 'sgr-ssh', direction: 'ingress', portRange: [22, 22] });
    const context = { membersOf: () => [], peerGroupIds: ['sg-a'] };
    const withRule = evaluateSecurityGroups(
      [group('sg-a', 'normal', [accept], { innerAccessPolicy: 'drop' })],
      ssh,
      context,
    );
    expect(withRule.verdict).toBe('accept');
    expect(withRule.rule?.id).toBe('sgr-ssh');
  });

  it('InnerAccessPolicy Drop isolates members when no rule matches', () => {
    const context = { membersOf: () => [], peerGroupIds: ['sg-a'] };
    const decision = evaluateSecurityGroups(
      [group('sg-a', 'normal', [], { innerAccessPolicy: 'drop' })],
      ssh,
      context,
    );
    expect(decision.verdict).toBe('drop');
    expect(decision.defaultApplied).toBe('intra-group-drop');
  });

  it('enterprise groups never interconnect their members', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'enterprise', [])], ssh, {
      membersOf: () => [],
      peerGroupIds: ['sg-a'],
    });
    expect(decision.defaultApplied).toBe('enterprise-drop');
  });

  it('unknown membership of a basic group leaves ingress unknown', () => {
    const decision = evaluateSecurityGroups([group('sg-a', 'normal', [])], ssh, {
      membersOf: () => undefined,
    });
    expect(decision.verdict).toBe('unknown');
    expect(decision.missing).toEqual([
      'aliyun ecs DescribeNetworkInterfaces --RegionId <region> --SecurityGroupId sg-a',
    ]);
  });
});

describe('describeSecurityGroupRule', () => {
  it('prints policy, protocol, ports and peer', () => {
    expect(
      describeSecurityGroupRule(
        rule({ id: 'x', policy: 'drop', portRange: [3306, 3306], cidr: '10.0.8.0/24' }),
      ),
    ).toBe('Drop TCP 3306 to 10.0.8.0/24');
    expect(
      describeSecurityGroupRule(rule({ id: 'x', direction: 'ingress', protocol: 'all', cidr: '0.0.0.0/0' })),
    ).toBe('Accept ALL from 0.0.0.0/0');
  });
});

function withoutCidr(r: SecurityGroupRule): SecurityGroupRule {
  const { cidr: _cidr, ...rest } = r;
  return rest;
}

describe('order independence (property)', () => {
  const ruleArb = fc.record({
    policy: fc.constantFrom('accept' as const, 'drop' as const),
    priority: fc.integer({ min: 1, max: 4 }),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'all' as const, 'icmp' as const),
    portRange: fc.constantFrom(null, [443, 443] as const, [1, 1024] as const, [8000, 9000] as const),
    cidr: fc.constantFrom('0.0.0.0/0', '140.82.0.0/16', '10.0.0.0/8', '140.82.112.5', 'pl-office'),
    direction: fc.constantFrom('egress' as const, 'ingress' as const),
    groupIndex: fc.integer({ min: 0, max: 2 }),
  });
  const setupArb = fc.record({
    rules: fc.array(ruleArb, { maxLength: 8 }),
    type: fc.constantFrom('normal' as const, 'enterprise' as const),
    query: fc.record({
      direction: fc.constantFrom('egress' as const, 'ingress' as const),
      protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const),
      port: fc.constantFrom(443, 80, 8080),
      peer: fc.constantFrom('140.82.112.5', '10.1.2.3', '8.8.8.8'),
    }),
    seed: fc.integer(),
  });

  it('shuffling groups and rules never changes the verdict or the deciding rule', () => {
    fc.assert(
      fc.property(setupArb, ({ rules, type, query, seed }) => {
        const groupIds = ['sg-0', 'sg-1', 'sg-2'];
        const built = rules.map(({ cidr, ...r }, i) => {
          const base = rule({ id: `sgr-${i}`, ...r, securityGroupId: groupIds[r.groupIndex] ?? 'sg-0' });
          return cidr === 'pl-office' ? { ...withoutCidr(base), peerPrefixListId: cidr } : { ...base, cidr };
        });
        const groups = groupIds.map((id) =>
          group(
            id,
            type,
            built.filter((r) => r.securityGroupId === id),
          ),
        );
        const q: SecurityGroupQuery = {
          family: 4,
          ...query,
          port: query.protocol === 'icmp' ? null : query.port,
        };
        const reference = evaluateSecurityGroups(groups, q, noMembers);
        const shuffled = shuffle(
          groups.map((g) => ({ ...g, rules: shuffle(g.rules ?? [], seed) })),
          seed + 1,
        );
        const other = evaluateSecurityGroups(shuffled, q, noMembers);
        expect(other.verdict).toBe(reference.verdict);
        expect(other.rule?.id).toBe(reference.rule?.id);
        expect(other.matched.map((r) => r.id)).toEqual(reference.matched.map((r) => r.id));
        expect(other.missing).toEqual(reference.missing);
        expect(other.reason).toBe(reference.reason);
      }),
    );
  });
});

/** Deterministic Fisher-Yates shuffle driven by a small LCG. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
