/**
 * What names one source pod in a trace: its `ns/name`, its addresses, its node, node addresses, ENI and ECS
 * instance. Two pods whose traces differ only by these read alike once each is replaced by a placeholder: a cell
 * of one pod is turned into a *template* (text with holes for each identity token) and filled with another pod's
 * tokens. The matrix only fills a template for a pod whose class key (source-profile.ts) equals the pod the
 * template came from, so every other input of the trace is the same; the differential test in
 * shared-cells.test.ts checks the result against a direct `check` of every pod.
 */
import type { SourceInfo } from '../engine/context.js';
import { canonicalIp, type SnapshotIndex } from '../engine/snapshot-index.js';

/** Identity tokens by role, '' when the pod has none; the same roles in the same order for every pod. */
export type SourceIdentity = readonly string[];

export function sourceIdentity(index: SnapshotIndex, source: SourceInfo): SourceIdentity {
  const canon = (ip: string | undefined) => (ip === undefined ? '' : canonicalIp(ip));
  const pod = source.pod;
  // The VPC's record of the IPv6 address (its id is the rule of the internet-exit hop).
  const v6 = source.ipv6 === undefined ? undefined : index.ipv6Address(source.ipv6);
  return [
    source.label,
    source.ipv4 ?? '',
    source.ipv6 ?? '',
    canon(source.ipv4),
    canon(source.ipv6),
    source.node?.name ?? pod?.nodeName ?? '',
    source.nodeIpv4 ?? '',
    source.nodeIpv6 ?? '',
    canon(source.nodeIpv4),
    canon(source.nodeIpv6),
    source.eni?.id ?? '',
    source.instance?.id ?? '',
    pod?.hostIP ?? '',
    canon(pod?.hostIP),
    v6?.id ?? '',
    v6?.internetBandwidth?.id ?? '',
    ...(pod?.ips ?? []),
  ];
}

/**
 * Which roles are present and which coincide (a hostNetwork pod's address is its node's): two identities can
 * stand in for each other only with the same shape, so the shape is part of every class key.
 */
export function identityShape(identity: SourceIdentity): string {
  const first = new Map<string, number>();
  return identity
    .map((token, i) => {
      if (token === '') return '-';
      const seen = first.get(token);
      if (seen !== undefined) return `=${seen}`;
      first.set(token, i);
      return '+';
    })
    .join('');
}

/** Text with holes: strings are literal, numbers are identity roles. */
export type Template = readonly (string | number)[];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A token's own boundaries: a whole address, a whole name (never a prefix of a longer one). */
function tokenPattern(token: string): string {
  const t = escapeRegExp(token);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(token)) return `(?<![0-9.])${t}(?![0-9]|\\.[0-9])`;
  if (token.includes(':')) return `(?<![0-9A-Fa-f:])${t}(?![0-9A-Fa-f:])`;
  return `(?<![A-Za-z0-9_.-])${t}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`;
}

export class IdentityMatcher {
  private readonly regex: RegExp | undefined;
  private readonly roleOf = new Map<string, number>();

  constructor(readonly identity: SourceIdentity) {
    identity.forEach((token, role) => {
      if (token !== '' && !this.roleOf.has(token)) this.roleOf.set(token, role);
    });
    const tokens = [...this.roleOf.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    this.regex = tokens.length === 0 ? undefined : new RegExp(tokens.map(tokenPattern).join('|'), 'g');
  }

  template(text: string): Template {
    if (this.regex === undefined) return [text];
    const out: (string | number)[] = [];
    let last = 0;
    for (const m of text.matchAll(this.regex)) {
      const at = m.index ?? 0;
      if (at > last) out.push(text.slice(last, at));
      out.push(this.roleOf.get(m[0]) as number);
      last = at + m[0].length;
    }
    if (last < text.length || out.length === 0) out.push(text.slice(last));
    return out;
  }
}

export function fill(template: Template, identity: SourceIdentity): string {
  if (template.length === 1 && typeof template[0] === 'string') return template[0];
  let out = '';
  for (const part of template) out += typeof part === 'string' ? part : (identity[part] ?? '');
  return out;
}
