/**
 * Hop 11, destination: what the packet reaches. For a pod: whether it runs and declares the port (an undeclared
 * port can still listen, so that is a note, never a drop).
 */
import { describeTarget, podKey, resource, rule, type TraceState } from '../context.js';

export function destinationHop(state: TraceState): void {
  const target = state.target;
  const port = state.packet.port;
  if (target === undefined) {
    state.add({
      kind: 'destination',
      result: 'pass',
      resource: resource('address', state.packet.dst),
      rule: null,
      reason: `reaches ${state.packet.dst}`,
    });
    return;
  }
  if (target.kind !== 'pod') {
    const id =
      target.kind === 'rds'
        ? target.rds.id
        : target.kind === 'slb'
          ? (target.lb?.id ?? target.address)
          : target.kind === 'node'
            ? target.node.name
            : target.kind === 'ecs'
              ? (target.instance?.id ?? target.eni?.id ?? target.address)
              : target.address;
    const type = target.kind === 'address' ? 'address' : target.kind === 'rds' ? 'rds-instance' : target.kind;
    state.add({
      kind: 'destination',
      result: 'pass',
      resource: resource(type, id),
      rule: null,
      reason: `reaches ${describeTarget(target)}`,
    });
    return;
  }
  const pod = target.pod;
  const res = resource('pod', podKey(pod));
  if (pod.phase !== undefined && pod.phase !== 'Running') {
    state.add({
      kind: 'destination',
      result: 'drop',
      resource: res,
      rule: rule(podKey(pod), `status.phase ${pod.phase}`, pod.origin),
      reason: `${podKey(pod)} is ${pod.phase}, not Running: nothing answers`,
    });
    return;
  }
  if (state.packet.protocol === 'icmp' || port === null) {
    state.add({
      kind: 'destination',
      result: 'pass',
      resource: res,
      rule: null,
      reason: `reaches ${describeTarget(target)}`,
    });
    return;
  }
  const declared = pod.containerPorts.find(
    (p) => p.containerPort === port && p.protocol === state.packet.protocol,
  );
  state.add({
    kind: 'destination',
    result: 'pass',
    resource: res,
    rule:
      declared === undefined
        ? null
        : rule(
            `${podKey(pod)}:${port}`,
            `containerPort ${port}/${declared.protocol}${declared.name === undefined ? '' : ` (${declared.name})`}`,
            pod.origin,
          ),
    reason:
      declared === undefined
        ? `reaches ${describeTarget(target)}; port ${port}/${state.packet.protocol} is not declared by a container (it may still listen)`
        : `reaches ${describeTarget(target)}, which declares port ${port}/${state.packet.protocol}`,
  });
}
