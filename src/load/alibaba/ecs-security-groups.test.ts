import { describe, expect, it } from 'vitest';
import { describeSecurityGroupAttribute, describeSecurityGroups } from './ecs-security-groups.js';
import { loadBodies } from './test-helpers.js';

const adapters = [describeSecurityGroups, describeSecurityGroupAttribute];

const GROUPS = `{
  "RequestId": "0B2D6F3A-1111-4A53-9F0B-000000000001",
  "RegionId": "cn-shanghai",
  "TotalCount": 2, "PageNumber": 1, "PageSize": 10, "NextToken": "",
  "SecurityGroups": {
    "SecurityGroup": [
      {"SecurityGroupId": "sg-uf6node000000000001", "SecurityGroupName": "ack-nodes", "SecurityGroupType": "enterprise",
       "VpcId": "vpc-uf6main0000000000001", "Description": "", "EcsCount": 3, "ServiceManaged": false,
       "Tags": {"Tag": [{"TagKey": "ack.aliyun.com", "TagValue": "c9f8e7d6"}]}},
      {"SecurityGroupId": "sg-uf6db00000000000002", "SecurityGroupName": "", "SecurityGroupType": "normal",
       "VpcId": "vpc-uf6main0000000000001"}
    ]
  }
}`;

const ATTRIBUTE = `{
  "RequestId": "0B2D6F3A-2222-4A53-9F0B-000000000002",
  "RegionId": "cn-shanghai",
  "SecurityGroupId": "sg-uf6node000000000001",
  "SecurityGroupName": "ack-nodes",
  "VpcId": "vpc-uf6main0000000000001",
  "InnerAccessPolicy": "Accept",
  "Permissions": {
    "Permission": [
      {"SecurityGroupRuleId": "sgr-uf6in1", "Direction": "ingress", "Policy": "Accept", "Priority": "1",
       "IpProtocol": "ALL", "PortRange": "-1/-1", "SourceCidrIp": "172.20.0.0/16", "DestCidrIp": "",
       "Ipv6SourceCidrIp": "", "SourceGroupId": "", "NicType": "intranet", "Description": "pod CIDR"},
      {"SecurityGroupRuleId": "sgr-uf6in2", "Direction": "ingress", "Policy": "Accept", "Priority": "100",
       "IpProtocol": "TCP", "PortRange": "443/443", "SourceCidrIp": "", "SourceGroupId": "sg-uf6db00000000000002",
       "Description": ""},
      {"SecurityGroupRuleId": "sgr-uf6eg1", "Direction": "egress", "Policy": "Drop", "Priority": "10",
       "IpProtocol": "TCP", "PortRange": "3306/3306", "DestCidrIp": "10.8.8.0/24", "SourceCidrIp": "10.0.0.0/8",
       "DestGroupId": "", "Description": "block prod DB"},
      {"SecurityGroupRuleId": "sgr-uf6eg2", "Direction": "egress", "Policy": "Accept", "Priority": "100",
       "IpProtocol": "ALL", "PortRange": "-1/-1", "DestCidrIp": "0.0.0.0/0", "Ipv6DestCidrIp": "::/0",
       "DestPrefixListId": ""},
      {"SecurityGroupRuleId": "sgr-uf6eg3", "Direction": "egress", "Policy": "accept", "Priority": 5,
       "IpProtocol": "17", "PortRange": "53/53", "DestPrefixListId": "pl-uf6dns"}
    ]
  },
  "SnapshotPolicyIds": {"SnapshotPolicyId": []}
}`;

