/**
 * The smallest NetworkPolicy that admits one flow: it selects the workload's pods by their labels (NetworkPolicies
 * are additive, so a new policy only ever allows more — upstream "NetworkPolicy" concepts page) and allows exactly
 * one peer on one port. When the destination is a name, the pod must also resolve it: the DNS egress rule to
 * kube-dns is added when the pod's current policies would not let DNS through.
 */
import { stringify } from 'yaml';
import type { Labels, Pod, Protocol } from '../model/index.js';

/** Labels that name one revision or one pod rather than the workload. */
const REVISION_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
]);

export function workloadLabels(pod: Pod): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(pod.labels).sort()) {
    if (!REVISION_LABELS.has(key)) out[key] = pod.labels[key] as string;
  }
  return out;
}

export type PolicyPeerSpec =
  | { readonly kind: 'pod'; readonly namespace: string; readonly labels: Labels }
  | { readonly kind: 'cidr'; readonly cidr: string };

function peerYaml(peer: PolicyPeerSpec): Record<string, unknown> {
  if (peer.kind === 'cidr') return { ipBlock: { cidr: peer.cidr } };
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
    podSelector: { matchLabels: { ...peer.labels } },
  };
}

function portsYaml(protocol: Protocol, port: number | null): Record<string, unknown>[] | undefined {
  if (protocol === 'icmp') return undefined;
  // DNS answers that do not fit in UDP are retried over TCP: a DNS rule allows both (upstream DNS specification).
  if (port === 53 && protocol === 'udp') {
    return [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ];
  }
  return [{ protocol: protocol.toUpperCase(), ...(port === null ? {} : { port }) }];
}

/** A DNS-safe policy name: lower-case, at most 63 characters. */
export function policyName(prefix: string, subject: string): string {
  const clean = subject
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${prefix}-${clean}`.slice(0, 63).replace(/-+$/, '');
}

export interface PolicySpec {
  readonly direction: 'egress' | 'ingress';
  readonly namespace: string;
  readonly name: string;
  readonly selector: Record<string, string>;
  readonly peer: PolicyPeerSpec;
  readonly protocol: Protocol;
  readonly port: number | null;
  /** Egress only: also allow DNS to kube-dns (UDP and TCP 53). */
  readonly dns?: boolean;
}

export function networkPolicyYaml(spec: PolicySpec): string {
  const ports = portsYaml(spec.protocol, spec.port);
  const rule: Record<string, unknown> = {
    [spec.direction === 'egress' ? 'to' : 'from']: [peerYaml(spec.peer)],
    ...(ports === undefined ? {} : { ports }),
  };
  const rules: Record<string, unknown>[] = [rule];
  if (spec.direction === 'egress' && spec.dns === true) {
    rules.push({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    });
  }
  return stringify(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: spec.name,
        namespace: spec.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'podreach' },
      },
      spec: {
        podSelector: { matchLabels: spec.selector },
        policyTypes: [spec.direction === 'egress' ? 'Egress' : 'Ingress'],
        [spec.direction]: rules,
      },
    },
    { lineWidth: 0 },
  );
}
