import { z } from 'zod';
import type {
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
} from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { isCidr, isStrictSubnet } from './ip-text.js';
import { namespaceOf, originOf } from './object.js';
import { problemAt, validate } from './problems.js';
import { labelSelectorSchema, metadataSchema, protocolOf, protocolSchema } from './schema.js';
import { toLabelSelector } from './selector.js';

const peerSchema = z.looseObject({
  podSelector: labelSelectorSchema.nullish(),
  namespaceSelector: labelSelectorSchema.nullish(),
  ipBlock: z.looseObject({ cidr: z.string(), except: z.array(z.string()).nullish() }).nullish(),
});

const portSchema = z.looseObject({
  protocol: protocolSchema.optional(),
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).optional(),
  endPort: z.number().int().min(1).max(65535).optional(),
});

const ingressSchema = z.looseObject({
  from: z.array(peerSchema).nullish(),
  ports: z.array(portSchema).nullish(),
});
const egressSchema = z.looseObject({
  to: z.array(peerSchema).nullish(),
  ports: z.array(portSchema).nullish(),
});

const schema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({
    podSelector: labelSelectorSchema.nullish(),
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
    ingress: z.array(ingressSchema).nullish(),
    egress: z.array(egressSchema).nullish(),
  }),
});

type Path = readonly (string | number)[];
type RawPeer = z.infer<typeof peerSchema>;
type RawPort = z.infer<typeof portSchema>;
const REFUSED =
  'the API server would refuse this NetworkPolicy; compare with the live object (kubectl get networkpolicy … -o yaml)';

/**
 * Reads a NetworkPolicy, applies the API defaults (SetDefaults_NetworkPolicy: port protocol TCP; when policyTypes
 * is empty, [Ingress] plus Egress iff spec.egress has at least one rule) and refuses what the API server's
 * ValidateNetworkPolicy would refuse, so evaluators never see a policy that cannot exist.
 */
export function readNetworkPolicy(doc: RawDocument, problems: LoadProblem[]): NetworkPolicy | undefined {
  const raw = validate(schema, doc, problems, 'NetworkPolicy');
  if (!raw) return undefined;
  const before = problems.length;
  const { metadata, spec } = raw;
  const podSelector = toLabelSelector(spec.podSelector, doc, ['spec', 'podSelector'], problems);
  const ingress = (spec.ingress ?? []).map((rule, i) =>
    readRule(doc, ['spec', 'ingress', i], 'from', rule.from ?? [], rule.ports ?? [], problems),
  );
  const egress = (spec.egress ?? []).map((rule, i) =>
    readRule(doc, ['spec', 'egress', i], 'to', rule.to ?? [], rule.ports ?? [], problems),
  );
  if (problems.slice(before).some((p) => p.severity === 'error') || podSelector === undefined)
    return undefined;
  const explicit = (spec.policyTypes ?? []).length > 0;
  const policyTypes: ('Ingress' | 'Egress')[] = explicit
    ? [...new Set(spec.policyTypes ?? [])]
    : (spec.egress ?? []).length > 0
      ? ['Ingress', 'Egress']
      : ['Ingress'];
  return {
    namespace: namespaceOf(metadata, doc, problems, 'NetworkPolicy'),
    name: metadata.name,
    podSelector,
    policyTypes,
    policyTypesExplicit: explicit,
    ingress: ingress.filter((r): r is NetworkPolicyRule => r !== undefined),
    egress: egress.filter((r): r is NetworkPolicyRule => r !== undefined),
    origin: originOf(doc),
  };
}

function readRule(
  doc: RawDocument,
  path: Path,
  peersKey: 'from' | 'to',
  rawPeers: readonly RawPeer[],
  rawPorts: readonly RawPort[],
  problems: LoadProblem[],
): NetworkPolicyRule | undefined {
  const peers = rawPeers.map((peer, i) => readPeer(doc, [...path, peersKey, i], peer, problems));
  const ports = rawPorts.map((port, i) => readPort(doc, [...path, 'ports', i], port, problems));
  if (peers.includes(undefined) || ports.includes(undefined)) return undefined;
  return {
    peers: peers as NetworkPolicyPeer[],
    ports: ports as NetworkPolicyPort[],
    origin: doc.locate(path),
  };
}

