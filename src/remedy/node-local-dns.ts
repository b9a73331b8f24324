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
  // A host_stack_cidrs that is there but not a list is a file Terway cannot read as it stands; replacing it would
  // be a guess, so no fix.
  if (conf.host_stack_cidrs !== undefined && !Array.isArray(conf.host_stack_cidrs)) return [];
  const existing: unknown[] = Array.isArray(conf.host_stack_cidrs) ? conf.host_stack_cidrs : [];
  if (existing.includes(cidr)) return [];
  const value = JSON.stringify({ ...conf, host_stack_cidrs: [...existing, cidr] });
  return [
    {
      kind: 'terway-host-stack-cidrs',
      summary: `add ${cidr} to host_stack_cidrs in ${ENI_CONFIG.key} of ${ENI_CONFIG.namespace}/${ENI_CONFIG.name}, so pods reach NodeLocal DNSCache through the node's host stack`,
      // Terway's CNI plugin reads host_stack_cidrs (CNIConf.HostStackCIDRs) when it sets up a pod's network (cmd ADD);
      // ACK's docs do not say which restarts the edit needs, so the text says what is known and what is not.
      tradeoffs:
        'cluster-wide, what ACK "Configure NodeLocal DNSCache" says for Terway IPvlan/DataPathV2; the rest of 10-terway.conf is kept, re-serialised as compact JSON; Terway writes 10-terway.conf to the nodes when its pods start, so restart the Terway DaemonSet pods; its CNI plugin applies host_stack_cidrs when it sets up a pod’s network, so pods already running may keep the old path until re-created (which restarts are needed is not in ACK’s docs: not confirmed)',
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
