/** `--redact` for Alibaba Cloud bodies: free-text names and descriptions are hashed; ids, addresses and CIDRs stay. */
import type { Redactor } from '../redact.js';

const NAME_KEYS = new Set([
  'name',
  'Name',
  'Description',
  'VpcName',
  'VSwitchName',
  'RouteTableName',
  'RouteEntryName',
  'NatGatewayName',
  'SnatEntryName',
  'InstanceName',
  'NetworkInterfaceName',
  'SecurityGroupName',
  'DBInstanceDescription',
  'LoadBalancerName',
  'AclName',
  'AclEntryComment',
  'NetworkAclName',
  'NetworkAclEntryName',
  'Ipv6AddressName',
]);

export function redactBody(value: unknown, redactor: Redactor): unknown {
  if (Array.isArray(value)) return value.map((v) => redactBody(v, redactor));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      NAME_KEYS.has(key) && typeof child === 'string' && child !== ''
        ? redactor.name(child)
        : redactBody(child, redactor);
  }
  return out;
}
