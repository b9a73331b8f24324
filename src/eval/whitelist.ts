/**
 * Destination-side source-address filters (shared/reference/alibaba-semantics.md §8): RDS whitelists, CLB listener
 * ACLs, and the allow-lists of third parties declared in world.yaml.
 */
import type { AccessControlList, LoadBalancerListener, RdsWhitelistGroup } from '../model/cloud.js';
import type { Protocol } from '../model/protocol.js';
import type { ThirdPartyAllowList } from '../model/world.js';
import { cidrContains, parseCidr, parseIp } from '../net/ip.js';

export type RdsWhitelistResult =
  | {
      readonly admitted: true;
      readonly group: RdsWhitelistGroup;
      readonly entry: string;
      readonly reason: string;
    }
  | { readonly admitted: false; readonly reason: string; readonly notes?: readonly string[] };

function isDefaultLoopback(entry: string): boolean {
  return entry === '127.0.0.1' || entry === '127.0.0.1/32';
}

/**
 * Whether an RDS instance admits `ip`: it does when any entry of any group contains it ("If you add an IP address
 * range, such as 10.10.10.0/24, any IP address in the 10.10.10.X format can access"). A bare IP is /32; the default
 * `127.0.0.1` admits nobody ("no devices are allowed to access"); bare `0.0.0.0` also admits nobody and is the
 * documented common mistake for `0.0.0.0/0`.
 */
export function rdsWhitelistAdmits(groups: readonly RdsWhitelistGroup[], ip: string): RdsWhitelistResult {
  const address = parseIp(ip);
  if (address === undefined) return { admitted: false, reason: `${ip} is not an IP address` };
  const notes: string[] = [];
  let onlyLoopback = true;
  for (const group of groups) {
    for (const raw of group.entries) {
      const entry = raw.trim();
      if (entry === '') continue;
      if (isDefaultLoopback(entry)) continue;
      onlyLoopback = false;
      if (entry === '0.0.0.0') {
        notes.push(
          `group ${group.name} lists 0.0.0.0, which admits nobody; the documented form for every address is 0.0.0.0/0`,
        );
        continue;
      }
      const cidr = parseCidr(entry);
      if (cidr === undefined) {
        notes.push(`group ${group.name} lists ${entry}, which is not an IP address or CIDR`);
        continue;
      }
      if (cidrContains(cidr, address)) {
        return {
          admitted: true,
          group,
          entry,
          reason: `${address.text} is in whitelist group ${group.name} entry ${entry}`,
        };
      }
    }
  }
  const reason = onlyLoopback
    ? `the whitelist holds only the default 127.0.0.1, which admits nobody; ${address.text} must be added`
    : `${address.text} is in no entry of any whitelist group (${groups.map((group) => group.name).join(', ')})`;
  return notes.length === 0 ? { admitted: false, reason } : { admitted: false, reason, notes };
}

export interface SlbAclResult {
  /** Meaningless when `unknown` is set: a caller must not read `false` as blocked then. */
  readonly admitted: boolean;
  readonly reason: string;
  /** The ACL whose entry decided, when one did. */
  readonly acl?: AccessControlList;
  readonly entry?: string;
  /** Set when an ACL the listener references is not in the snapshot and could decide. */
  readonly unknown?: true;
  readonly missing?: readonly string[];
}

/**
 * Whether a CLB listener forwards a client at `ip`. "Whitelist: Only requests from the IP addresses or CIDR blocks
 * in the ACL are forwarded." "Blacklist: All requests from the IP addresses or CIDR blocks in the ACL are denied."
 * "if an ACL contains no IP entries, the listener under its control forwards all incoming requests." With several
 * ACLs on one listener their entries are pooled (UNCONFIRMED: the doc speaks of one ACL at a time).
 */
