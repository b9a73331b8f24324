/**
 * Turns FROM, TO, --port, --protocol and --family (or the same keys of a --batch entry) into a Query
 * (src/model/query.ts), or a usage error in plain words. Only syntax is checked here; whether the pod, Service or
 * resource exists is the engine's answer (a QueryError), since only the snapshot knows.
 */

import type { Protocol } from '../model/protocol.js';
import { PROTOCOLS } from '../model/protocol.js';
import type { Query, QueryDestination, QuerySource } from '../model/query.js';
import { parseIp } from '../net/ip.js';

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface QueryInput {
  readonly from?: unknown;
  readonly to?: unknown;
  readonly port?: unknown;
  readonly protocol?: unknown;
  readonly family?: unknown;
}

/** How fields are named in messages: as command-line arguments, or as keys of a --batch entry. */
export type FieldStyle = 'cli' | 'batch';

const LABELS: Readonly<Record<FieldStyle, Readonly<Record<keyof QueryInput, string>>>> = {
  cli: { from: 'FROM', to: 'TO', port: '--port', protocol: '--protocol', family: '--family' },
  batch: { from: '"from"', to: '"to"', port: '"port"', protocol: '"protocol"', family: '"family"' },
};

/** How to write a port of `value` in the style's syntax: `--port 443` or `port: 443`. */
function portExample(style: FieldStyle, value: string): string {
  return style === 'cli' ? `--port ${value}` : `port: ${value}`;
}

const WORKLOAD_KINDS: Readonly<Record<string, 'deployment' | 'statefulset' | 'daemonset' | 'job'>> = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  sts: 'statefulset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  ds: 'daemonset',
  job: 'job',
  jobs: 'job',
};

const SERVICE_PREFIXES = new Set(['svc', 'service', 'services']);

/** Alibaba Cloud ids `check` traces to: ECS instances, RDS instances, CLB (SLB) instances. */
const CLOUD_RESOURCE_ID = /^(i|rm|lb)-[a-z0-9]+$/;

/** Ids of resources that are not destinations, so a user who pastes one learns why it is refused. */
const NOT_DESTINATIONS: Readonly<Record<string, string>> = {
  eni: 'an elastic network interface',
  ngw: 'a NAT gateway',
  sg: 'a security group',
  vsw: 'a vSwitch',
  vpc: 'a VPC',
  eip: 'an EIP allocation',
  r: 'a Redis instance, not supported yet',
  dds: 'a MongoDB instance, not supported yet',
};

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const HOST_LABEL = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?$/;

const FROM_FORMS =
  'a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address';
const TO_FORMS =
  'an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)';

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function checkNamespace(label: string, text: string, namespace: string): string | undefined {
  if (NAMESPACE_NAME.test(namespace) && namespace.length <= 63) return undefined;
  return `${label} "${text}": namespace "${namespace}" is not a valid Kubernetes namespace name (lower-case letters, digits and "-", at most 63 characters)`;
}

function checkName(label: string, text: string, what: string, name: string): string | undefined {
  if (OBJECT_NAME.test(name) && name.length <= 253) return undefined;
  return `${label} "${text}": ${what} name "${name}" is not a valid Kubernetes name (lower-case letters, digits, "-" and ".", at most 253 characters)`;
}

/** NAMESPACE/NAME, both checked. */
function namespaced(
  label: string,
  text: string,
  what: string,
  namespace: string,
  name: string,
): Parsed<[string, string]> {
  const error = checkNamespace(label, text, namespace) ?? checkName(label, text, what, name);
  return error === undefined ? ok([namespace, name]) : fail(error);
}

function looksNumeric(text: string): boolean {
  return /^[0-9.]+$/.test(text) || (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text));
}

