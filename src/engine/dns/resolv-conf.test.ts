import { describe, expect, it } from 'vitest';
import { indexSnapshot } from '../snapshot-index.js';
import { WEB_A } from '../test-fixtures/cluster.js';
import { formatResolvConf, type PodResolver, podResolver } from './resolv-conf.js';
import { type DnsFixtureOptions, dnsSnapshot } from './test-fixtures/dns-cluster.js';

function resolverOf(o: DnsFixtureOptions): PodResolver {
  const index = indexSnapshot(dnsSnapshot(o));
  return podResolver(index, index.pod('shop', WEB_A));
}

const SEARCH = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

describe('podResolver', () => {
  it('ClusterFirst (the default): kube-dns ClusterIP, the namespace search list, ndots 5', () => {
    const r = resolverOf({});
    expect(r.nameservers).toEqual([{ address: '192.168.0.10', kind: 'cluster' }]);
    expect(r.searches).toEqual(SEARCH);
    expect(r.ndots).toBe(5);
    expect(formatResolvConf(r)).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 192.168.0.10\noptions ndots:5\n',
    );
  });

  it('Default: the node resolv.conf, i.e. the VPC DNS, no search list, ndots 1', () => {
    const r = resolverOf({ webASpec: '  dnsPolicy: Default' });
    expect(r.nameservers.map((n) => [n.address, n.kind])).toEqual([
      ['100.100.2.136', 'vpc'],
      ['100.100.2.138', 'vpc'],
    ]);
    expect(r.searches).toEqual([]);
    expect(r.ndots).toBe(1);
  });

  it('hostNetwork with ClusterFirst falls back to Default', () => {
    const r = resolverOf({ webASpec: '  hostNetwork: true\n  dnsPolicy: ClusterFirst' });
    expect(r.effective).toBe('Default (hostNetwork with ClusterFirst falls back to the node resolver)');
    expect(r.nameservers[0]?.address).toBe('100.100.2.136');
  });

  it('hostNetwork with ClusterFirstWithHostNet uses the cluster DNS', () => {
    const r = resolverOf({ webASpec: '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet' });
    expect(r.nameservers[0]?.address).toBe('192.168.0.10');
    expect(r.searches).toEqual(SEARCH);
  });

  it('None takes dnsConfig alone; ndots defaults to 1', () => {
    const r = resolverOf({
      webASpec: '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [10.0.0.2]\n    searches: [corp.example]',
    });
    expect(r.nameservers).toEqual([{ address: '10.0.0.2', kind: 'other' }]);
    expect(r.searches).toEqual(['corp.example']);
    expect(r.ndots).toBe(1);
  });

  it('None without dnsConfig: no nameserver at all', () => {
    const r = resolverOf({ webASpec: '  dnsPolicy: None' });
    expect(r.nameservers).toEqual([]);
  });

  it('dnsConfig merges on ClusterFirst: nameservers appended (3 at most), searches deduplicated, options override', () => {
    const r = resolverOf({
      webASpec: `  dnsConfig:
    nameservers: [10.0.0.2, 10.0.0.3, 10.0.0.4]
    searches: [corp.example, svc.cluster.local]
    options: [{name: ndots, value: "2"}, {name: edns0}]`,
    });
    expect(r.nameservers.map((n) => n.address)).toEqual(['192.168.0.10', '10.0.0.2', '10.0.0.3']);
    expect(r.searches).toEqual([...SEARCH, 'corp.example']);
    expect(r.ndots).toBe(2);
    expect(r.options).toEqual([{ name: 'ndots', value: '2' }, { name: 'edns0' }]);
    expect(r.assumptions.map((a) => a.statement)).toContain(
      'more than 3 nameservers: only the first 3 are kept (10.0.0.4 dropped)',
    );
  });

  it('NodeLocal DNSCache: a labelled namespace gets the injected resolver', () => {
    const r = resolverOf({ shopLabels: { 'node-local-dns-injection': 'enabled' }, nodeLocalDaemonSet: true });
    expect(r.nodeLocal).toBe('webhook');
    expect(r.nameservers).toEqual([
      { address: '169.254.20.10', kind: 'node-local' },
      { address: '192.168.0.10', kind: 'cluster' },
    ]);
    expect(r.ndots).toBe(3);
    expect(r.options).toEqual([
      { name: 'ndots', value: '3' },
      { name: 'attempts', value: '2' },
      { name: 'timeout', value: '1' },
    ]);
    expect(r.searches).toEqual(SEARCH);
  });

  it('NodeLocal DNSCache: the pod opt-out label keeps ClusterFirst', () => {
    const r = resolverOf({
      shopLabels: { 'node-local-dns-injection': 'enabled' },
      webALabels: { 'node-local-dns-injection': 'disabled' },
      nodeLocalDaemonSet: true,
    });
    expect(r.nodeLocal).toBeNull();
    expect(r.nameservers.map((n) => n.address)).toEqual(['192.168.0.10']);
  });

  it('NodeLocal DNSCache: no injection without the namespace label', () => {
    expect(resolverOf({ nodeLocalDaemonSet: true }).nodeLocal).toBeNull();
  });

  it('NodeLocal DNSCache: a pod spec that already shows the injection is taken as it is', () => {
    const r = resolverOf({
      webASpec: `  dnsPolicy: None
  dnsConfig:
    nameservers: [169.254.20.10, 192.168.0.10]
    searches: [shop.svc.cluster.local, svc.cluster.local, cluster.local]
    options: [{name: ndots, value: "3"}, {name: attempts, value: "2"}, {name: timeout, value: "1"}]`,
    });
    expect(r.nodeLocal).toBe('spec');
    expect(r.ndots).toBe(3);
    expect(r.sources.nameservers).toContain('NodeLocal DNSCache webhook');
  });

  it('kube-dns missing from the snapshot: a placeholder nameserver and an assumption', () => {
    const r = resolverOf({ kubeDns: false });
    expect(r.nameservers).toEqual([{ address: 'kube-dns-clusterip-unknown', kind: 'cluster' }]);
    expect(r.assumptions[0]?.statement).toContain('kube-dns Service');
  });
});