describe('ecs DescribeSecurityGroups + DescribeSecurityGroupAttribute', () => {
  it('recognises each body by its wrapper', () => {
    const { recognised } = loadBodies(adapters, ['sgs.json', GROUPS], ['sg-attr.json', ATTRIBUTE]);
    expect(recognised).toEqual([['ecs DescribeSecurityGroups'], ['ecs DescribeSecurityGroupAttribute']]);
  });

  it('merges type and name with the rules, normalised, in array order', () => {
    const { builder, errors, warnings } = loadBodies(
      adapters,
      ['sgs.json', GROUPS],
      ['sg-attr.json', ATTRIBUTE],
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const [db, node] = builder.cloud.securityGroups;
    expect(builder.cloud.securityGroups.map((group) => group.id)).toEqual([
      'sg-uf6db00000000000002',
      'sg-uf6node000000000001',
    ]);
    expect(node).toBeDefined();
    expect(db).toMatchObject({
      id: 'sg-uf6db00000000000002',
      type: 'normal',
      vpcId: 'vpc-uf6main0000000000001',
    });
    expect(db?.rules).toBeUndefined();
    expect(db).not.toHaveProperty('name');
    const group = builder.cloud.securityGroups[1];
    expect(group).toMatchObject({
      id: 'sg-uf6node000000000001',
      name: 'ack-nodes',
      type: 'enterprise',
      vpcId: 'vpc-uf6main0000000000001',
      innerAccessPolicy: 'accept',
      origin: { file: 'sgs.json', line: 7, path: 'SecurityGroups.SecurityGroup[0]' },
    });
    const rules = (group?.rules ?? []).map(({ origin, ...rule }) => rule);
    expect(rules).toEqual([
      {
        id: 'sgr-uf6in1',
        securityGroupId: 'sg-uf6node000000000001',
        direction: 'ingress',
        policy: 'accept',
        priority: 1,
        protocol: 'all',
        portRange: null,
        cidr: '172.20.0.0/16',
        description: 'pod CIDR',
      },
      {
        id: 'sgr-uf6in2',
        securityGroupId: 'sg-uf6node000000000001',
        direction: 'ingress',
        policy: 'accept',
        priority: 100,
        protocol: 'tcp',
        portRange: [443, 443],
        peerGroupId: 'sg-uf6db00000000000002',
      },
      {
        id: 'sgr-uf6eg1',
        securityGroupId: 'sg-uf6node000000000001',
        direction: 'egress',
        policy: 'drop',
        priority: 10,
        protocol: 'tcp',
        portRange: [3306, 3306],
        // SourceCidrIp is not the peer of an egress rule.
        cidr: '10.8.8.0/24',
        description: 'block prod DB',
      },
      {
        id: 'sgr-uf6eg2',
        securityGroupId: 'sg-uf6node000000000001',
        direction: 'egress',
        policy: 'accept',
        priority: 100,
        protocol: 'all',
        portRange: null,
        cidr: '0.0.0.0/0',
        ipv6Cidr: '::/0',
      },
      {
        id: 'sgr-uf6eg3',
        securityGroupId: 'sg-uf6node000000000001',
        direction: 'egress',
        policy: 'accept',
        priority: 5,
        protocol: 'udp',
        portRange: [53, 53],
        peerPrefixListId: 'pl-uf6dns',
      },
    ]);
    expect(group?.rules?.[2]?.origin).toEqual({
      file: 'sg-attr.json',
      line: 16,
      column: 7,
      path: 'Permissions.Permission[2]',
    });
  });

  it('keeps a group known only from its attribute body, without a type', () => {
    const { builder } = loadBodies(adapters, ['sg-attr.json', ATTRIBUTE]);
    expect(builder.cloud.securityGroups).toHaveLength(1);
    expect(builder.cloud.securityGroups[0]).not.toHaveProperty('type');
    expect(builder.cloud.securityGroups[0]?.rules).toHaveLength(5);
  });

  it('merges pages split over several files, silently for identical repeats', () => {
    const page2 = `{"SecurityGroups": {"SecurityGroup": [
      {"SecurityGroupId": "sg-uf6extra0000000003", "SecurityGroupType": "normal"},
      {"SecurityGroupId": "sg-uf6db00000000000002", "SecurityGroupName": "", "SecurityGroupType": "normal",
       "VpcId": "vpc-uf6main0000000000001"}]}}`;
    const { builder } = loadBodies(
      adapters,
      ['p1.json', GROUPS],
      ['p2.json', page2],
      ['p1-again.json', GROUPS],
    );
    const problems = builder.problems;
    expect(problems).toEqual([]);
    expect(builder.cloud.securityGroups.map((group) => group.id)).toEqual([
      'sg-uf6db00000000000002',
      'sg-uf6extra0000000003',
      'sg-uf6node000000000001',
    ]);
  });

  it('warns when the same group comes back with different content, keeping the first', () => {
    const changed = `{"SecurityGroups": {"SecurityGroup": [
      {"SecurityGroupId": "sg-uf6db00000000000002", "SecurityGroupType": "enterprise"}]}}`;
    const { builder, warnings } = loadBodies(adapters, ['p1.json', GROUPS], ['p2.json', changed]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'p2.json',
        line: 2,
        column: 7,
        path: 'SecurityGroups.SecurityGroup[0]',
        message:
          'security group sg-uf6db00000000000002 is also listed at p1.json:10:7 (SecurityGroups.SecurityGroup[1]) with different content; the first one is kept',
        hint: 'keep one response per resource, taken at the same moment',
      },
    ]);
    expect(builder.cloud.securityGroups.find((group) => group.id === 'sg-uf6db00000000000002')?.type).toBe(
      'normal',
    );
  });
});

