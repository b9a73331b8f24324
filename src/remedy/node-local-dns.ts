/**
 * NodeLocal DNSCache on Terway IPvlan/DataPathV2: the pod's packet to 169.254.20.10 reaches the node's host stack
 * only when `host_stack_cidrs` of eni-config `10-terway.conf` lists 169.254.20.10/32 — what ACK "Configure
 * NodeLocal DNSCache" tells Terway users to add (shared/reference/alibaba-semantics.md, NodeLocal DNSCache). The fix
 * is that edit of the ConfigMap, the rest of 10-terway.conf kept as it is.
 */
import { NODE_LOCAL_DNS } from '../engine/dns/resolv-conf.js';
import type { BlockerContext, Candidate } from './candidates.js';

const ENI_CONFIG = { namespace: 'kube-system', name: 'eni-config', key: '10-terway.conf' } as const;

export function hostStackCandidates(ctx: BlockerContext): Candidate[] {
  const cm = ctx.snapshot.kubernetes.configMaps.find(
    (c) => c.namespace === ENI_CONFIG.namespace && c.name === ENI_CONFIG.name,
  );
  const text = cm?.data[ENI_CONFIG.key];
  if (text === undefined) return [];
  let conf: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
    conf = parsed as Record<string, unknown>;
  } catch {
    // A 10-terway.conf that is not JSON cannot be edited safely: no fix rather than a rewritten file.
    return [];
  }
  const cidr = `${NODE_LOCAL_DNS}/32`;
  const existing = Array.isArray(conf.host_stack_cidrs) ? conf.host_stack_cidrs : [];
  if (existing.includes(cidr)) return [];
  const value = JSON.stringify({ ...conf, host_stack_cidrs: [...existing, cidr] });
  return [
    {
      kind: 'terway-host-stack-cidrs',
      summary: `add ${cidr} to host_stack_cidrs in ${ENI_CONFIG.key} of ${ENI_CONFIG.namespace}/${ENI_CONFIG.name}, so pods reach NodeLocal DNSCache through the node's host stack`,
      tradeoffs:
        'cluster-wide, what ACK "Configure NodeLocal DNSCache" says for Terway IPvlan/DataPathV2; Terway reads 10-terway.conf when its pods start: restart the Terway DaemonSet pods afterwards; the rest of 10-terway.conf is kept, re-serialised as compact JSON',
      changes: [
        {
          kind: 'set-config-map-data',
          namespace: ENI_CONFIG.namespace,
          name: ENI_CONFIG.name,
          key: ENI_CONFIG.key,
          value,
        },
      ],
    },
  ];
}
