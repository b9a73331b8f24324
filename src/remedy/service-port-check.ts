/**
 * Whether the API server would accept a port added to a Service (`kubectl patch service --type json`), so that
 * podreach never proves a fix, or shows a what-if, with a change Kubernetes would reject. Kubernetes Service
 * validation: a nodePort is "Forbidden: may not be used when `type` is 'ClusterIP'"; port names must be unique, and
 * every port of a multi-port Service must have one; a nodePort is allocated once in the cluster ("provided port is
 * already allocated"), though one Service may use it for two protocols. A NodePort/LoadBalancer port without a
 * nodePort gets one the API server picks: the change must name it, since podreach cannot know which.
 */
import type { Service, Snapshot } from '../model/index.js';
import type { SnapshotChange } from './change.js';

type AddServicePort = Extract<SnapshotChange, { kind: 'add-service-port' }>;

/** The reason the API server would refuse the change, or undefined when it would accept it. */
export function servicePortProblem(
  snapshot: Snapshot,
  svc: Service,
  change: AddServicePort,
): string | undefined {
  const key = `${svc.namespace}/${svc.name}`;
  const np = change.port;
  const exposed = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  if (np.nodePort !== undefined && !exposed)
    return `Service ${key} is ${svc.type}: a nodePort is only for NodePort and LoadBalancer Services`;
  if (np.nodePort === undefined && exposed)
    return `Service ${key} is ${svc.type}: give the nodePort (the API server would allocate one podreach cannot know)`;
  if (svc.ports.some((p) => p.name === np.name)) return `Service ${key} already has a port named ${np.name}`;
  const unnamed = svc.ports.some((p) => (p.name ?? '') === '');
  if (unnamed && change.existingPortName === undefined)
    return `Service ${key} has an unnamed port: name it (existingPortName), every port of a multi-port Service must have a name`;
  if (np.nodePort !== undefined) {
    for (const other of snapshot.kubernetes.services) {
      for (const p of other.ports) {
        if (p.nodePort !== np.nodePort) continue;
        // The same Service may serve one nodePort for TCP and UDP; any other use is an allocation conflict.
        if (other === svc && p.protocol !== np.protocol) continue;
        return `nodePort ${np.nodePort} is already allocated (Service ${other.namespace}/${other.name} port ${p.port}/${p.protocol})`;
      }
    }
  }
  return undefined;
}
