import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/kubernetes.js';
import { parseIp } from '../../net/ip.js';
import { classifyPeers, strictIpv4 } from './peer-classes.js';

const origin = { file: 'peers.yaml', path: '' };

describe('strictIpv4', () => {
  it('reads dotted quads and refuses what parseIp refuses', () => {
    expect(strictIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(strictIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(strictIpv4('0.0.0.0')).toBe(0);
    for (const text of [
      '010.0.0.1',
      '10.1',
      '256.0.0.1',
      '10.0.0.1/32',
      ' 10.0.0.1',
      'fd00::1',
      '1.2.3.4.5',
    ]) {
      expect(strictIpv4(text)).toBeUndefined();
    }
  });

  it('whatever it accepts, parseIp reads as the same IPv4 value (property)', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '01', '007', '1000', ''));
    fc.assert(
      fc.property(fc.array(part, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        const value = strictIpv4(text);
        if (value === undefined) return;
        const parsed = parseIp(text);
        expect(parsed?.family).toBe(4);
        expect(parsed?.value).toBe(BigInt(value));
      }),
    );
  });
});

function pod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  ips: string[],
  hostNetwork = false,
): Pod {
  return {
    namespace,
    name,
    labels,
    annotations: {},
    hostNetwork,
    ips,
    ...(hostNetwork ? { hostIP: ips[0] ?? '' } : {}),
    dnsPolicy: 'ClusterFirst',
    containerPorts: [],
    origin,
  };
}

describe('classifyPeers', () => {
  const policies = [
    {
      namespace: 'x',
      name: 'p',
      podSelector: { matchLabels: {}, matchExpressions: [] },
      policyTypes: ['Ingress' as const],
      policyTypesExplicit: true,
      ingress: [
        {
          peers: [
            { podSelector: { matchLabels: { app: 'a' }, matchExpressions: [] } },
            { ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.128/25'] } },
          ],
          ports: [],
          origin,
        },
      ],
      egress: [],
      origin,
    },
  ];

  it('splits pods by namespace, read labels and ipBlock membership (any IP), host-network pods by address', () => {
    const pods = [
      pod('a1', 'x', { app: 'a', other: '1' }, ['10.0.0.1']),
      pod('a2', 'x', { app: 'a', other: '2' }, ['10.0.0.2']),
      pod('a3', 'x', { app: 'a' }, ['10.0.0.200']),
      pod('a4', 'x', { app: 'a' }, ['10.0.0.200', 'fd00::1', '10.0.0.3']),
      pod('b1', 'x', { app: 'b' }, ['10.0.0.4']),
      pod('a5', 'y', { app: 'a' }, ['10.0.0.5']),
      pod('h1', 'x', { app: 'a' }, ['10.0.0.6'], true),
      pod('h2', 'y', { app: 'b' }, ['10.0.0.7'], true),
    ];
    const peering = classifyPeers(pods, policies, (ns) => ({ 'kubernetes.io/metadata.name': ns }));
    const classOf = [...peering.classOf];
    // a1, a2 (unread label differs) and a4 (one IP in the block) share a class; a3 is excepted.
    expect(classOf).toEqual([0, 0, 1, 0, 2, 3, 4, 4]);
    expect(peering.classes.map((c) => c.size)).toEqual([3, 1, 1, 1, 2]);
    expect(peering.classes[4]?.representative).toEqual({
      kind: 'address',
      address: '10.0.0.6',
      nodeIp: true,
    });
    expect([...(peering.byNamespace.get('x') ?? [])]).toEqual([0, 1, 2]);
  });
});
