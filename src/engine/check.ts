/**
 * `check(snapshot, query)`: resolves FROM and TO, traces every source pod hop by hop, and assembles the answer.
 * Pure: no I/O, no clock; the same snapshot and query always give the same trace.
 */
import type {
  IpFamily,
  Pod,
  Query,
  QueryDestination,
  QuerySource,
  Snapshot,
  Trace,
  TraceQuery,
  Verdict,
  WorkloadTrace,
} from '../model/index.js';
import { ipFamily } from '../net/ip.js';
import { classifyAddress, isInternet } from './addresses.js';
import type { CheckResult, QueryError } from './api.js';
import { assembleTrace } from './assemble.js';
import { resource, type SourceInfo, type Target, TraceState } from './context.js';
import { destinationHop } from './hops/destination.js';
import { destinationAccessHop } from './hops/destination-access.js';
import { chooseFamily, dnsHop, type NameAnswer, resolveName } from './hops/dns.js';
import { egressPolicyHop } from './hops/egress-policy.js';
import { egressSecurityGroupHop } from './hops/egress-security-group.js';
import { ingressPolicyHop } from './hops/ingress-policy.js';
import { internetExitHop } from './hops/internet-exit.js';
import { routeHop } from './hops/route.js';
import { serviceHop } from './hops/service.js';
import { resolveAddressSource, resolvePodSource, sourceHop } from './hops/source.js';
import { sourceNatHop } from './hops/source-nat.js';
import { memoByIdentity } from './memo.js';
import { notFound } from './query-error.js';
import { canonicalIp, indexSnapshot, type SnapshotIndex } from './snapshot-index.js';

/** Engine default ports for RDS engines, used when the snapshot gives no connection port. */
const RDS_ENGINE_PORTS: Readonly<Record<string, number>> = {
  mysql: 3306,
  mariadb: 3306,
  postgresql: 5432,
  sqlserver: 1433,
};

export function formatSource(from: QuerySource): string {
  switch (from.kind) {
    case 'pod':
      return `${from.namespace}/${from.name}`;
    case 'workload':
      return `${from.namespace}/${from.workloadKind}/${from.name}`;
    case 'address':
      return from.address;
  }
}

export function formatDestination(to: QueryDestination): string {
  switch (to.kind) {
    case 'address':
      return to.address;
    case 'name':
      return to.name;
    case 'service':
      return `svc/${to.namespace}/${to.name}`;
    case 'pod':
      return `${to.namespace}/${to.name}`;
    case 'cloud-resource':
      return to.id;
  }
}

/** A destination resolved before tracing: an address (with what owns it) or a name to look up. */
type Destination =
  | { readonly kind: 'address'; readonly address: string; readonly target: Target }
  | {
      readonly kind: 'addresses';
      readonly addresses: readonly string[];
      readonly target: (a: string) => Target;
    }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'error'; readonly error: QueryError };

