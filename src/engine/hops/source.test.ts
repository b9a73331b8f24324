import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { fixtureSnapshot, WEB_A } from '../test-fixtures/cluster.js';
import { hop, query, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

describe('source hop', () => {
  it('Terway pod: its own IP, the ENI holding it, that ENI vSwitch and groups', () => {
    const t = trace({}, FROM, '10.0.8.30', { port: 8080 });
    const source = hop(t, 'source');
    expect(source.result).toBe('pass');
    expect(source.packet.src).toBe('10.0.64.11');
    expect(source.rule?.id).toBe('eni-a1');
    expect(source.details).toMatchObject({
      node: 'cn-hangzhou.10.0.1.11',
      instance: 'i-a',
      eni: 'eni-a1',
      vSwitch: 'vsw-pod-a',
      securityGroups: ['sg-pod'],
      cni: 'terway',
      terwayMode: 'datapathv2',
    });
  });

  it('Flannel pod: the node primary ENI, its vSwitch and groups', () => {
    const source = hop(trace({ cni: 'flannel' }, FROM, '10.0.8.30', { port: 8080 }), 'source');
    expect(source.packet.src).toBe('172.20.0.11');
    expect(source.details).toMatchObject({
      eni: 'eni-a0',
      vSwitch: 'vsw-node-a',
      securityGroups: ['sg-node'],
      cni: 'flannel',
    });
  });

  it('hostNetwork pod on Terway: the node IP and primary ENI', () => {
    const source = hop(trace({}, 'monitoring/exporter-a', '10.0.8.30', { port: 8080 }), 'source');
    expect(source.packet.src).toBe('10.0.1.11');
    expect(source.details).toMatchObject({ eni: 'eni-a0', securityGroups: ['sg-node'] });
  });

  it('Terway pod whose ENI is not in the snapshot: the eni-config security groups', () => {
    const source = hop(
      trace({ omit: ['ecs-DescribeNetworkInterfaces.json'] }, FROM, '10.0.8.30', { port: 8080 }),
      'source',
    );
    expect(source.details?.securityGroups).toEqual(['sg-pod']);
    expect(source.details?.securityGroupsFrom).toMatch(/^eni-config security_group\(s\)/);
    expect(source.details?.vSwitch).toBe('vsw-pod-a');
  });

  it('Terway trunk pod matched by a PodNetworking: its securityGroupIDs when the ENI is unknown', () => {
    const podNetworking = `apiVersion: network.alibabacloud.com/v1beta1
kind: PodNetworking
metadata: {name: web-net}
spec:
  selector:
    podSelector: {matchLabels: {app: web}}
  vSwitchOptions: [vsw-pod-a]
  securityGroupIDs: [sg-legacy]
`;
    const t = trace(
      { omit: ['ecs-DescribeNetworkInterfaces.json'], objects: [podNetworking] },
      FROM,
      '10.0.8.30',
      { port: 8080 },
    );
    expect(hop(t, 'source').details).toMatchObject({
      securityGroups: ['sg-legacy'],
      securityGroupsFrom: 'PodNetworking web-net securityGroupIDs',
    });
    // sg-legacy is enterprise with no egress rule: the pod cannot send.
    expect(t.blockedAt?.kind).toBe('egress-security-group');
  });

  it('dual-stack pod asked for IPv6 sends from its IPv6 address', () => {
    const source = hop(trace({ ipStack: 'dual', ipv6Bandwidth: true }, FROM, '2606:4700::10'), 'source');
    expect(source.packet.src).toBe('2408:4005:3a0:b810::11');
    expect(source.packet.family).toBe(6);
  });

  it('an unknown pod is a query error naming close matches', () => {
    const result = check(fixtureSnapshot(), query('shop/web-6b7c8d9f5-aaaab', '10.0.8.30'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('pod shop/web-6b7c8d9f5-aaaab is not in the snapshot');
    expect(result.error.hint).toContain(`shop/${WEB_A}`);
  });

  it('an address source runs only the hops that apply', () => {
    const t = trace({}, '10.0.8.30', '140.82.112.5');
    expect(hop(t, 'egress-policy').result).toBe('skip');
    expect(hop(t, 'egress-policy').reason).toContain('not part of the question');
    expect(hop(t, 'source-nat').result).toBe('skip');
    // sg-legacy is an enterprise group with no egress rule: its default denies.
    expect(t.blockedAt?.kind).toBe('egress-security-group');
  });
});

describe('source hop: exclusive ENI node pools', () => {
  it('a pod on an exclusive-ENI node is exclusive-eni mode, and NetworkPolicy is not enforced for it', () => {
    const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
    const t = trace(
      { nodeALabels: { 'k8s.aliyun.com/exclusive-mode-eni-type': 'eniOnly' }, objects: [deny] },
      FROM,
      '140.82.112.5',
    );
    expect(hop(t, 'source').details?.terwayMode).toBe('exclusive-eni');
    expect(hop(t, 'egress-policy').result).toBe('pass');
    expect(hop(t, 'egress-policy').reason).toContain('not enforced');
  });
});