function readPeer(
  doc: RawDocument,
  path: Path,
  peer: RawPeer,
  problems: LoadProblem[],
): NetworkPolicyPeer | undefined {
  const hasSelector = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock != null && hasSelector) {
    problems.push(
      problemAt(doc, path, {
        message: 'a peer may not have both ipBlock and a pod or namespace selector',
        expected: 'either ipBlock, or podSelector and/or namespaceSelector',
        hint: REFUSED,
      }),
    );
    return undefined;
  }
  if (peer.ipBlock == null && !hasSelector) {
    problems.push(
      problemAt(doc, path, {
        message: 'the peer is empty',
        expected: 'ipBlock, podSelector or namespaceSelector',
        hint: REFUSED,
      }),
    );
    return undefined;
  }
  if (peer.ipBlock != null) return readIpBlock(doc, [...path, 'ipBlock'], peer.ipBlock, problems);
  const podSelector =
    peer.podSelector == null
      ? undefined
      : toLabelSelector(peer.podSelector, doc, [...path, 'podSelector'], problems);
  const namespaceSelector =
    peer.namespaceSelector == null
      ? undefined
      : toLabelSelector(peer.namespaceSelector, doc, [...path, 'namespaceSelector'], problems);
  if ((peer.podSelector != null && !podSelector) || (peer.namespaceSelector != null && !namespaceSelector)) {
    return undefined;
  }
  return {
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
  };
}

function readIpBlock(
  doc: RawDocument,
  path: Path,
  block: { cidr: string; except?: string[] | null | undefined },
  problems: LoadProblem[],
): NetworkPolicyPeer | undefined {
  if (!isCidr(block.cidr)) {
    problems.push(
      problemAt(doc, [...path, 'cidr'], {
        message: `ipBlock.cidr "${block.cidr}" is not a valid CIDR`,
        expected: 'an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 2001:db8::/64',
        hint: REFUSED,
      }),
    );
    return undefined;
  }
  let valid = true;
  (block.except ?? []).forEach((except, i) => {
    const at = [...path, 'except', i];
    if (!isCidr(except)) {
      problems.push(
        problemAt(doc, at, {
          message: `ipBlock.except "${except}" is not a valid CIDR`,
          expected: 'a CIDR inside ipBlock.cidr',
          hint: REFUSED,
        }),
      );
      valid = false;
    } else if (!isStrictSubnet(except, block.cidr)) {
      problems.push(
        problemAt(doc, at, {
          message: `ipBlock.except "${except}" is not inside ipBlock.cidr "${block.cidr}"`,
          expected: `a strict subset of ${block.cidr}`,
          hint: REFUSED,
        }),
      );
      valid = false;
    }
  });
  return valid ? { ipBlock: { cidr: block.cidr, except: block.except ?? [] } } : undefined;
}

function readPort(
  doc: RawDocument,
  path: Path,
  port: RawPort,
  problems: LoadProblem[],
): NetworkPolicyPort | undefined {
  if (typeof port.port === 'string' && !isServiceName(port.port)) {
    problems.push(
      problemAt(doc, [...path, 'port'], {
        message: `"${port.port}" is neither a port number nor a valid port name`,
        expected:
          'a number 1-65535 or a port name (at most 15 lower-case letters, digits and -, with a letter)',
        hint: REFUSED,
      }),
    );
    return undefined;
  }
  if (port.endPort !== undefined) {
    const problem = endPortProblem(port);
    if (problem) {
      problems.push(problemAt(doc, [...path, 'endPort'], { ...problem, hint: REFUSED }));
      return undefined;
    }
  }
  return {
    protocol: protocolOf(port.protocol),
    ...(port.port === undefined ? {} : { port: port.port }),
    ...(port.endPort === undefined ? {} : { endPort: port.endPort }),
  };
}

/** IANA_SVC_NAME, as the API server validates named ports (apimachinery validation.IsValidPortName). */
function isServiceName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) && /[a-z]/.test(name);
}

function endPortProblem(port: RawPort): { message: string; expected: string } | undefined {
  if (port.port === undefined) {
    return {
      message: `endPort ${port.endPort} is set without port`,
      expected: 'port set whenever endPort is',
    };
  }
  if (typeof port.port === 'string') {
    return {
      message: `endPort ${port.endPort} is set with the named port "${port.port}"`,
      expected: 'a numeric port when endPort is set',
    };
  }
  if (port.endPort !== undefined && port.endPort < port.port) {
    return {
      message: `endPort ${port.endPort} is smaller than port ${port.port}`,
      expected: `endPort ≥ ${port.port}`,
    };
  }
  return undefined;
}
