import { describe, expect, it } from 'vitest';
import type { ClusterFacts } from '../../model/cluster-facts.js';
import type { Snapshot } from '../../model/snapshot.js';
import { emptyBuilder } from '../snapshot-builder.js';
import { computeGaps } from './gaps.js';
import { warnPodIpsOutsideVSwitches } from './pod-addresses.js';
import { cloudWith, configMap, daemonSet, facts, kubernetesFrom, vSwitch } from './test-support.js';

function gapsOf(parts: Partial<Omit<Snapshot, 'facts'>>, f: ClusterFacts) {
  const { kubernetes, cloud, world } = emptyBuilder();
  return computeGaps({ kubernetes, cloud, world, ...parts }, f);
}

describe('computeGaps', () => {
  const terway = kubernetesFrom(
    daemonSet('terway-eniip'),
    configMap('eni-config', { eni_conf: JSON.stringify({ security_group: 'sg-pods', vswitches: {} }) }),
  );
  const cloud = cloudWith({
    natGateways: [
      {
        id: 'ngw-1',
        vpcId: 'vpc-1',
        networkType: 'internet',
        snatTableIds: ['stb-1'],
        ipList: [],
        origin: { file: 'DescribeNatGateways.json', path: '' },
      },
    ],
    rdsInstances: [{ id: 'rm-abc', connections: [], origin: { file: 'DescribeDBInstances.json', path: '' } }],
  });
  const { facts: f } = facts(terway, cloud);
  const gaps = gapsOf({ kubernetes: terway, cloud }, f);

  it('asks for network ACLs until a DescribeNetworkAcls body, even an empty one, is in the snapshot', () => {
    const acl = (g: { missing: string }[]) => g.filter((x) => x.missing.startsWith('network ACLs:'));
    expect(acl(gaps)).toHaveLength(1);
    const { world } = emptyBuilder();
    const answered = computeGaps(
      { kubernetes: terway, cloud, world },
      f,
      new Set(['vpc DescribeNetworkAcls']),
    );
    expect(acl(answered)).toEqual([]);
  });

  it('asks for the SNAT entries of each SNAT table with the exact command', () => {
    expect(gaps).toContainEqual({
      check: 'NAT/SNAT',
      missing:
        'SNAT entries of ngw-1: aliyun vpc DescribeSnatTableEntries --RegionId <region-id> --SnatTableId stb-1 > DescribeSnatTableEntries.stb-1.json',
    });
  });

  it('asks for the rules of the security group Terway puts on pod ENIs', () => {
    expect(gaps).toContainEqual({
      check: 'security groups',
      missing:
        'rules of sg-pods: aliyun ecs DescribeSecurityGroupAttribute --RegionId <region-id> --SecurityGroupId sg-pods > DescribeSecurityGroupAttribute.sg-pods.json',
    });
  });

  it('asks for an RDS whitelist in a file named after the instance', () => {
    expect(gaps).toContainEqual({
      check: 'VPC resource whitelists',
      missing:
        'whitelist of rm-abc: aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId rm-abc > DescribeDBInstanceIPArrayList.rm-abc.json',
    });
  });

  it('does not ask for what is there', () => {
    expect(
      gaps.some((g) => g.check === 'NAT/SNAT' && g.missing.startsWith('aliyun vpc DescribeNatGateways')),
    ).toBe(false);
    expect(gaps.some((g) => g.check === 'cluster facts: cni')).toBe(false);
  });

  it('asks for LoadBalancers only when a LoadBalancer Service exists', () => {
    const lbService = kubernetesFrom(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: x}\nspec: {type: LoadBalancer}\n',
    );
    const withLb = gapsOf({ kubernetes: lbService }, facts(lbService).facts);
    expect(withLb.filter((g) => g.check === 'in-cluster LB').map((g) => g.missing)[0]).toBe(
      'aliyun slb DescribeLoadBalancers --RegionId <region-id> --VpcId <vpc-id> > DescribeLoadBalancers.json',
    );
    expect(gaps.some((g) => g.check === 'in-cluster LB')).toBe(false);
  });
});

describe('computeGaps on Flannel', () => {
  it('asks for no Terway data and no PodEIP (Flannel cannot give a pod an EIP)', () => {
    const k8s = kubernetesFrom(
      daemonSet('kube-flannel-ds'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: x}\nspec: {type: LoadBalancer}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x, annotations: {k8s.aliyun.com/pod-with-eip: "true"}}\n',
    );
    const gaps = gapsOf({ kubernetes: k8s }, facts(k8s).facts);
    expect(gaps.filter((g) => g.missing.includes('eni-config') || g.missing.includes('podeips'))).toEqual([]);
    expect(gaps).toContainEqual({
      check: 'cluster facts: ipStack',
      missing: 'aliyun cs GET /clusters/<cluster-id> > DescribeClusterDetail.json',
    });
  });
});

describe('warnPodIpsOutsideVSwitches', () => {
  const pod = (ip: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nstatus: {podIP: ${ip}, phase: Running}\n`;

  it('warns about a Terway pod IP outside every vSwitch, naming both places', () => {
    const k8s = kubernetesFrom(daemonSet('terway-eniip'), pod('10.9.0.5'));
    const cloud = cloudWith({ vSwitches: [vSwitch('vsw-a', '10.0.64.0/19')] });
    const { facts: f, problems } = facts(k8s, cloud);
    warnPodIpsOutsideVSwitches(k8s, cloud, f, problems);
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      [
        'k8s-1.yaml',
        'Pod x/p has IP 10.9.0.5, outside every vSwitch of the snapshot: vsw-a 10.0.64.0/19 (DescribeVSwitches at DescribeVSwitches.json (VSwitches.VSwitch[vsw-a]))',
      ],
    ]);
  });

  it('is quiet for a pod inside a vSwitch, and on Flannel', () => {
    const inside = kubernetesFrom(daemonSet('terway-eniip'), pod('10.0.64.5'));
    const flannel = kubernetesFrom(daemonSet('kube-flannel-ds'), pod('172.20.1.5'));
    const cloud = cloudWith({ vSwitches: [vSwitch('vsw-a', '10.0.64.0/19')] });
    for (const k8s of [inside, flannel]) {
      const { facts: f, problems } = facts(k8s, cloud);
      warnPodIpsOutsideVSwitches(k8s, cloud, f, problems);
      expect(problems).toEqual([]);
    }
  });
});