describe('ecs DescribeSecurityGroupAttribute pages (NextToken)', () => {
  const page = (
    token: string,
    rules: string,
  ) => `{"SecurityGroupId": "sg-uf6paged000000001", "InnerAccessPolicy": "Accept",
 "NextToken": "${token}", "Permissions": {"Permission": [${rules}]}}`;
  const rule = (id: string, priority: string) =>
    `{"SecurityGroupRuleId": "${id}", "Direction": "egress", "Policy": "Accept", "Priority": "${priority}", "IpProtocol": "ALL", "PortRange": "-1/-1", "DestCidrIp": "0.0.0.0/0"}`;

  it('joins the rules of two pages of one group, in page order, without repeats', () => {
    const { builder, warnings } = loadBodies(
      adapters,
      ['sg.page1.json', page('tok-2', `${rule('sgr-a', '1')},${rule('sgr-b', '2')}`)],
      ['sg.page2.json', page('', `${rule('sgr-b', '2')},${rule('sgr-c', '3')}`)],
    );
    expect(warnings).toEqual([]);
    expect(builder.cloud.securityGroups[0]?.rules?.map((r) => [r.id, r.priority, r.origin.file])).toEqual([
      ['sgr-a', 1, 'sg.page1.json'],
      ['sgr-b', 2, 'sg.page1.json'],
      ['sgr-c', 3, 'sg.page2.json'],
    ]);
  });

  it('warns when one rule id carries two different rules, keeping the first body', () => {
    const { builder, warnings } = loadBodies(
      adapters,
      ['a.json', page('', rule('sgr-a', '1'))],
      ['b.json', page('', rule('sgr-a', '50'))],
    );
    expect(warnings.map((warning) => [warning.file, warning.message])).toEqual([
      [
        'b.json',
        'security group sg-uf6paged000000001 is also listed at a.json:1:1 with different content; the first one is kept',
      ],
    ]);
    expect(builder.cloud.securityGroups[0]?.rules?.map((r) => r.priority)).toEqual([1]);
  });
});

/** An attribute body whose rule list is given by the test, one rule per line from line 5 on. */
function attributeWith(...rules: string[]): string {
  return `{
  "SecurityGroupId": "sg-uf6bad0000000000001",
  "InnerAccessPolicy": "Drop",
  "Permissions": {"Permission": [
${rules.join(',\n')}
  ]}
}`;
}

const GOOD_RULE =
  '{"Direction": "egress", "Policy": "Accept", "Priority": "1", "IpProtocol": "TCP", "PortRange": "443/443", "DestCidrIp": "0.0.0.0/0"}';

