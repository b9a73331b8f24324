/**
 * Value clean-up shared by the Alibaba adapters: spellings are unified (case, numbers in strings, comma lists) but
 * nothing is re-interpreted; semantics live in src/eval. Each function returns `undefined` for a value it cannot
 * read, and the caller reports the problem with its origin.
 */
import type { SecurityGroupRuleProtocol } from '../../model/cloud.js';

/** The API prints empty strings for unset fields (`"DestCidrIp": ""`); the model leaves them out. */
export function opt(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Comma-separated lists (`SnatTableEntry.SnatIp`, RDS `SecurityIPList`): split, trimmed, empty parts dropped. */
export function splitCommaList(value: string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Security group and network ACL policies: responses print `Accept`/`Drop` (§5: compare case-insensitively). */
export function normalisePolicy(value: string): 'accept' | 'drop' | undefined {
  const lower = value.trim().toLowerCase();
  return lower === 'accept' || lower === 'drop' ? lower : undefined;
}

/** `Permission.Priority` is a string "1".."100" (§12 quirk 5); a smaller value is a higher priority (§5). */
export function normalisePriority(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const priority = Number(text);
  return priority >= 1 && priority <= 100 ? priority : undefined;
}

const PROTOCOL_NAMES: Readonly<Record<string, SecurityGroupRuleProtocol>> = {
  tcp: 'tcp',
  udp: 'udp',
  icmp: 'icmp',
  icmpv6: 'icmpv6',
  gre: 'gre',
  all: 'all',
  // IANA protocol numbers, which the API accepts in some regions (§5).
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
  '47': 'gre',
};

/** `IpProtocol`: `TCP`|`UDP`|`ICMP`|`ICMPv6`|`GRE`|`ALL` in responses, or an IANA number. */
export function normaliseSgProtocol(value: string | number): SecurityGroupRuleProtocol | undefined {
  const key = String(value).trim().toLowerCase();
  return Object.hasOwn(PROTOCOL_NAMES, key) ? PROTOCOL_NAMES[key] : undefined;
}

/**
 * `PortRange`: "80/80" → [80, 80], "1/65535" → [1, 65535], "-1/-1" (ICMP, GRE, ALL: every port) → null.
 * Returns `undefined` when the value is not one of these shapes.
 */
export function normalisePortRange(value: string): readonly [number, number] | null | undefined {
  const text = value.trim();
  if (text === '-1/-1') return null;
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from < 1 || to > 65535 || from > to) return undefined;
  return [from, to];
}

/** Integers printed either as numbers or as strings (RDS `Port`, paging fields of some APIs). */
export function normaliseInteger(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