export function slbAclAdmits(
  listener: LoadBalancerListener,
  acls: readonly AccessControlList[],
  ip: string,
  options: { readonly regionId?: string; readonly loadBalancerId?: string } = {},
): SlbAclResult {
  if (listener.aclStatus !== 'on') {
    return {
      admitted: true,
      reason: `access control is ${listener.aclStatus ?? 'not set'} on listener ${listener.port}`,
    };
  }
  const address = parseIp(ip);
  if (address === undefined) return { admitted: false, reason: `${ip} is not an IP address` };
  const region = options.regionId ?? '<region>';
  if (listener.aclType === undefined) {
    return {
      admitted: false,
      unknown: true,
      reason: `listener ${listener.port} has access control on but its ACL type (white or black) is not in the snapshot`,
      missing: [
        `aliyun slb DescribeLoadBalancer${listener.protocol.toUpperCase()}ListenerAttribute --RegionId ${region} --LoadBalancerId ${options.loadBalancerId ?? '<load-balancer-id>'} --ListenerPort ${listener.port}`,
      ],
    };
  }
  const loaded: AccessControlList[] = [];
  const absent: string[] = [];
  for (const id of [...listener.aclIds].sort()) {
    const acl = acls.find((candidate) => candidate.id === id);
    if (acl === undefined) absent.push(id);
    else loaded.push(acl);
  }
  let hit: { acl: AccessControlList; entry: string } | undefined;
  let entryCount = 0;
  for (const acl of loaded) {
    for (const { cidr } of acl.entries) {
      entryCount++;
      if (hit === undefined && cidrContains(cidr.trim(), address)) hit = { acl, entry: cidr.trim() };
    }
  }
  const white = listener.aclType === 'white';
  const kind = white ? 'whitelist' : 'blacklist';
  if (hit !== undefined) {
    // A listed address is settled whatever the missing ACLs hold.
    return {
      admitted: white,
      acl: hit.acl,
      entry: hit.entry,
      reason: `${address.text} is in ${kind} ${hit.acl.id} entry ${hit.entry} of listener ${listener.port}`,
    };
  }
  if (absent.length > 0) {
    return {
      admitted: false,
      unknown: true,
      reason: `listener ${listener.port} uses ${kind} ${absent.join(', ')}, whose entries are not in the snapshot`,
      missing: absent.map(
        (id) => `aliyun slb DescribeAccessControlListAttribute --RegionId ${region} --AclId ${id}`,
      ),
    };
  }
  if (loaded.length === 0) {
    return { admitted: true, reason: `listener ${listener.port} has access control on but no ACL attached` };
  }
  if (entryCount === 0) {
    return {
      admitted: true,
      reason: `the ${kind} of listener ${listener.port} has no entries, and an empty ACL forwards every request`,
    };
  }
  return {
    admitted: !white,
    reason: white
      ? `${address.text} is in no entry of whitelist ${loaded.map((acl) => acl.id).join(', ')} of listener ${listener.port}`
      : `${address.text} is in no entry of blacklist ${loaded.map((acl) => acl.id).join(', ')} of listener ${listener.port}`,
  };
}

export interface AllowListResult {
  readonly admitted: boolean;
  readonly reason: string;
  /** The allowed source that contains the address. */
  readonly entry?: string;
}

/** Whether a third party's allow-list (world.yaml `allowLists`) admits a source at `ip`. */
export function allowListAdmits(list: ThirdPartyAllowList, ip: string): AllowListResult {
  const address = parseIp(ip);
  if (address === undefined) return { admitted: false, reason: `${ip} is not an IP address` };
  const entry = list.allowedSources.find((source) => cidrContains(source, address));
  if (entry !== undefined) {
    return { admitted: true, entry, reason: `${address.text} is in ${entry}, allowed by ${list.name}` };
  }
  return {
    admitted: false,
    reason: `${list.name} admits only ${list.allowedSources.join(', ') || 'no source'}, not ${address.text}`,
  };
}

/**
 * Whether an allow-list governs traffic to `destination` (an IP) with this protocol and port: the destination is
 * one of its addresses (IPs or CIDRs; names are resolved by the caller) and the port is listed (no ports: all).
 */
export function allowListApplies(
  list: ThirdPartyAllowList,
  destination: string,
  protocol: Protocol,
  port: number | null,
): boolean {
  if (list.protocol !== protocol) return false;
  if (list.ports.length > 0 && (port === null || !list.ports.includes(port))) return false;
  return list.addresses.some((address) => cidrContains(address, destination));
}
