import { describe, expect, it } from 'vitest';
import type { NetworkAcl, NetworkAclEntry } from '../model/cloud.js';
import { evaluateNetworkAcl, type NetworkAclQuery } from './network-acl.js';

const origin = { file: 'acl.json', path: '' };

function entry(id: string, fields: Partial<NetworkAclEntry>): NetworkAclEntry {
  return {
    id,
    policy: 'accept',
    protocol: 'all',
    portRange: '-1/-1',
    cidr: '0.0.0.0/0',
    ipVersion: 'IPv4',
    origin,
    ...fields,
  };
}

function acl(egress: NetworkAclEntry[], ingress: NetworkAclEntry[] = []): NetworkAcl {
  return { id: 'nacl-1', ingress, egress, vSwitchIds: ['vsw-pod'], origin };
}

const mysql: NetworkAclQuery = { family: 4, protocol: 'tcp', port: 3306, peer: '10.0.8.5' };
const https: NetworkAclQuery = { family: 4, protocol: 'tcp', port: 443, peer: '140.82.112.5' };

describe('evaluateNetworkAcl', () => {
  const sample = acl([
    entry('nae-deny-db', { policy: 'drop', protocol: 'tcp', portRange: '3306/3306', cidr: '10.0.8.0/24' }),
    entry('nae-allow-all', {}),
  ]);

  it('the first matching entry decides (drop before a later accept)', () => {
    const decision = evaluateNetworkAcl(sample, 'egress', mysql);
    expect(decision.verdict).toBe('drop');
    expect(decision.entry?.id).toBe('nae-deny-db');
    expect(decision.reason).toBe(
      'egress entry nae-deny-db of nacl-1 (position 1, drop tcp 3306 to 10.0.8.0/24) matches first',
    );
  });

  it('an earlier entry that does not match is passed over', () => {
    const decision = evaluateNetworkAcl(sample, 'egress', https);
    expect(decision.verdict).toBe('accept');
    expect(decision.entry?.id).toBe('nae-allow-all');
  });

  it('order matters: an accept placed first wins', () => {
    const reversed = acl([...sample.egress].reverse());
    expect(evaluateNetworkAcl(reversed, 'egress', mysql).verdict).toBe('accept');
  });

  it('the port range matches the destination port only', () => {
    const web = acl([entry('nae-web', { protocol: 'tcp', portRange: '443/443' })]);
    expect(evaluateNetworkAcl(web, 'egress', https).verdict).toBe('accept');
    expect(evaluateNetworkAcl(web, 'egress', { ...https, port: 80 }).verdict).toBe('drop');
  });

  it('protocol all matches every protocol; tcp does not match udp', () => {
    const all = acl([entry('nae-all', {})]);
    expect(evaluateNetworkAcl(all, 'egress', { ...https, protocol: 'udp', port: 53 }).verdict).toBe('accept');
    const tcp = acl([entry('nae-tcp', { protocol: 'tcp', portRange: '1/65535' })]);
    expect(evaluateNetworkAcl(tcp, 'egress', { ...https, protocol: 'udp', port: 53 }).verdict).toBe('drop');
  });

  it('an IPv4 entry does not match IPv6 traffic, an IPv6 entry does', () => {
    const query: NetworkAclQuery = { family: 6, protocol: 'tcp', port: 443, peer: '2001:db8::1' };
    expect(evaluateNetworkAcl(acl([entry('nae-v4', {})]), 'egress', query).verdict).toBe('drop');
    const v6 = acl([entry('nae-v6', { cidr: '::/0', ipVersion: 'IPv6' })]);
    expect(evaluateNetworkAcl(v6, 'egress', query).verdict).toBe('accept');
  });

  it('ICMP entries match ICMP of their family and ignore ports', () => {
    const icmp = acl([entry('nae-icmp', { protocol: 'icmp', portRange: '-1/-1' })]);
    expect(evaluateNetworkAcl(icmp, 'egress', { ...https, protocol: 'icmp', port: null }).verdict).toBe(
      'accept',
    );
    expect(evaluateNetworkAcl(icmp, 'egress', https).verdict).toBe('drop');
  });

  it('no matching entry means drop (default deny), also for an ACL without entries', () => {
    const decision = evaluateNetworkAcl(acl([]), 'egress', https);
    expect(decision.verdict).toBe('drop');
    expect(decision.entry).toBeUndefined();
    expect(decision.reason).toBe(
      'no egress entry of nacl-1 matches TCP 443 to 140.82.112.5; network ACLs deny by default',
    );
  });

  it('ingress reads the ingress entries only', () => {
    const inbound = acl([], [entry('nae-in', { protocol: 'tcp', portRange: '1024/65535' })]);
    const reply: NetworkAclQuery = { family: 4, protocol: 'tcp', port: 40000, peer: '140.82.112.5' };
    expect(evaluateNetworkAcl(inbound, 'ingress', reply).verdict).toBe('accept');
    expect(evaluateNetworkAcl(inbound, 'egress', reply).verdict).toBe('drop');
  });

  it('the VPC DNS servers and the metadata server are exempt', () => {
    const denyAll = acl([entry('nae-deny', { policy: 'drop' })]);
    const dns = evaluateNetworkAcl(denyAll, 'egress', {
      family: 4,
      protocol: 'udp',
      port: 53,
      peer: '100.100.2.136',
    });
    expect(dns).toMatchObject({ verdict: 'accept', exempt: 'vpc-dns' });
    expect(evaluateNetworkAcl(denyAll, 'egress', { ...https, peer: '100.100.2.115' }).exempt).toBe('vpc-dns');
    const meta = evaluateNetworkAcl(denyAll, 'egress', { ...https, port: 80, peer: '100.100.100.200' });
    expect(meta).toMatchObject({ verdict: 'accept', exempt: 'metaserver' });
  });

  it('an address next to the exempt ranges is not exempt', () => {
    const denyAll = acl([entry('nae-deny', { policy: 'drop' })]);
    const decision = evaluateNetworkAcl(denyAll, 'egress', { ...https, peer: '100.100.2.144' });
    expect(decision.verdict).toBe('drop');
    expect(decision.exempt).toBeUndefined();
    expect(evaluateNetworkAcl(denyAll, 'egress', { ...https, peer: '100.100.100.201' }).verdict).toBe('drop');
  });

  it('traffic inside the vSwitch is exempt, traffic leaving it is not', () => {
    const denyAll = acl([entry('nae-deny', { policy: 'drop' })]);
    const inside = evaluateNetworkAcl(denyAll, 'egress', {
      ...mysql,
      peer: '10.0.64.9',
      vSwitchCidrs: ['10.0.64.0/19'],
    });
    expect(inside).toMatchObject({ verdict: 'accept', exempt: 'same-vswitch' });
    expect(evaluateNetworkAcl(denyAll, 'egress', { ...mysql, vSwitchCidrs: ['10.0.64.0/19'] }).verdict).toBe(
      'drop',
    );
  });

  it('a prefix-list entry ahead of the decider with another policy makes it unknown', () => {
    const withList = acl([entry('nae-pl', { policy: 'drop', cidr: 'pl-abc' }), entry('nae-allow', {})]);
    const decision = evaluateNetworkAcl(withList, 'egress', https, { regionId: 'cn-hangzhou' });
    expect(decision.verdict).toBe('unknown');
    expect(decision.missing).toEqual([
      'aliyun vpc GetVpcPrefixListEntries --RegionId cn-hangzhou --PrefixListId pl-abc',
    ]);
  });

  it('a prefix-list entry with the same policy as the decider does not matter', () => {
    const withList = acl([entry('nae-pl', { policy: 'accept', cidr: 'pl-abc' }), entry('nae-allow', {})]);
    expect(evaluateNetworkAcl(withList, 'egress', https).verdict).toBe('accept');
  });

  it('entries that cannot be read are passed over and reported', () => {
    const broken = acl([entry('nae-bad', { policy: 'drop', cidr: 'nonsense' }), entry('nae-allow', {})]);
    const decision = evaluateNetworkAcl(broken, 'egress', https);
    expect(decision.verdict).toBe('accept');
    expect(decision.skipped?.map((s) => [s.entry.id, s.why])).toEqual([
      ['nae-bad', 'nonsense is not a CIDR'],
    ]);
  });
});