export function parseSource(text: string, style: FieldStyle = 'cli'): Parsed<QuerySource> {
  const label = LABELS[style].from;
  if (text === '') return fail(`${label} is empty; give ${FROM_FORMS}`);
  const ip = parseIp(text);
  if (ip !== undefined) return ok({ kind: 'address', address: ip.text });
  const parts = text.split('/');
  if (parts.length === 2) {
    const [namespace = '', name = ''] = parts;
    const checked = namespaced(label, text, 'pod', namespace, name);
    return checked.ok ? ok({ kind: 'pod', namespace, name }) : checked;
  }
  if (parts.length === 3) {
    const [first = '', second = '', name = ''] = parts;
    if (SERVICE_PREFIXES.has(first.toLowerCase())) {
      return fail(
        `${label} "${text}": a Service cannot be a source; trace from one of its pods (NAMESPACE/POD) or its workload (NAMESPACE/deployment/NAME)`,
      );
    }
    const workloadKind = WORKLOAD_KINDS[second.toLowerCase()];
    if (workloadKind === undefined) {
      return fail(
        `${label} "${text}": workload kind "${second}" is not one of deployment, statefulset, daemonset, job`,
      );
    }
    const checked = namespaced(label, text, workloadKind, first, name);
    return checked.ok ? ok({ kind: 'workload', namespace: first, workloadKind, name }) : checked;
  }
  if (parts.length === 1 && looksNumeric(text)) return fail(`${label} "${text}" is not a valid IP address`);
  if (parts.length === 1)
    return fail(`${label} "${text}" is not ${FROM_FORMS}; a pod needs its namespace: NAMESPACE/${text}`);
  return fail(`${label} "${text}" is not ${FROM_FORMS}`);
}

function parseHostName(label: string, text: string): Parsed<QueryDestination> {
  const name = (text.endsWith('.') ? text.slice(0, -1) : text).toLowerCase();
  const labels = name.split('.');
  if (name.length > 253 || labels.some((part) => part.length > 63 || !HOST_LABEL.test(part))) {
    return fail(`${label} "${text}" is not ${TO_FORMS}`);
  }
  return ok({ kind: 'name', name });
}

export function parseDestination(text: string, style: FieldStyle = 'cli'): Parsed<QueryDestination> {
  const label = LABELS[style].to;
  const portLabel = LABELS[style].port;
  const portAs = (value: string) => portExample(style, value);
  if (text === '') return fail(`${label} is empty; give ${TO_FORMS}`);
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)/i.exec(text);
  if (url !== null)
    return fail(
      `${label} "${text}" is a URL; give the host name (${url[1] ?? ''}) and the port with ${portLabel}`,
    );
  const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(text);
  if (bracketed !== null) {
    if (bracketed[2] !== undefined) {
      return fail(
        `${label} "${text}" looks like ADDRESS:PORT; give the address alone and the port with ${portAs(bracketed[2])}`,
      );
    }
    const ip = parseIp(bracketed[1] ?? '');
    return ip === undefined
      ? fail(`${label} "${text}" is not a valid IP address`)
      : ok({ kind: 'address', address: ip.text });
  }
  const ip = parseIp(text);
  if (ip !== undefined) return ok({ kind: 'address', address: ip.text });
  const hostPort = /^([^:/]+):([0-9]+)$/.exec(text);
  if (hostPort !== null) {
    return fail(
      `${label} "${text}" looks like HOST:PORT; give the host alone and the port with ${portAs(hostPort[2] ?? '')}`,
    );
  }
  if (looksNumeric(text)) return fail(`${label} "${text}" is not a valid IP address`);
  const parts = text.split('/');
  if (parts.length === 1) {
    const lower = text.toLowerCase();
    if (CLOUD_RESOURCE_ID.test(lower)) return ok({ kind: 'cloud-resource', id: lower });
    const prefix = /^([a-z]+)-[a-z0-9]{8,}$/.exec(lower)?.[1];
    const what = prefix === undefined ? undefined : NOT_DESTINATIONS[prefix];
    if (what !== undefined) {
      return fail(`${label} "${text}" looks like the id of ${what}; a destination is ${TO_FORMS}`);
    }
    return parseHostName(label, text);
  }
  const [first = '', second = '', third = ''] = parts;
  if (SERVICE_PREFIXES.has(first.toLowerCase())) {
    if (parts.length !== 3) return fail(`${label} "${text}": a Service is written svc/NAMESPACE/NAME`);
    const checked = namespaced(label, text, 'Service', second, third);
    return checked.ok ? ok({ kind: 'service', namespace: second, name: third }) : checked;
  }
  if (parts.length === 2) {
    const checked = namespaced(label, text, 'pod', first, second);
    return checked.ok ? ok({ kind: 'pod', namespace: first, name: second }) : checked;
  }
  if (parts.length === 3 && WORKLOAD_KINDS[second.toLowerCase()] !== undefined) {
    return fail(
      `${label} "${text}": a workload cannot be a destination; give its Service (svc/NAMESPACE/NAME) or one of its pods (NAMESPACE/POD)`,
    );
  }
  return fail(`${label} "${text}" is not ${TO_FORMS}`);
}

