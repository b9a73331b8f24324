/**
 * The lists the UI's pickers offer, read from the snapshot: sources grouped namespace → workload → pod, and
 * destinations grouped by what they are (Services, pods, ECS, RDS, SLB, Internet names from world.yaml). Each
 * destination carries the text `podreach check` accepts as TO (src/cli/parse-query.ts), so a pick is a query.
 */
import type { Snapshot } from '../model/snapshot.js';

export interface SourceWorkload {
  /** `deployment`, `statefulset`, `daemonset`, `job`, or `` for pods without a workload. */
  readonly kind: string;
  readonly name: string;
  /** The FROM text for the whole workload, or null when the pods share no workload. */
  readonly value: string | null;
  readonly pods: readonly {
    readonly name: string;
    readonly value: string;
    readonly ips: readonly string[];
  }[];
}

export interface SourceNamespace {
  readonly namespace: string;
  readonly workloads: readonly SourceWorkload[];
}

export type DestinationGroup = 'Services' | 'Pods' | 'ECS' | 'RDS' | 'SLB' | 'Internet';

export interface DestinationChoice {
  readonly group: DestinationGroup;
  /** The TO text. */
  readonly value: string;
  readonly label: string;
  /** A port the destination suggests (first Service port, RDS engine port, first listener). */
  readonly port: number | null;
}

const WORKLOAD_KINDS = new Set(['deployment', 'statefulset', 'daemonset', 'job']);

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildSources(snapshot: Snapshot): SourceNamespace[] {
  const namespaces = new Map<
    string,
    Map<string, { kind: string; name: string; pods: SourceWorkload['pods'][number][] }>
  >();
  for (const pod of snapshot.kubernetes.pods) {
    const kind = pod.workload?.kind.toLowerCase() ?? '';
    const known = WORKLOAD_KINDS.has(kind);
    const name = known ? (pod.workload?.name ?? '') : '';
    const key = known ? `${kind}/${name}` : '';
    const workloads = namespaces.get(pod.namespace) ?? new Map();
    namespaces.set(pod.namespace, workloads);
    const entry = workloads.get(key) ?? { kind: known ? kind : '', name, pods: [] };
    workloads.set(key, entry);
    entry.pods.push({ name: pod.name, value: `${pod.namespace}/${pod.name}`, ips: pod.ips });
  }
  return [...namespaces.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([namespace, workloads]) => ({
      namespace,
      workloads: [...workloads.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([, entry]) => ({
          kind: entry.kind,
          name: entry.name,
          value: entry.kind === '' ? null : `${namespace}/${entry.kind}/${entry.name}`,
          pods: [...entry.pods].sort((a, b) => byText(a.name, b.name)),
        })),
    }));
}

function named(id: string, name: string | undefined): string {
  return name === undefined || name === '' ? id : `${id} (${name})`;
}

export function buildDestinations(snapshot: Snapshot): DestinationChoice[] {
  const { kubernetes, cloud, world } = snapshot;
  const choices: DestinationChoice[] = [];
  for (const service of kubernetes.services) {
    choices.push({
      group: 'Services',
      value: `svc/${service.namespace}/${service.name}`,
      label: `${service.namespace}/${service.name} (${service.type})`,
      port: service.ports[0]?.port ?? null,
    });
  }
  for (const pod of kubernetes.pods) {
    choices.push({
      group: 'Pods',
      value: `${pod.namespace}/${pod.name}`,
      label: `${pod.namespace}/${pod.name}`,
      port: pod.containerPorts[0]?.containerPort ?? null,
    });
  }
  for (const instance of cloud.ecsInstances) {
    choices.push({ group: 'ECS', value: instance.id, label: named(instance.id, instance.name), port: null });
  }
  for (const rds of cloud.rdsInstances) {
    const port = rds.connections.find((connection) => connection.port !== undefined)?.port ?? null;
    choices.push({ group: 'RDS', value: rds.id, label: named(rds.id, rds.description), port });
  }
  for (const lb of cloud.loadBalancers) {
    choices.push({
      group: 'SLB',
      value: lb.id,
      label: `${named(lb.id, lb.name)} ${lb.address}`,
      port: lb.listeners?.[0]?.port ?? null,
    });
  }
  for (const record of world.dns) {
    choices.push({ group: 'Internet', value: record.name, label: record.name, port: 443 });
  }
  for (const list of world.allowLists) {
    for (const address of list.addresses) {
      choices.push({
        group: 'Internet',
        value: address,
        label: `${address} (${list.name})`,
        port: list.ports[0] ?? null,
      });
    }
  }
  const order: DestinationGroup[] = ['Services', 'Pods', 'ECS', 'RDS', 'SLB', 'Internet'];
  return choices.sort(
    (a, b) =>
      order.indexOf(a.group) - order.indexOf(b.group) || byText(a.value, b.value) || byText(a.label, b.label),
  );
}