function resolveDestination(index: SnapshotIndex, to: QueryDestination): Destination {
  const snapshot = index.snapshot;
  switch (to.kind) {
    case 'address': {
      if (ipFamily(to.address) === undefined) {
        return {
          kind: 'error',
          error: {
            message: `${to.address} is not an IP address`,
            hint: 'give an IPv4 or IPv6 address, a host name, svc/NS/NAME, NS/POD or a resource id',
          },
        };
      }
      return { kind: 'address', address: to.address, target: classifyAddress(index, to.address) };
    }
    case 'name':
      return { kind: 'name', name: to.name };
    case 'service': {
      const service = index.service(to.namespace, to.name);
      if (service === undefined) {
        return {
          kind: 'error',
          error: notFound(
            'Service',
            `${to.namespace}/${to.name}`,
            snapshot.kubernetes.services.map((s) => `${s.namespace}/${s.name}`),
            `kubectl get service -n ${to.namespace} ${to.name} -o yaml`,
          ),
        };
      }
      if (service.type === 'ExternalName' && service.externalName !== undefined)
        return { kind: 'name', name: service.externalName };
      if (service.headless) {
        const addresses = index
          .endpointSlices(service.namespace, service.name)
          .flatMap((s) => s.endpoints.filter((e) => e.ready).flatMap((e) => e.addresses));
        return { kind: 'addresses', addresses, target: (a) => classifyAddress(index, a) };
      }
      return {
        kind: 'addresses',
        addresses: service.clusterIPs,
        target: (a) => ({ kind: 'address', address: a }),
      };
    }
    case 'pod': {
      const pod = index.pod(to.namespace, to.name);
      if (pod === undefined) {
        return {
          kind: 'error',
          error: notFound(
            'pod',
            `${to.namespace}/${to.name}`,
            snapshot.kubernetes.pods.map((p) => `${p.namespace}/${p.name}`),
            `kubectl get pod -n ${to.namespace} ${to.name} -o yaml`,
          ),
        };
      }
      if (pod.ips.length === 0)
        return {
          kind: 'error',
          error: {
            message: `pod ${to.namespace}/${to.name} has no IP address (phase ${pod.phase ?? 'unknown'})`,
          },
        };
      return {
        kind: 'addresses',
        addresses: pod.ips,
        target: (a) => (pod.hostNetwork ? classifyAddress(index, a) : { kind: 'pod', pod, address: a }),
      };
    }
    case 'cloud-resource': {
      const id = to.id;
      if (id.startsWith('i-')) {
        const ecs = index.instance(id);
        const address = ecs?.privateIps[0];
        if (ecs === undefined || address === undefined) {
          return {
            kind: 'error',
            error: notFound(
              'ECS instance',
              id,
              snapshot.cloud.ecsInstances.map((e) => e.id),
              `aliyun ecs DescribeInstances --InstanceIds '["${id}"]'`,
            ),
          };
        }
        return { kind: 'addresses', addresses: ecs.privateIps, target: (a) => classifyAddress(index, a) };
      }
      if (id.startsWith('rm-') || id.startsWith('pgm-')) {
        const rds = index.rds(id);
        if (rds === undefined) {
          return {
            kind: 'error',
            error: notFound(
              'RDS instance',
              id,
              snapshot.cloud.rdsInstances.map((r) => r.id),
              `aliyun rds DescribeDBInstanceNetInfo --DBInstanceId ${id}`,
            ),
          };
        }
        const rank = (t: string | undefined) =>
          /private|inner|vpc/i.test(t ?? '') ? 0 : /public/i.test(t ?? '') ? 2 : 1;
        const connections = [...rds.connections]
          .filter((c) => c.ipAddress !== undefined)
          .sort((a, b) => rank(a.ipType) - rank(b.ipType));
        const first = connections[0];
        if (first?.ipAddress === undefined) {
          const named = rds.connections.find((c) => c.connectionString !== undefined)?.connectionString;
          if (named !== undefined) return { kind: 'name', name: named };
          return {
            kind: 'error',
            error: {
              message: `RDS ${id} has no connection address in the snapshot`,
              hint: `add: aliyun rds DescribeDBInstanceNetInfo --DBInstanceId ${id}`,
            },
          };
        }
        return {
          kind: 'addresses',
          addresses: connections.map((c) => c.ipAddress as string),
          target: () => ({ kind: 'rds', rds, address: first.ipAddress as string }),
        };
      }
      if (id.startsWith('lb-')) {
        const lb = index.loadBalancer(id);
        if (lb === undefined) {
          return {
            kind: 'error',
            error: notFound(
              'SLB instance',
              id,
              snapshot.cloud.loadBalancers.map((l) => l.id),
              `aliyun slb DescribeLoadBalancers --LoadBalancerId ${id}`,
            ),
          };
        }
        return { kind: 'address', address: lb.address, target: classifyAddress(index, lb.address) };
      }
      return {
        kind: 'error',
        error: {
          message: `unsupported resource id ${id}`,
          hint: 'podreach knows i-… (ECS), rm-… (RDS) and lb-… (SLB)',
        },
      };
    }
  }
}

function defaultPort(index: SnapshotIndex, query: Query): number | null | QueryError {
  if (query.port !== null || query.protocol === 'icmp') return query.port;
  const to = query.to;
  if (to.kind === 'cloud-resource' && (to.id.startsWith('rm-') || to.id.startsWith('pgm-'))) {
    const rds = index.rds(to.id);
    const port =
      rds?.connections.find((c) => c.port !== undefined)?.port ??
      RDS_ENGINE_PORTS[rds?.engine?.toLowerCase() ?? ''];
    if (port !== undefined) return port;
  }
  if (to.kind === 'service') {
    const service = index.service(to.namespace, to.name);
    const only = service?.ports.length === 1 ? service.ports[0] : undefined;
    if (only !== undefined) return only.port;
  }
  return { message: `--port is required for ${query.protocol}`, hint: 'e.g. --port 443' };
}

function sourceFamilies(source: SourceInfo): IpFamily[] {
  return [
    ...(source.ipv4 === undefined ? [] : [4 as const]),
    ...(source.ipv6 === undefined ? [] : [6 as const]),
  ];
}

function traceQueryOf(query: Query, from: string, port: number | null): TraceQuery {
  return {
    from,
    to: formatDestination(query.to),
    protocol: query.protocol,
    port,
    family: query.family ?? null,
  };
}

