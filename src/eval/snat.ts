/**
 * SNAT entry selection on a NAT gateway (shared/reference/alibaba-semantics.md §3, "Create and manage SNAT entries"):
 * "If the source CIDR blocks of multiple SNAT entries overlap with each other, the CIDR block with the longest subnet
 * mask is used." An entry's source is its `SourceCIDR`, or the CIDR of its `SourceVSwitchId`.
 * EIP and static public IP precedence over SNAT is decided by the caller, not here.
 */
import type { SnatEntry } from '../model/cloud.js';
import { type Cidr, cidrContains, parseCidr, parseIp } from '../net/ip.js';

export interface IgnoredSnatEntry {
  readonly entry: SnatEntry;
  readonly why: string;
}

export type SnatSelection =
  | {
      readonly entry: SnatEntry;
      /** Canonical source CIDR of the chosen entry. */
      readonly sourceCidr: string;
      readonly prefix: number;
      readonly ignored: readonly IgnoredSnatEntry[];
      /** vSwitch entries whose CIDR is unknown; one of them could be more specific. */
      readonly unresolved: readonly SnatEntry[];
      /** Other entries covering the source with the same prefix (the tie is broken by id; UNCONFIRMED rule). */
      readonly tiedWith: readonly SnatEntry[];
      readonly note?: string;
    }
  | {
      readonly entry: undefined;
      readonly ignored: readonly IgnoredSnatEntry[];
      readonly unresolved: readonly SnatEntry[];
    };

/** `Status` `Available` is effective; `Pending` and `Deleting` are not. An absent status is taken as effective. */
function isEffective(entry: SnatEntry): boolean {
  return entry.status === undefined || entry.status.toLowerCase() === 'available';
}

type Source = { readonly cidr: Cidr } | { readonly unresolved: true } | { readonly why: string };

function sourceOf(entry: SnatEntry, vSwitchCidr: (vSwitchId: string) => string | undefined): Source {
  // The API fills SourceCIDR for vSwitch entries too (UNCONFIRMED); when both are present SourceCIDR is the one read.
  if (entry.sourceCidr !== undefined && entry.sourceCidr !== '') {
    const cidr = parseCidr(entry.sourceCidr);
    return cidr === undefined ? { why: `SourceCIDR ${entry.sourceCidr} is not a CIDR` } : { cidr };
  }
  if (entry.sourceVSwitchId !== undefined && entry.sourceVSwitchId !== '') {
    const text = vSwitchCidr(entry.sourceVSwitchId);
    if (text === undefined) return { unresolved: true };
    const cidr = parseCidr(text);
    return cidr === undefined
      ? { why: `vSwitch ${entry.sourceVSwitchId} has CIDR ${text}, not a CIDR` }
      : { cidr };
  }
  return { why: 'it has neither SourceCIDR nor SourceVSwitchId' };
}

function compareIds(a: SnatEntry, b: SnatEntry): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The SNAT entry that translates `sourceIp`: longest source prefix among effective entries. Entries that are not
 * effective or not understood are listed in `ignored` (in id order) whether or not they cover the source.
 */
export function selectSnatEntry(
  entries: readonly SnatEntry[],
  sourceIp: string,
  vSwitchCidr: (vSwitchId: string) => string | undefined,
): SnatSelection {
  const ip = parseIp(sourceIp);
  const ignored: IgnoredSnatEntry[] = [];
  const unresolved: SnatEntry[] = [];
  const covering: { entry: SnatEntry; cidr: Cidr }[] = [];
  for (const entry of [...entries].sort(compareIds)) {
    if (!isEffective(entry)) {
      ignored.push({ entry, why: `its status is ${entry.status}, not Available` });
      continue;
    }
    const source = sourceOf(entry, vSwitchCidr);
    if ('why' in source) ignored.push({ entry, why: source.why });
    else if ('unresolved' in source) unresolved.push(entry);
    else if (ip !== undefined && cidrContains(source.cidr, ip)) covering.push({ entry, cidr: source.cidr });
  }
  covering.sort((a, b) => b.cidr.prefix - a.cidr.prefix || compareIds(a.entry, b.entry));
  const best = covering[0];
  if (best === undefined) return { entry: undefined, ignored, unresolved };
  const tiedWith = covering
    .slice(1)
    .filter((other) => other.cidr.prefix === best.cidr.prefix)
    .map((other) => other.entry);
  const note =
    tiedWith.length === 0
      ? undefined
      : `${[best.entry, ...tiedWith].map((entry) => entry.id).join(', ')} cover ${sourceIp} with the same /${best.cidr.prefix} prefix; Alibaba Cloud does not document which wins (UNCONFIRMED), ${best.entry.id} is assumed as the first by id`;
  return {
    entry: best.entry,
    sourceCidr: best.cidr.text,
    prefix: best.cidr.prefix,
    ignored,
    unresolved,
    tiedWith,
    ...(note === undefined ? {} : { note }),
  };
}
