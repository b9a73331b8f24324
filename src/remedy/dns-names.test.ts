/**
 * DNS blockers fixed by a close name (NXDOMAIN) or by the Terway host_stack_cidrs edit NodeLocal DNSCache needs.
 * Fixture: src/engine/dns/test-fixtures/dns-cluster.ts (CoreDNS, kube-dns 192.168.0.10; Services shop/api, shop/api-lb).
 */
import { describe, expect, it } from 'vitest';
import { dnsSnapshot } from '../engine/dns/test-fixtures/dns-cluster.js';
import { check } from '../engine/index.js';
import { WEB_A } from '../engine/test-fixtures/cluster.js';
import { type QueryExtras, query } from '../engine/test-fixtures/query.js';
import type { Snapshot, Trace } from '../model/index.js';
import { attachResultFixes } from './attach.js';
import { ONLY_NODE_LOCAL } from './test-fixtures/manifests.js';

function fixed(snapshot: Snapshot, to: string, extras: QueryExtras = {}): Trace {
  const q = query(`shop/${WEB_A}`, to, extras);
  const result = attachResultFixes(snapshot, q, check(snapshot, q), check);
  if (!result.ok || !('trace' in result)) throw new Error('expected a trace');
  return result.trace;
}

describe('NXDOMAIN: use a close name the snapshot knows', () => {
  it('the Service exists in another namespace: the same form in that namespace, proven', () => {
    const t = fixed(dnsSnapshot({}), 'api.default.svc.cluster.local', { port: 80 });
    expect(t.verdict).toBe('unresolved');
    const fixes = t.blockedAt?.fixes ?? [];
    expect(fixes.map((f) => [f.kind, f.summary, f.commands])).toEqual([
      [
        'use-name',
        'connect to api.shop.svc.cluster.local instead of api.default.svc.cluster.local, which does not exist (Service api exists in namespace shop, not in default)',
        [],
      ],
    ]);
    expect(fixes[0]?.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
  });

  it('a typo in a Service name: the name one edit away', () => {
    const t = fixed(dnsSnapshot({}), 'apii.shop.svc.cluster.local', { port: 80 });
    expect(t.blockedAt?.fixes.map((f) => f.summary)).toEqual([
      'connect to api.shop.svc.cluster.local instead of apii.shop.svc.cluster.local, which does not exist (api.shop.svc.cluster.local exists, 1 edit from apii.shop.svc.cluster.local)',
    ]);
  });
});

describe('NodeLocal DNSCache not reached on Terway DataPathV2', () => {
  it('host_stack_cidrs gains 169.254.20.10/32, the rest of 10-terway.conf kept; proven on the original query', () => {
    const snapshot = dnsSnapshot({
      shopLabels: { 'node-local-dns-injection': 'enabled' },
      nodeLocalDaemonSet: true,
      terwayConf: '{"cniVersion":"0.4.0","name":"terway","type":"terway","eniip_virtual_type":"datapathv2"}',
      objects: [ONLY_NODE_LOCAL],
    });
    const t = fixed(snapshot, 'api.example.com');
    expect(t.blockedAt?.kind).toBe('dns');
    const fix = t.blockedAt?.fixes.find((f) => f.kind === 'terway-host-stack-cidrs');
    expect(fix?.commands).toEqual([
      `kubectl -n kube-system patch configmap eni-config --type merge -p '{"data":{"10-terway.conf":"{\\"cniVersion\\":\\"0.4.0\\",\\"name\\":\\"terway\\",\\"type\\":\\"terway\\",\\"eniip_virtual_type\\":\\"datapathv2\\",\\"host_stack_cidrs\\":[\\"169.254.20.10/32\\"]}"}}'`,
    ]);
    expect(fix?.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.10' });
    expect(fix?.tradeoffs).toBe(
      'cluster-wide, what ACK "Configure NodeLocal DNSCache" says for Terway IPvlan/DataPathV2; the rest of 10-terway.conf is kept, re-serialised as compact JSON; Terway writes 10-terway.conf to the nodes when its pods start, so restart the Terway DaemonSet pods; its CNI plugin applies host_stack_cidrs when it sets up a pod’s network, so pods already running may keep the old path until re-created (which restarts are needed is not in ACK’s docs: not confirmed)',
    );
  });

  it('no fix when host_stack_cidrs is there but not a list: the file cannot be edited safely', () => {
    const snapshot = dnsSnapshot({
      shopLabels: { 'node-local-dns-injection': 'enabled' },
      nodeLocalDaemonSet: true,
      terwayConf:
        '{"cniVersion":"0.4.0","type":"terway","eniip_virtual_type":"datapathv2","host_stack_cidrs":"10.0.0.0/8"}',
      objects: [ONLY_NODE_LOCAL],
    });
    const t = fixed(snapshot, 'api.example.com');
    expect(t.blockedAt?.kind).toBe('dns');
    expect(t.blockedAt?.fixes.map((f) => f.kind)).toEqual([]);
  });
});
