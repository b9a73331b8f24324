/**
 * What an address is: a pod, a node, a cloud resource, somewhere in the VPC, or the Internet.
 */
import { cidrContains } from '../net/ip.js';
import type { Target } from './context.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** Ranges that never route over the Internet (RFC 1918, CGNAT incl. Alibaba's 100.100/16 services, link-local, ULA). */
const NON_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

export function isNonPublic(address: string): boolean {
  return NON_PUBLIC.some((cidr) => cidrContains(cidr, address));
}

export function inVpc(index: SnapshotIndex, address: string): boolean {
  return (
    index.vpcCidrs().some((cidr) => cidrContains(cidr, address)) || index.vSwitchForIp(address) !== undefined
  );
}

/** Flannel pod CIDR (or Terway pod vSwitch CIDRs) of the cluster. */
export function inPodCidrs(index: SnapshotIndex, address: string): boolean {
  const fact = index.snapshot.facts.podCidrs;
  return fact.known && fact.value.some((cidr) => cidrContains(cidr, address));
}

/** Whether the packet to this address leaves for the Internet. */
export function isInternet(index: SnapshotIndex, address: string): boolean {
  return !isNonPublic(address) && !inVpc(index, address) && !inPodCidrs(index, address);
}

/** Resolves an address to the object that owns it. */
export function classifyAddress(index: SnapshotIndex, address: string): Target {
  const pod = index.podByIp(address);
  if (pod !== undefined) return { kind: 'pod', pod, address };
  const rds = index.rdsByAddress(address);
  if (rds !== undefined) return { kind: 'rds', rds, address };
  const lb = index.loadBalancerByAddress(address);
  const service = index.serviceByLoadBalancerIp(address);
  if (lb !== undefined || service !== undefined) {
    return {
      kind: 'slb',
      address,
      ...(lb === undefined ? {} : { lb }),
      ...(service === undefined ? {} : { service }),
    };
  }
  const node = index.nodeByIp(address);
  const instance =
    index.instanceByPrivateIp(address) ??
    (node?.instanceId === undefined ? undefined : index.instance(node.instanceId));
  if (node !== undefined)
    return { kind: 'node', node, address, ...(instance === undefined ? {} : { instance }) };
  const eni = index.eniByPrivateIp(address);
  const owner = instance ?? (eni?.instanceId === undefined ? undefined : index.instance(eni.instanceId));
  if (eni !== undefined || owner !== undefined) {
    return {
      kind: 'ecs',
      address,
      ...(owner === undefined ? {} : { instance: owner }),
      ...(eni === undefined ? {} : { eni }),
    };
  }
  return { kind: 'address', address };
}
