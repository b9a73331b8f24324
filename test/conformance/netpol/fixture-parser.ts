/**
 * A deliberately small reader for the conformance fixtures: Namespaces, Pods and NetworkPolicies as `kubectl get
 * -o yaml` prints them, with the defaults the API server applies (policyTypes, protocol TCP, the
 * `kubernetes.io/metadata.name` namespace label). It exists so the conformance suite does not depend on the full
 * loader; it knows only the fields the NetworkPolicy semantics read.
 */
import type {
  ContainerPort,
  IpBlock,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Pod,
} from '../../../src/model/kubernetes.js';
import type { Protocol } from '../../../src/model/protocol.js';

export interface FixtureObjects {
  namespaces: Namespace[];
  pods: Pod[];
  networkPolicies: NetworkPolicy[];
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function labels(value: unknown): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) out[k] = String(v);
  return out;
}

function protocol(value: unknown): Protocol {
  const text = value === undefined ? 'TCP' : String(value);
  if (text === 'TCP' || text === 'UDP' || text === 'SCTP') return text.toLowerCase() as Protocol;
  throw new Error(`fixture: unknown protocol ${text}`);
}

function selector(value: unknown): LabelSelector {
  const o = obj(value);
  const matchExpressions: LabelSelectorRequirement[] = list(o.matchExpressions).map((e) => {
    const r = obj(e);
    const operator = String(r.operator);
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
      throw new Error(`fixture: unknown operator ${operator}`);
    }
    return { key: String(r.key), operator, values: list(r.values).map(String) };
  });
  return { matchLabels: labels(o.matchLabels), matchExpressions };
}

function peer(value: unknown): NetworkPolicyPeer {
  const o = obj(value);
  const out: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: IpBlock } = {};
  if (o.podSelector !== undefined) out.podSelector = selector(o.podSelector);
  if (o.namespaceSelector !== undefined) out.namespaceSelector = selector(o.namespaceSelector);
  if (o.ipBlock !== undefined) {
    const b = obj(o.ipBlock);
    out.ipBlock = { cidr: String(b.cidr), except: list(b.except).map(String) };
  }
  return out;
}

function port(value: unknown): NetworkPolicyPort {
  const o = obj(value);
  const out: { protocol: Protocol; port?: number | string; endPort?: number } = {
    protocol: protocol(o.protocol),
  };
  if (typeof o.port === 'number' || typeof o.port === 'string') out.port = o.port;
  if (typeof o.endPort === 'number') out.endPort = o.endPort;
  return out;
}

function rules(value: unknown, peersKey: 'from' | 'to', file: string, path: string): NetworkPolicyRule[] {
  return list(value).map((r, i) => ({
    peers: list(obj(r)[peersKey]).map(peer),
    ports: list(obj(r).ports).map(port),
    origin: { file, path: `${path}[${i}]` },
  }));
}

export function readFixtureDocuments(docs: readonly unknown[], file: string): FixtureObjects {
  const out: FixtureObjects = { namespaces: [], pods: [], networkPolicies: [] };
  docs.forEach((doc, index) => {
    const o = obj(doc);
    const meta = obj(o.metadata);
    const name = String(meta.name);
    const origin = { file, path: `[${index}]` };
    if (o.kind === 'Namespace') {
      out.namespaces.push({
        name,
        labels: { ...labels(meta.labels), 'kubernetes.io/metadata.name': name },
        origin,
      });
    } else if (o.kind === 'Pod') {
      const spec = obj(o.spec);
      const status = obj(o.status);
      const ips = list(status.podIPs).map((p) => String(obj(p).ip));
      if (ips.length === 0 && typeof status.podIP === 'string') ips.push(status.podIP);
      const containerPorts: ContainerPort[] = list(spec.containers).flatMap((c) =>
        list(obj(c).ports).map((p) => {
          const cp = obj(p);
          const base = { containerPort: Number(cp.containerPort), protocol: protocol(cp.protocol) };
          return typeof cp.name === 'string' ? { ...base, name: cp.name } : base;
        }),
      );
      const pod: Pod = {
        namespace: String(meta.namespace),
        name,
        labels: labels(meta.labels),
        annotations: labels(meta.annotations),
        hostNetwork: spec.hostNetwork === true,
        ips,
        dnsPolicy: 'ClusterFirst',
        containerPorts,
        origin,
        ...(typeof status.hostIP === 'string' ? { hostIP: status.hostIP } : {}),
      };
      out.pods.push(pod);
    } else if (o.kind === 'NetworkPolicy') {
      const spec = obj(o.spec);
      const written = list(spec.policyTypes).map(String) as ('Ingress' | 'Egress')[];
      const explicit = spec.policyTypes !== undefined;
      // API default (networking/v1 types.go): Ingress always, plus Egress when spec.egress is present.
      const policyTypes = explicit
        ? written
        : spec.egress !== undefined
          ? (['Ingress', 'Egress'] as const)
          : (['Ingress'] as const);
      out.networkPolicies.push({
        namespace: String(meta.namespace),
        name,
        podSelector: selector(spec.podSelector),
        policyTypes,
        policyTypesExplicit: explicit,
        ingress: rules(spec.ingress, 'from', file, `[${index}].spec.ingress`),
        egress: rules(spec.egress, 'to', file, `[${index}].spec.egress`),
        origin,
      });
    } else if (o.kind !== undefined) {
      throw new Error(`fixture: unexpected kind ${String(o.kind)} in ${file}`);
    }
  });
  return out;
}