const HOPS_AFTER_SERVICE = [
  egressPolicyHop,
  egressSecurityGroupHop,
  sourceNatHop,
  routeHop,
  internetExitHop,
  destinationAccessHop,
  ingressPolicyHop,
  destinationHop,
];

function traceOne(
  snapshot: Snapshot,
  index: SnapshotIndex,
  query: Query,
  port: number | null,
  source: SourceInfo,
  destination: Exclude<Destination, { kind: 'error' }>,
): Trace | QueryError {
  const families = sourceFamilies(source);
  const effectiveQuery: Query = { ...query, port };
  let family: IpFamily;
  let address: string | undefined;
  let target: Target | undefined;
  let answer: NameAnswer | undefined;
  if (destination.kind === 'address') {
    family = ipFamily(destination.address) as IpFamily;
    if (query.family !== undefined && query.family !== family) {
      return {
        message: `--family ${query.family} does not match the IPv${family} address ${destination.address}`,
      };
    }
    address = destination.address;
    target = destination.target;
  } else if (destination.kind === 'addresses') {
    const chosen =
      chooseFamily(destination.addresses, families, query.family) ??
      query.family ??
      (destination.addresses[0] === undefined ? 4 : (ipFamily(destination.addresses[0]) ?? 4));
    family = chosen;
    address = destination.addresses.find((a) => ipFamily(a) === family);
    if (address === undefined) {
      return {
        message: `${formatDestination(query.to)} has no IPv${family} address`,
        hint: `its addresses: ${destination.addresses.join(', ') || 'none'}`,
      };
    }
    target = destination.target(address);
  } else {
    answer = resolveName(index, source.pod, destination.name, query);
    const addresses = 'addresses' in answer ? answer.addresses : [];
    // A name whose only answers are of a family the pod lacks (AAAA for an IPv4-only pod) does resolve; the packet
    // then cannot leave (issue 3: "a name with only AAAA records is unreachable there"), decided at internet-exit.
    const answered = addresses.map((a) => ipFamily(a)).find((f) => f !== undefined);
    family = chooseFamily(addresses, families, query.family) ?? query.family ?? answered ?? families[0] ?? 4;
  }

  const state = new TraceState(snapshot, index, effectiveQuery, source, family);
  if (address !== undefined) state.setDestination(address);
  else state.setDestination(destination.kind === 'name' ? destination.name : '');
  state.target = target;
  sourceHop(state);
  const last = state.hops.at(-1);
  if (last?.result === 'drop') return assembleTrace(state, traceQueryOf(query, source.label, port));

  if (answer !== undefined && destination.kind === 'name') {
    state.hostName = answer.name;
    dnsHop(state, answer);
    if (state.halted) return assembleTrace(state, traceQueryOf(query, source.label, port));
    state.target = classifyAddress(index, state.packet.dst);
  }

  // A pod without an address of the packet's family sends nothing of that family. Towards the IPv6 Internet that is
  // the seed page's point (IPv4 single-stack pods never reach IPv6), told at internet-exit; elsewhere at the source.
  if (state.packet.src === '') {
    if (family === 6 && isInternet(index, state.packet.dst)) internetExitHop(state);
    else {
      state.add({
        kind: 'source',
        result: 'drop',
        resource: resource(source.kind === 'pod' ? 'pod' : 'address', source.label),
        rule: null,
        reason: `${source.label} has no IPv${family} address to send to ${state.packet.dst} from`,
      });
    }
    return assembleTrace(state, traceQueryOf(query, source.label, port));
  }

  serviceHop(state, HOPS_AFTER_SERVICE);
  for (const hop of HOPS_AFTER_SERVICE) {
    if (state.halted) break;
    hop(state);
  }
  return assembleTrace(state, traceQueryOf(query, source.label, port));
}

function isError(value: Trace | QueryError): value is QueryError {
  return 'message' in value;
}

/**
 * Pods by the owner the loader resolved (`pod.workload`): namespace, then lower-case kind, then name, each list in
 * pod list order. Once per pod list (a workload query used to scan every pod).
 */
const podsByWorkload = memoByIdentity((pods: readonly Pod[]) => {
  const byNamespace = new Map<string, Map<string, Map<string, Pod[]>>>();
  const at = <V>(map: Map<string, V>, key: string, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  };
  for (const pod of pods) {
    if (pod.workload === undefined) continue;
    const byKind = at(byNamespace, pod.namespace, () => new Map<string, Map<string, Pod[]>>());
    const byName = at(byKind, pod.workload.kind.toLowerCase(), () => new Map<string, Pod[]>());
    at(byName, pod.workload.name, () => []).push(pod);
  }
  return byNamespace;
});