describe('ecs DescribeSecurityGroupAttribute: bad input', () => {
  const hint =
    'correct the value, or save the unedited output of `aliyun ecs DescribeSecurityGroupAttribute` again';

  it('reports Priority "abc", skips that rule and keeps the others', () => {
    const bad =
      '{"Direction": "egress", "Policy": "Drop", "Priority": "abc", "IpProtocol": "TCP", "PortRange": "80/80"}';
    const { builder, errors } = loadBodies(adapters, ['bad.json', attributeWith(GOOD_RULE, bad)]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'bad.json',
        line: 6,
        column: 55,
        path: 'Permissions.Permission[1].Priority',
        message: 'Priority is the string "abc"; this rule is skipped',
        expected: 'a whole number from 1 to 100, such as "1"',
        hint,
      },
    ]);
    const group = builder.cloud.securityGroups[0];
    expect(group?.innerAccessPolicy).toBe('drop');
    expect(group?.rules?.map((rule) => rule.portRange)).toEqual([[443, 443]]);
  });

  it('reports PortRange "80"', () => {
    const bad =
      '{"Direction": "ingress", "Policy": "Accept", "Priority": "1", "IpProtocol": "TCP", "PortRange": "80"}';
    const { errors } = loadBodies(adapters, ['bad.json', attributeWith(bad)]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'bad.json',
        line: 5,
        column: 97,
        path: 'Permissions.Permission[0].PortRange',
        message: 'PortRange is the string "80"; this rule is skipped',
        expected: 'a port range "from/to" such as "80/80" or "1/65535", or "-1/-1" for every port',
        hint,
      },
    ]);
  });

  it('reports an unknown IpProtocol', () => {
    const bad =
      '{"Direction": "ingress", "Policy": "Accept", "Priority": "1", "IpProtocol": "SCTP", "PortRange": "-1/-1"}';
    const { errors } = loadBodies(adapters, ['bad.json', attributeWith(bad)]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'bad.json',
        line: 5,
        column: 77,
        path: 'Permissions.Permission[0].IpProtocol',
        message: 'IpProtocol is the string "SCTP"; this rule is skipped',
        expected: 'TCP, UDP, ICMP, ICMPv6, GRE or ALL (or the protocol number 6, 17, 1, 58 or 47)',
        hint,
      },
    ]);
  });

  it('reports a body without SecurityGroupId and skips it', () => {
    const body = `{
  "InnerAccessPolicy": "Accept",
  "Permissions": {"Permission": []}
}`;
    const { builder, errors } = loadBodies(adapters, ['nosg.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'nosg.json',
        line: 1,
        column: 1,
        path: 'SecurityGroupId',
        message: 'SecurityGroupId is missing; the whole body is skipped',
        expected: 'a string',
        hint: 'save the unedited output of `aliyun ecs DescribeSecurityGroupAttribute` again',
      },
    ]);
    expect(builder.cloud.securityGroups).toEqual([]);
  });

  it('reports an empty SecurityGroupId', () => {
    const body = '{"SecurityGroupId": "", "Permissions": {"Permission": []}}';
    const { errors } = loadBodies(adapters, ['empty.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'empty.json',
        line: 1,
        column: 21,
        path: 'SecurityGroupId',
        message: 'SecurityGroupId is empty; the whole body is skipped',
        expected: 'a non-empty string',
        hint: 'save the unedited output of `aliyun ecs DescribeSecurityGroupAttribute` again',
      },
    ]);
  });

  it('reports Permissions that is a bare list instead of the {"Permission": [ … ]} wrapper', () => {
    const body = `{
  "SecurityGroupId": "sg-uf6bad0000000000001",
  "Permissions": [${GOOD_RULE}]
}`;
    const { builder, errors } = loadBodies(adapters, ['flat.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'flat.json',
        line: 3,
        column: 18,
        path: 'Permissions',
        message: 'Permissions is a list; the whole body is skipped',
        expected: 'an object {"Permission": [ … ]}',
        hint: 'save the unedited output of `aliyun ecs DescribeSecurityGroupAttribute` again',
      },
    ]);
    expect(builder.cloud.securityGroups).toEqual([]);
  });

  it('reports a truncated wrapper (no list inside)', () => {
    const body = `{
  "SecurityGroupId": "sg-uf6bad0000000000001",
  "Permissions": {}
}`;
    const { errors } = loadBodies(adapters, ['cut.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'cut.json',
        line: 3,
        column: 18,
        path: 'Permissions.Permission',
        message: 'Permission is missing; the whole body is skipped',
        expected: 'a list: "Permissions": {"Permission": [ … ]}',
        hint: 'save the unedited output of `aliyun ecs DescribeSecurityGroupAttribute` again',
      },
    ]);
  });

  it('reports a truncated DescribeSecurityGroups wrapper', () => {
    const { errors } = loadBodies(adapters, ['cut.json', '{"RequestId": "x",\n "SecurityGroups": {}}']);
    expect(errors.map((error) => [error.line, error.path, error.message, error.expected])).toEqual([
      [
        2,
        'SecurityGroups.SecurityGroup',
        'SecurityGroup is missing; the whole body is skipped',
        'a list: "SecurityGroups": {"SecurityGroup": [ … ]}',
      ],
    ]);
  });

  it('reports a rule with a wrong field type, and a bad direction and policy', () => {
    const wrongType =
      '{"Direction": "egress", "Policy": "Accept", "Priority": true, "IpProtocol": "TCP", "PortRange": "1/2"}';
    const badDirection =
      '{"Direction": "out", "Policy": "Accept", "Priority": "1", "IpProtocol": "TCP", "PortRange": "1/2"}';
    const badPolicy =
      '{"Direction": "egress", "Policy": "Allow", "Priority": "1", "IpProtocol": "TCP", "PortRange": "1/2"}';
    const { errors } = loadBodies(adapters, ['bad.json', attributeWith(wrongType, badDirection, badPolicy)]);
    expect(errors.map((error) => [error.line, error.path, error.message, error.expected])).toEqual([
      [
        5,
        'Permissions.Permission[0].Priority',
        'Priority is the boolean true; this rule is skipped',
        'a number or a string',
      ],
      [
        6,
        'Permissions.Permission[1].Direction',
        'Direction is the string "out"; this rule is skipped',
        '"ingress" or "egress"',
      ],
      [
        7,
        'Permissions.Permission[2].Policy',
        'Policy is the string "Allow"; this rule is skipped',
        '"Accept" or "Drop"',
      ],
    ]);
  });

  it('reports an unknown SecurityGroupType but keeps the group', () => {
    const body =
      '{"SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-1", "SecurityGroupType": "advanced"}]}}';
    const { builder, errors } = loadBodies(adapters, ['t.json', body]);
    expect(errors.map((error) => error.message)).toEqual([
      'SecurityGroupType is the string "advanced"; the group type is left unknown',
    ]);
    expect(builder.cloud.securityGroups).toEqual([
      {
        id: 'sg-1',
        origin: { file: 't.json', line: 1, column: 39, path: 'SecurityGroups.SecurityGroup[0]' },
      },
    ]);
  });
});
