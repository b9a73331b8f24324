import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyBuilder } from '../snapshot-builder.js';
import { alibabaAdapters } from './index.js';
import { loadBodies, rawJson, runAdapters } from './test-helpers.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/alibaba');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? fixtureFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

const bodies = fixtureFiles(FIXTURES).map(
  (path) => [relative(FIXTURES, path), readFileSync(path, 'utf8')] as const,
);

describe('alibabaAdapters on the §12 example bodies (test/fixtures/alibaba)', () => {
  it('recognise every body by exactly one adapter, with the action as label', () => {
    const { recognised } = loadBodies(alibabaAdapters, ...bodies);
    expect(Object.fromEntries(bodies.map(([file], index) => [file, recognised[index]]))).toEqual({
      'cs/DescribeClusterDetail.json': ['cs DescribeClusterDetail'],
      'ecs/DescribeInstances.json': ['ecs DescribeInstances'],
      'ecs/DescribeNetworkInterfaces.json': ['ecs DescribeNetworkInterfaces'],
      'ecs/DescribeSecurityGroupAttribute.json': ['ecs DescribeSecurityGroupAttribute'],
      'ecs/DescribeSecurityGroups.json': ['ecs DescribeSecurityGroups'],
      'rds/DescribeDBInstanceIPArrayList.rm-bp1ibu2w8a5hzvabc.json': ['rds DescribeDBInstanceIPArrayList'],
      'rds/DescribeDBInstanceNetInfo.rm-bp1ibu2w8a5hzvabc.json': ['rds DescribeDBInstanceNetInfo'],
      'rds/DescribeDBInstances.json': ['rds DescribeDBInstances'],
      'slb/DescribeAccessControlListAttribute.acl-bp1l0kk4gxce43kzabcd.json': [
        'slb DescribeAccessControlListAttribute',
      ],
      'slb/DescribeLoadBalancerAttribute.lb-bp1o94dp5i6earr9gabcd.json': [
        'slb DescribeLoadBalancerAttribute',
      ],
      'slb/DescribeLoadBalancerHTTPListenerAttribute.lb-bp1o94dp5i6earr9gabcd.8080.json': [
        'slb DescribeLoadBalancerHTTPListenerAttribute',
      ],
      'slb/DescribeLoadBalancerHTTPSListenerAttribute.lb-bp1o94dp5i6earr9gabcd.443.json': [
        'slb DescribeLoadBalancerHTTPSListenerAttribute',
      ],
      'slb/DescribeLoadBalancerListeners.json': ['slb DescribeLoadBalancerListeners'],
      'slb/DescribeLoadBalancerTCPListenerAttribute.lb-bp1o94dp5i6earr9gabcd.80.json': [
        'slb DescribeLoadBalancer(TCP|UDP|HTTP|HTTPS)ListenerAttribute',
      ],
      'slb/DescribeLoadBalancerUDPListenerAttribute.lb-bp1o94dp5i6earr9gabcd.53.json': [
        'slb DescribeLoadBalancerUDPListenerAttribute',
      ],
      'slb/DescribeLoadBalancers.json': ['slb DescribeLoadBalancers'],
      'vpc/DescribeEipAddresses.json': ['vpc DescribeEipAddresses'],
      'vpc/DescribeIpv6Addresses.json': ['vpc DescribeIpv6Addresses'],
      'vpc/DescribeIpv6Gateways.json': ['vpc DescribeIpv6Gateways'],
      'vpc/DescribeNatGateways.json': ['vpc DescribeNatGateways'],
      'vpc/DescribeNetworkAclAttributes.nacl-bp1lhl0taikrteen8abcd.json': [
        'vpc DescribeNetworkAclAttributes',
      ],
      'vpc/DescribeNetworkAcls.json': ['vpc DescribeNetworkAcls'],
      'vpc/DescribeRouteEntryList.json': ['vpc DescribeRouteEntryList'],
      'vpc/DescribeRouteTableList.json': ['vpc DescribeRouteTableList'],
      'vpc/DescribeSnatTableEntries.json': ['vpc DescribeSnatTableEntries'],
      'vpc/DescribeVSwitches.json': ['vpc DescribeVSwitches'],
      'vpc/DescribeVpcs.json': ['vpc DescribeVpcs'],
    });
  });

  it('load them all without a problem, into the expected number of resources', () => {
    const { builder } = loadBodies(alibabaAdapters, ...bodies);
    expect(builder.problems).toEqual([]);
    const cloud = builder.cloud;
    expect(Object.fromEntries(Object.entries(cloud).map(([kind, list]) => [kind, list.length]))).toEqual({
      clusters: 1,
      vpcs: 1,
      vSwitches: 2,
      routeTables: 2,
      routeEntries: 4,
      natGateways: 1,
      snatEntries: 3,
      eips: 3,
      ipv6Addresses: 1,
      ipv6Gateways: 1,
      networkAcls: 1,
      ecsInstances: 1,
      networkInterfaces: 2,
      securityGroups: 1,
      rdsInstances: 1,
      loadBalancers: 1,
      accessControlLists: 1,
    });
    expect(cloud.securityGroups[0]?.type).toBe('enterprise');
    expect(
      cloud.securityGroups[0]?.rules?.map((rule) => [rule.direction, rule.priority, rule.policy]),
    ).toEqual([
      ['ingress', 1, 'accept'],
      ['ingress', 100, 'accept'],
      ['egress', 10, 'drop'],
      ['egress', 100, 'accept'],
    ]);
    expect(cloud.rdsInstances[0]?.whitelist?.map((group) => group.entries)).toEqual([
      ['127.0.0.1'],
      ['10.0.64.0/19', '10.0.1.23'],
      ['100.104.0.0/16'],
    ]);
    expect(cloud.rdsInstances[0]?.connections).toEqual([
      {
        connectionString: 'rm-bp1ibu2w8a5hzvabc.mysql.rds.aliyuncs.com',
        ipAddress: '10.0.8.20',
        ipType: 'Private',
        port: 3306,
      },
    ]);
    expect(cloud.clusters[0]?.addons).toEqual([{ name: 'terway-eniip', version: 'v1.9.3' }]);
    expect(
      cloud.loadBalancers[0]?.listeners?.map((listener) => [
        listener.port,
        listener.protocol,
        listener.backendPort,
        listener.aclStatus,
        listener.aclType,
        listener.aclIds,
      ]),
    ).toEqual([
      [53, 'udp', 30053, 'off', undefined, []],
      [80, 'tcp', 30080, 'on', 'white', ['acl-bp1l0kk4gxce43kzabcd']],
      [443, 'https', 30443, 'off', undefined, []],
      [8080, 'http', 30880, 'on', 'black', ['acl-bp1l0kk4gxce43kzabcd']],
    ]);
  });

  it('give the same snapshot whatever the file order', () => {
    const forward = loadBodies(alibabaAdapters, ...bodies).builder;
    const backward = loadBodies(alibabaAdapters, ...[...bodies].reverse()).builder;
    const withoutOrigins = (value: unknown) =>
      JSON.stringify(value, (key, inner: unknown) => (key === 'origin' ? undefined : inner));
    expect(withoutOrigins(backward.cloud)).toBe(withoutOrigins(forward.cloud));
  });
});

describe('alibabaAdapters', () => {
  it('ignore Kubernetes objects and unrelated JSON', () => {
    const { recognised } = loadBodies(
      alibabaAdapters,
      ['pod.json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}'],
      ['list.json', '{"apiVersion": "v1", "kind": "List", "items": []}'],
      ['array.json', '[1, 2, 3]'],
    );
    expect(recognised).toEqual([[], [], []]);
  });

  it('finish once per builder, however many adapters are asked to', () => {
    const builder = emptyBuilder();
    const doc = rawJson('{"Vpcs": {"Vpc": [{"VpcId": "vpc-1"}]}}', 'vpcs.json');
    const adapter = alibabaAdapters.find((candidate) => candidate.recognise(doc) !== undefined);
    adapter?.load(doc, builder);
    for (const each of alibabaAdapters) each.finish?.(builder);
    for (const each of alibabaAdapters) each.finish?.(builder);
    expect(builder.cloud.vpcs.map((vpc) => vpc.id)).toEqual(['vpc-1']);
  });

  it('leave a builder without Alibaba documents untouched', () => {
    const { builder } = runAdapters(alibabaAdapters, []);
    expect(builder.cloud.vpcs).toEqual([]);
    expect(builder.problems).toEqual([]);
  });
});
