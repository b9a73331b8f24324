import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;
const drop443 = (priority: number) => ({
  id: 'sgr-drop-443',
  direction: 'egress' as const,
  policy: 'Drop' as const,
  priority,
  protocol: 'TCP',
  ports: '443/443',
  cidr: '0.0.0.0/0',
});

describe('egress-security-group hop', () => {
  it('a Drop rule of better priority than the Accept-all blocks, naming the rule', () => {
    const t = trace({ sgRules: { 'sg-pod': [drop443(10)] } }, FROM, '140.82.112.5');
    expect(t.blockedAt?.kind).toBe('egress-security-group');
    expect(t.blockedAt?.rule?.id).toBe('sgr-drop-443');
    expect(t.blockedAt?.rule?.origin?.file).toBe('alibaba/ecs-DescribeSecurityGroupAttribute.sg-pod.json');
  });

  it('at equal priority Drop beats Accept', () => {
    const t = trace({ sgRules: { 'sg-pod': [drop443(100)] } }, FROM, '140.82.112.5');
    expect(t.blockedAt?.rule?.id).toBe('sgr-drop-443');
  });

  it('a Drop of worse priority than the Accept does not block', () => {
    const accept1 = { ...drop443(1), id: 'sgr-accept-443', policy: 'Accept' as const };
    const t = trace({ sgRules: { 'sg-pod': [drop443(50), accept1] } }, FROM, '140.82.112.5');
    expect(hop(t, 'egress-security-group').rule?.id).toBe('sgr-accept-443');
    expect(t.verdict).toBe('reachable');
  });

  it('Flannel: the node groups decide, not the Terway pod groups', () => {
    const onNode = trace({ cni: 'flannel', sgRules: { 'sg-node': [drop443(10)] } }, FROM, '140.82.112.5');
    expect(onNode.blockedAt?.kind).toBe('egress-security-group');
    const onPodGroup = trace({ cni: 'flannel', sgRules: { 'sg-pod': [drop443(10)] } }, FROM, '140.82.112.5');
    expect(onPodGroup.verdict).toBe('reachable');
  });

  it('IPv6 packets are matched by the IPv6 CIDR fields only', () => {
    const drop6 = {
      id: 'sgr-drop6',
      direction: 'egress' as const,
      policy: 'Drop' as const,
      priority: 1,
      protocol: 'ALL',
      ports: '-1/-1',
      ipv6Cidr: '::/0',
    };
    const options = { ipStack: 'dual' as const, ipv6Bandwidth: true, sgRules: { 'sg-pod': [drop6] } };
    expect(trace(options, FROM, '2606:4700::10').blockedAt?.rule?.id).toBe('sgr-drop6');
    expect(trace(options, FROM, '140.82.112.5').verdict).toBe('reachable');
  });

  it('group rules not in the snapshot: unknown with the aliyun command', () => {
    const t = trace({ omit: ['ecs-DescribeSecurityGroupAttribute.sg-pod.json'] }, FROM, '140.82.112.5');
    expect(t.verdict).toBe('unknown');
    expect(hop(t, 'egress-security-group').result).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'egress-security-group',
      what: 'the rules of security group sg-pod',
      collect:
        'aliyun ecs DescribeSecurityGroupAttribute --RegionId cn-hangzhou --SecurityGroupId sg-pod --Direction all',
    });
  });
});