/** Pods of a workload, by the owner the loader resolved (`pod.workload`), sorted by name. */
function workloadPods(snapshot: Snapshot, from: Extract<QuerySource, { kind: 'workload' }>): Pod[] {
  const pods = podsByWorkload(snapshot.kubernetes.pods)
    .get(from.namespace)
    ?.get(from.workloadKind)
    ?.get(from.name);
  return [...(pods ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What two pods' traces must share to be shown as one group: the verdict, the seen address (a pod's own IP counts
 * as the same), and every hop's kind, result, resource and rule after the source hop; the pod's own name, IPs,
 * ENI and node count as the same for every pod.
 */
function signature(trace: Trace, pod: Pod): string {
  const details = trace.hops[0]?.details ?? {};
  const own = new Set([
    `${pod.namespace}/${pod.name}`,
    ...pod.ips.map((ip) => canonicalIp(ip)),
    ...[details.eni, details.node].filter((v): v is string => typeof v === 'string'),
  ]);
  const mine = (value: string | null | undefined) =>
    value !== null && value !== undefined && own.has(value) ? 'own' : value;
  return JSON.stringify([
    trace.verdict,
    mine(trace.sourceAddressSeen),
    trace.hops
      .filter((h) => h.kind !== 'source')
      .map((h) => [h.kind, h.result, mine(h.resource?.id), h.rule?.id]),
  ]);
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  blocked: 3,
  unresolved: 2,
  unknown: 1,
  reachable: 0,
};

export function check(snapshot: Snapshot, query: Query): CheckResult {
  const index = indexSnapshot(snapshot);
  const portOrError = defaultPort(index, query);
  if (typeof portOrError === 'object' && portOrError !== null) return { ok: false, error: portOrError };
  const port = portOrError;
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    return { ok: false, error: { message: `port ${port} is not between 1 and 65535` } };
  }
  const destination = resolveDestination(index, query.to);
  if (destination.kind === 'error') return { ok: false, error: destination.error };
  const from = query.from;
  if (from.kind === 'address') {
    if (ipFamily(from.address) === undefined)
      return { ok: false, error: { message: `${from.address} is not an IP address` } };
    const trace = traceOne(
      snapshot,
      index,
      query,
      port,
      resolveAddressSource(index, from.address),
      destination,
    );
    return isError(trace) ? { ok: false, error: trace } : { ok: true, trace };
  }
  if (from.kind === 'pod') {
    const pod = index.pod(from.namespace, from.name);
    if (pod === undefined) {
      return {
        ok: false,
        error: notFound(
          'pod',
          `${from.namespace}/${from.name}`,
          snapshot.kubernetes.pods.map((p) => `${p.namespace}/${p.name}`),
          `kubectl get pod -n ${from.namespace} ${from.name} -o yaml`,
        ),
      };
    }
    const trace = traceOne(snapshot, index, query, port, resolvePodSource(index, pod), destination);
    return isError(trace) ? { ok: false, error: trace } : { ok: true, trace };
  }
  const pods = workloadPods(snapshot, from);
  if (pods.length === 0) {
    const workloads = snapshot.kubernetes.pods.flatMap((p) =>
      p.workload === undefined ? [] : [`${p.namespace}/${p.workload.kind.toLowerCase()}/${p.workload.name}`],
    );
    return {
      ok: false,
      error: notFound(
        'no pod of',
        formatSource(from),
        [...new Set(workloads)].sort(),
        `kubectl get pods -n ${from.namespace} -o yaml`,
      ),
    };
  }
  const groups: { pods: string[]; trace: Trace; key: string }[] = [];
  for (const pod of pods) {
    const trace = traceOne(snapshot, index, query, port, resolvePodSource(index, pod), destination);
    if (isError(trace)) return { ok: false, error: trace };
    const key = signature(trace, pod);
    const group = groups.find((g) => g.key === key);
    if (group === undefined) groups.push({ pods: [`${pod.namespace}/${pod.name}`], trace, key });
    else group.pods.push(`${pod.namespace}/${pod.name}`);
  }
  const verdict = groups.reduce<Verdict>(
    (worst, g) => (VERDICT_RANK[g.trace.verdict] > VERDICT_RANK[worst] ? g.trace.verdict : worst),
    'reachable',
  );
  const workload: WorkloadTrace = {
    schemaVersion: 1,
    query: traceQueryOf(query, formatSource(from), port),
    verdict,
    groups: groups.map(({ pods: names, trace }) => ({ pods: names, trace })),
  };
  return { ok: true, workload };
}