function parseProtocol(value: unknown, style: FieldStyle): Parsed<Protocol> {
  const label = LABELS[style].protocol;
  if (value === undefined || value === null) return ok('tcp');
  if (typeof value !== 'string') return fail(`${label} must be one of ${PROTOCOLS.join(', ')}`);
  const lower = value.toLowerCase();
  const protocol = PROTOCOLS.find((candidate) => candidate === lower);
  if (protocol !== undefined) return ok(protocol);
  if (lower === 'icmpv6') return fail(`${label} "${value}": write icmp (it covers ICMPv6 for IPv6 packets)`);
  return fail(`${label} "${value}" is not one of ${PROTOCOLS.join(', ')}`);
}

function parsePort(value: unknown, style: FieldStyle): Parsed<number | null> {
  const label = LABELS[style].port;
  if (value === undefined || value === null) return ok(null);
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    return fail(`${label} ${JSON.stringify(value)} is not a port number (a whole number from 1 to 65535)`);
  }
  return ok(Number(text));
}

function parseFamily(value: unknown, style: FieldStyle): Parsed<4 | 6 | undefined> {
  const label = LABELS[style].family;
  if (value === undefined || value === null) return ok(undefined);
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).toLowerCase() : '';
  if (text === '4' || text === 'ipv4') return ok(4);
  if (text === '6' || text === 'ipv6') return ok(6);
  return fail(`${label} ${JSON.stringify(value)} must be 4 or 6`);
}

function requiredText(value: unknown, label: string, forms: string): Parsed<string> {
  if (value === undefined || value === null) return fail(`${label} is missing; give ${forms}`);
  if (typeof value !== 'string') return fail(`${label} must be text: ${forms}`);
  return ok(value.trim());
}

/** Every check, first failure reported. */
export function parseQuery(input: QueryInput, style: FieldStyle = 'cli'): Parsed<Query> {
  const labels = LABELS[style];
  const fromText = requiredText(input.from, labels.from, FROM_FORMS);
  if (!fromText.ok) return fromText;
  const from = parseSource(fromText.value, style);
  if (!from.ok) return from;
  const toText = requiredText(input.to, labels.to, TO_FORMS);
  if (!toText.ok) return toText;
  const to = parseDestination(toText.value, style);
  if (!to.ok) return to;
  const protocol = parseProtocol(input.protocol, style);
  if (!protocol.ok) return protocol;
  const port = parsePort(input.port, style);
  if (!port.ok) return port;
  const family = parseFamily(input.family, style);
  if (!family.ok) return family;

  if (protocol.value === 'icmp' && port.value !== null) {
    return fail(`${labels.port} does not apply to icmp; leave it out`);
  }
  const impliedPort = to.value.kind === 'cloud-resource' && to.value.id.startsWith('rm-');
  if (protocol.value !== 'icmp' && port.value === null && !impliedPort) {
    return fail(
      `${labels.port} is required for ${protocol.value}: the destination port, e.g. ${portExample(style, '443')}`,
    );
  }
  const fromFamily = from.value.kind === 'address' ? parseIp(from.value.address)?.family : undefined;
  const toFamily = to.value.kind === 'address' ? parseIp(to.value.address)?.family : undefined;
  if (family.value !== undefined && toFamily !== undefined && family.value !== toFamily) {
    return fail(
      `${labels.family} ${family.value} contradicts ${labels.to} ${toText.value}, an IPv${toFamily} address`,
    );
  }
  if (family.value !== undefined && fromFamily !== undefined && family.value !== fromFamily) {
    return fail(
      `${labels.family} ${family.value} contradicts ${labels.from} ${fromText.value}, an IPv${fromFamily} address`,
    );
  }
  if (fromFamily !== undefined && toFamily !== undefined && fromFamily !== toFamily) {
    return fail(
      `${labels.from} ${fromText.value} is an IPv${fromFamily} address but ${labels.to} ${toText.value} is IPv${toFamily}; a packet keeps its family`,
    );
  }
  const query: Query = {
    from: from.value,
    to: to.value,
    protocol: protocol.value,
    port: port.value,
    ...(family.value === undefined ? {} : { family: family.value }),
  };
  return ok(query);
}
