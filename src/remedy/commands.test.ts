import { describe, expect, it } from 'vitest';
import { fixtureSnapshot } from '../engine/test-fixtures/cluster.js';
import type { Snapshot } from '../model/index.js';
import { renderChange, shellWord } from './commands.js';

const snapshot = fixtureSnapshot({
  sgRules: {
    'sg-legacy': [
      {
        id: 'sgr-in',
        direction: 'ingress',
        policy: 'Drop',
        priority: 5,
        protocol: 'TCP',
        ports: '22/22',
        cidr: '0.0.0.0/0',
      },
    ],
  },
});

describe('renderChange', () => {
  it('the rest of the change kinds, written out by hand', () => {
    expect(renderChange(snapshot, { kind: 'remove-snat-entry', snatEntryId: 'snat-x' })).toEqual({
      commands: [
        'aliyun vpc DeleteSnatEntry --RegionId cn-hangzhou --SnatTableId SNAT_TABLE_ID --SnatEntryId snat-x',
      ],
      manifests: [],
      needs: ['SNAT_TABLE_ID'],
    });
    expect(
      renderChange(snapshot, {
        kind: 'modify-security-group-rule',
        securityGroupId: 'sg-legacy',
        ruleId: 'sgr-in',
        priority: 50,
      }).commands,
    ).toEqual([
      'aliyun ecs ModifySecurityGroupRule --RegionId cn-hangzhou --SecurityGroupId sg-legacy --SecurityGroupRuleId sgr-in --Priority 50',
    ]);
    expect(
      renderChange(snapshot, {
        kind: 'bind-eip',
        allocationId: 'eip-1',
        instanceId: 'eni-a1',
        instanceType: 'NetworkInterface',
        privateIpAddress: '10.0.64.11',
      }).commands,
    ).toEqual([
      'aliyun vpc AssociateEipAddress --RegionId cn-hangzhou --AllocationId eip-1 --InstanceId eni-a1 --InstanceType NetworkInterface --PrivateIpAddress 10.0.64.11',
    ]);
    expect(
      renderChange(snapshot, {
        kind: 'add-security-group-rule',
        rule: {
          securityGroupId: 'sg-pod',
          direction: 'egress',
          policy: 'accept',
          priority: 1,
          protocol: 'tcp',
          portRange: [443, 443],
          ipv6Cidr: '2606:4700::10/128',
        },
      }).commands,
    ).toEqual([
      'aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --Permissions.1.Policy Accept --Permissions.1.Priority 1 --Permissions.1.IpProtocol TCP --Permissions.1.PortRange 443/443 --Permissions.1.Ipv6DestCidrIp 2606:4700::10/128',
    ]);
    expect(
      renderChange(snapshot, { kind: 'kubernetes-manifests', file: 'p.yaml', yaml: 'kind: X\n' }),
    ).toEqual({
      commands: [],
      manifests: ['kind: X\n'],
      needs: [],
    });
  });

  it('ModifySnatEntry names the entry’s table; internalTrafficPolicy is a merge patch', () => {
    expect(
      renderChange(snapshot, {
        kind: 'modify-snat-entry',
        snatEntryId: 'snat-pod-a',
        snatIps: ['47.98.1.10', '47.98.1.11'],
      }),
    ).toEqual({
      commands: [
        'aliyun vpc ModifySnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SnatEntryId snat-pod-a --SnatIp 47.98.1.10,47.98.1.11',
      ],
      manifests: [],
      needs: [],
    });
    expect(
      renderChange(snapshot, {
        kind: 'set-internal-traffic-policy',
        namespace: 'shop',
        service: 'api',
        policy: 'Cluster',
      }).commands,
    ).toEqual([
      `kubectl -n shop patch service api --type merge -p '{"spec":{"internalTrafficPolicy":"Cluster"}}'`,
    ]);
  });

  it('a network ACL entry for an IPv6 peer says IpVersion IPv6 (the API defaults to IPv4)', () => {
    expect(
      renderChange(snapshot, {
        kind: 'add-network-acl-entry',
        networkAclId: 'nacl-x',
        direction: 'egress',
        entry: { policy: 'accept', protocol: 'tcp', portRange: '443/443', cidr: '2606:4700::10/128' },
      }).commands,
    ).toEqual([
      'aliyun vpc UpdateNetworkAclEntries --RegionId cn-hangzhou --NetworkAclId nacl-x --UpdateEgressAclEntries true --EgressAclEntries.1.Policy accept --EgressAclEntries.1.Protocol tcp --EgressAclEntries.1.Port 443/443 --EgressAclEntries.1.DestinationCidrIp 2606:4700::10/128 --EgressAclEntries.1.IpVersion IPv6',
    ]);
  });

  it('without a known region the command says REGION_ID and names it in needs', () => {
    const regionless: Snapshot = {
      ...snapshot,
      facts: {
        ...snapshot.facts,
        regionId: {
          known: false,
          missing: 'the region',
          collect: 'aliyun cs DescribeClusterDetail',
        } as never,
      },
    };
    expect(
      renderChange(regionless, {
        kind: 'add-route-entry',
        routeTableId: 'vtb-sys',
        destinationCidr: '0.0.0.0/0',
        nextHopType: 'NatGateway',
        nextHopId: 'ngw-1',
      }),
    ).toEqual({
      commands: [
        'aliyun vpc CreateRouteEntry --RegionId REGION_ID --RouteTableId vtb-sys --DestinationCidrBlock 0.0.0.0/0 --NextHopType NatGateway --NextHopId ngw-1',
      ],
      manifests: [],
      needs: ['REGION_ID'],
    });
  });

  it('quotes shell words only when needed', () => {
    expect(shellWord('sg-pod')).toBe('sg-pod');
    expect(shellWord('10.0.0.0/8,1.2.3.4')).toBe('10.0.0.0/8,1.2.3.4');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('[{"entry":"1.2.3.4/32"}]')).toBe(`'[{"entry":"1.2.3.4/32"}]'`);
  });
});
