/**
 * Every CIDR or address the snapshot writes into a rule (security groups, whitelists, ACLs, NetworkPolicy ipBlocks,
 * third-party allow-lists, SNAT sources, vSwitches, routes). Two source addresses contained in exactly the same of
 * these cannot be told apart by any address-matching rule, which is what lets a matrix trace one pod per class.
 */
import type { Snapshot } from '../model/snapshot.js';
import { type Cidr, cidrContains, parseCidr, parseIp } from '../net/ip.js';

function asCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  if (trimmed.includes('/')) return parseCidr(trimmed);
  const ip = parseIp(trimmed);
  return ip === undefined ? undefined : parseCidr(`${ip.text}/${ip.family === 4 ? 32 : 128}`);
}

export function ruleCidrs(snapshot: Snapshot): readonly { readonly text: string; readonly cidr: Cidr }[] {
  const texts = new Set<string>();
  const add = (value: string | undefined) => {
    if (value !== undefined && value !== '') texts.add(value);
  };
  const c = snapshot.cloud;
  for (const group of c.securityGroups) {
    for (const r of group.rules ?? []) {
      add(r.cidr);
      add(r.ipv6Cidr);
    }
  }
  for (const rds of c.rdsInstances) for (const g of rds.whitelist ?? []) for (const e of g.entries) add(e);
  for (const acl of c.accessControlLists) for (const e of acl.entries) add(e.cidr);
  for (const nacl of c.networkAcls) for (const e of [...nacl.ingress, ...nacl.egress]) add(e.cidr);
  for (const s of c.snatEntries) add(s.sourceCidr);
  for (const v of c.vSwitches) {
    add(v.cidrBlock);
    add(v.ipv6CidrBlock);
  }
  for (const r of c.routeEntries) add(r.destinationCidr);
  for (const policy of snapshot.kubernetes.networkPolicies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        add(peer.ipBlock?.cidr);
        for (const e of peer.ipBlock?.except ?? []) add(e);
      }
    }
  }
  for (const list of snapshot.world.allowLists) for (const s of list.allowedSources) add(s);
  const out: { text: string; cidr: Cidr }[] = [];
  for (const text of [...texts].sort()) {
    const cidr = asCidr(text);
    if (cidr !== undefined) out.push({ text, cidr });
  }
  return out;
}

/** The rule CIDRs holding `address`, joined: equal signatures mean no address rule tells the two apart. */
export function cidrSignature(
  cidrs: readonly { readonly text: string; readonly cidr: Cidr }[],
  address: string | undefined,
): string {
  if (address === undefined) return '-';
  const ip = parseIp(address);
  if (ip === undefined) return '?';
  return cidrs
    .filter((c) => c.cidr.family === ip.family && cidrContains(c.cidr, ip))
    .map((c) => c.text)
    .join(',');
}
