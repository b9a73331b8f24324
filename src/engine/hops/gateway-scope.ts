/**
 * Where a gateway can take a packet. An Internet NAT gateway, an IPv4 gateway and an IPv6 gateway lead to the
 * Internet only, where private addresses (RFC 1918, ULA…) are not routed; a VPC NAT gateway (NetworkType `intranet`)
 * translates to private addresses for other private networks and never reaches the Internet (NAT Gateway docs, "VPC
 * NAT gateway"; alibaba-semantics.md §3 and the DescribeNatGateways fields). A route's next hop alone therefore
 * does not make a packet arrive: these checks stop the two mismatches instead of letting them pass as delivered.
 */
import { cidrContains } from '../../net/ip.js';
import { inPodCidrs, inVpc } from '../addresses.js';
import { resource, type TraceState } from '../context.js';

/** Private ranges another network may use (RFC 1918, RFC 4193). Link-local, loopback and 100.64.0.0/10 (where
 * Alibaba Cloud's own services live) are left out: those are answered on the host or by system routes. */
const PRIVATE_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

function privateBeyondVpc(state: TraceState, address: string): boolean {
  return (
    PRIVATE_NETWORKS.some((cidr) => cidrContains(cidr, address)) &&
    !inVpc(state.index, address) &&
    !inPodCidrs(state.index, address)
  );
}

/** A private destination outside the VPC and the pod CIDRs, handed by the route to a gateway. Returns true when it
 * decided the hop (drop or unknown). */
export function privateDestinationThroughGateway(state: TraceState): boolean {
  const exit = state.exit;
  const dst = state.packet.dst;
  if (exit === undefined || exit.kind === 'none' || !privateBeyondVpc(state, dst)) return false;
  if (exit.kind === 'ipv4-gateway' || exit.kind === 'ipv6-gateway') {
    const what = exit.kind === 'ipv4-gateway' ? 'IPv4 gateway' : 'IPv6 gateway';
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: resource(exit.kind, exit.id),
      rule: null,
      reason: `${dst} is a private address outside the VPC: the route sends it to ${what} ${exit.id}, which leads only to the Internet, where private addresses are not routed`,
    });
    state.halted = true;
    return true;
  }
  const gateway = state.index.natGateway(exit.id);
  const res = resource('nat-gateway', exit.id, gateway?.name);
  if (gateway?.networkType === 'internet') {
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: res,
      rule: null,
      reason: `${dst} is a private address outside the VPC: the route sends it to Internet NAT gateway ${exit.id}, which leads only to the Internet, where private addresses are not routed`,
    });
    state.halted = true;
    return true;
  }
  if (gateway === undefined || gateway.networkType !== 'intranet') {
    state.need(
      'internet-exit',
      `the type of NAT gateway ${exit.id} (Internet or VPC NAT)`,
      `aliyun vpc DescribeNatGateways${state.region()} --NatGatewayId ${exit.id}`,
    );
  }
  state.add({
    kind: 'internet-exit',
    result: 'unknown',
    resource: res,
    rule: null,
    reason:
      gateway?.networkType === 'intranet'
        ? `${dst} is a private address outside the VPC: VPC NAT gateway ${exit.id} forwards it to networks podreach does not model (CEN, VPN gateway, VBR)`
        : `${dst} is a private address outside the VPC sent to NAT gateway ${exit.id}, whose type (Internet or VPC NAT) is not in the snapshot`,
  });
  state.halted = true;
  return true;
}

/** An Internet destination handed to a VPC NAT gateway: returns true when it dropped the packet. */
export function internetThroughVpcNat(state: TraceState): boolean {
  const exit = state.exit;
  if (exit?.kind !== 'nat-gateway') return false;
  const gateway = state.index.natGateway(exit.id);
  if (gateway?.networkType !== 'intranet') return false;
  state.add({
    kind: 'internet-exit',
    result: 'drop',
    resource: resource('nat-gateway', exit.id, gateway.name),
    rule: null,
    reason: `the route sends ${state.packet.dst} to ${exit.id}, a VPC NAT gateway (NetworkType intranet): it translates to private addresses only and does not reach the Internet`,
  });
  state.halted = true;
  return true;
}
