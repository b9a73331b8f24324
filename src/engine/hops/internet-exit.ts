/**
 * Hop 8, internet-exit: which public address carries the packet to the Internet (seed page "Internet";
 * alibaba-semantics.md §1.4, §3, §4, §7):
 * IPv4 — (a) an EIP bound to the pod's own private IP (Terway: PodEIP status or an EIP bound to that ENI IP);
 * (b) Flannel/hostNetwork: the node's EIP or static public IP ("EIP bound to the node: supported for Flannel, not
 * for Terway pods"); (c) else the SNAT entry of the NAT gateway the route points to with the longest source prefix
 * covering the source (pod IP for Terway, node IP for Flannel); (d) else no Internet. "SNAT entries do not take
 * effect on ECS instances that are assigned public IP addresses": (a)/(b) win over (c).
 * IPv6 — an IPv4 single-stack cluster or pod never reaches IPv6; a dual-stack pod goes out with its own IPv6
 * address, which needs the `::/0 → IPv6 gateway` route and IPv6 Internet bandwidth on that address.
 */
import { selectSnatEntry } from '../../eval/snat.js';
import type { Origin, Pod, PodEip } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { isInternet } from '../addresses.js';
import { podKey, resource, rule, type TraceState } from '../context.js';
import { memoByIdentity } from '../memo.js';
import { canonicalIp } from '../snapshot-index.js';
import { SEED_IPV4_ONLY } from './dns.js';
import { internetThroughVpcNat, privateDestinationThroughGateway } from './gateway-scope.js';

export interface PublicAddress {
  readonly address: string;
  readonly id: string;
  readonly description: string;
  readonly origin?: Origin;
}

const EFFECTIVE = new Set(['inuse', 'available']);

function effective(status: string | undefined): boolean {
  return status === undefined || EFFECTIVE.has(status.toLowerCase());
}

/** Annotations that ask for a pod EIP (Terway / ack-extend-network-controller). */
const POD_EIP_ANNOTATIONS = [
  'k8s.aliyun.com/pod-with-eip',
  'network.alibabacloud.com/pod-with-eip',
  'k8s.aliyun.com/pod-eip-instanceid',
  'network.alibabacloud.com/pod-eip-instanceid',
];

/** Public addresses bound to one private IP that are not in effect, for the reason text. */
function ineffectiveFor(state: TraceState, privateIp: string): string[] {
  return state.index
    .eipsByPrivateIp(privateIp)
    .filter((e) => !effective(e.status))
    .map((e) => `EIP ${e.allocationId} (${e.ipAddress}) is ${e.status}, not in effect`);
}

/** PodEIPs by namespace then name, in list order, once per PodEIP list (a check used to scan them all). */
const podEipsByPod = memoByIdentity((podEips: readonly PodEip[]) => {
  const byNamespace = new Map<string, Map<string, PodEip[]>>();
  for (const podEip of podEips) {
    let byName = byNamespace.get(podEip.namespace);
    if (byName === undefined) {
      byName = new Map();
      byNamespace.set(podEip.namespace, byName);
    }
    const list = byName.get(podEip.name);
    if (list === undefined) byName.set(podEip.name, [podEip]);
    else list.push(podEip);
  }
  return byNamespace;
});

function podEipsOf(podEips: readonly PodEip[], pod: Pod): readonly PodEip[] {
  return podEipsByPod(podEips).get(pod.namespace)?.get(pod.name) ?? [];
}

/** The public IP that carries the source's current address to the Internet, if one is bound to it. */
export function publicAddressOf(state: TraceState): PublicAddress | undefined {
  const src = canonicalIp(state.packet.src);
  const s = state.source;
  if (src === '' || ipFamily(src) !== 4) return undefined;
  const pod = s.pod;
  if (pod !== undefined && !s.usesNodeNetwork) {
    const podEip = podEipsOf(state.snapshot.kubernetes.podEips, pod).find(
      (p) =>
        p.eipAddress !== undefined &&
        effective(p.status) &&
        (p.privateIpAddress === undefined || canonicalIp(p.privateIpAddress) === src),
    );
    if (podEip?.eipAddress !== undefined) {
      return {
        address: podEip.eipAddress,
        id: podEip.allocationId ?? `podeip/${pod.namespace}/${pod.name}`,
        description: `PodEIP ${pod.namespace}/${pod.name} (status ${podEip.status ?? 'unset'})`,
        origin: podEip.origin,
      };
    }
  }
  // An EIP binds (instance, private IP): it must name the ENI or the ECS that holds the address, when known.
  const holderEni = state.index.eniByPrivateIp(src);
  const holders = new Set([holderEni?.id, holderEni?.instanceId, state.index.instanceByPrivateIp(src)?.id]);
  holders.delete(undefined);
  const eip = state.index
    .eipsByPrivateIp(src)
    .filter(
      (e) =>
        effective(e.status) &&
        e.instanceId !== undefined &&
        (holders.size === 0 || holders.has(e.instanceId)),
    )
    .sort((a, b) => a.allocationId.localeCompare(b.allocationId))[0];
  if (eip !== undefined) {
    return {
      address: eip.ipAddress,
      id: eip.allocationId,
      description: `EIP ${eip.allocationId} bound to ${eip.instanceType ?? 'instance'} ${eip.instanceId ?? ''} private IP ${src}`,
      origin: eip.origin,
    };
  }
  const eni = state.index.eniByPrivateIp(src);
  const associated = eni?.privateIps.find(
    (p) => canonicalIp(p.address) === src && p.associatedPublicIp !== undefined,
  );
  if (eni !== undefined && associated?.associatedPublicIp !== undefined) {
    return {
      address: associated.associatedPublicIp,
      id: associated.associatedAllocationId ?? eni.id,
      description: `public IP associated with ${src} on ENI ${eni.id}`,
      origin: eni.origin,
    };
  }
  // Instance-level public IPs map the primary private IP of the primary ENI only (§4; open question 1: assumed
  // not to cover secondary IPs, i.e. Terway pod IPs).
  const instance = state.index.instanceByPrivateIp(src);
  if (
    instance !== undefined &&
    instance.privateIps[0] !== undefined &&
    canonicalIp(instance.privateIps[0]) === src
  ) {
    const bound = state.index
      .eipsByInstance(instance.id)
      .filter((e) => effective(e.status) && (e.instanceType ?? 'EcsInstance') === 'EcsInstance')
      .sort((a, b) => a.allocationId.localeCompare(b.allocationId))[0];
    if (bound !== undefined) {
      return {
        address: bound.ipAddress,
        id: bound.allocationId,
        description: `EIP ${bound.allocationId} bound to ECS ${instance.id}`,
        origin: bound.origin,
      };
    }
    if (instance.eipAddress !== undefined) {
      return {
        address: instance.eipAddress,
        id: instance.eipAllocationId ?? instance.id,
        description: `EIP of ECS ${instance.id}`,
        origin: instance.origin,
      };
    }
    const staticIp = instance.publicIps[0];
    if (staticIp !== undefined) {
      return {
        address: staticIp,
        id: instance.id,
        description: `static public IP of ECS ${instance.id}`,
        origin: instance.origin,
      };
    }
  }
  return undefined;
}

/** Notes about public IPs that exist but do not carry this pod's traffic (seed page table). */
function notCarrying(state: TraceState): string[] {
  const s = state.source;
  const notes: string[] = [];
  const pod = s.pod;
  if (pod === undefined || !s.cni.known) return notes;
  if (s.cni.value === 'terway' && !s.usesNodeNetwork && s.instance !== undefined) {
    const nodeEip =
      s.instance.eipAddress ??
      state.index
        .eipsByInstance(s.instance.id)
        .find((e) => effective(e.status) && (e.instanceType ?? 'EcsInstance') === 'EcsInstance')?.ipAddress ??
      s.instance.publicIps[0];
    if (nodeEip !== undefined) {
      notes.push(
        `the node's public IP ${nodeEip} does not carry Terway pod traffic (seed page: "EIP bound to the node: not supported for Pods" on Terway)`,
      );
    }
  }
  if (s.cni.value === 'flannel') {
    const asked = POD_EIP_ANNOTATIONS.find((a) => pod.annotations[a] !== undefined);
    if (asked !== undefined)
      notes.push(
        `annotation ${asked} is not honoured on Flannel (seed page: "EIP bound to the Pod: not supported" on Flannel)`,
      );
  }
  return notes;
}

function ipv6Exit(state: TraceState): void {
  const s = state.source;
  const src = state.packet.src;
  const stack = state.snapshot.facts.ipStack;
  const who = s.pod === undefined ? s.label : `pod ${podKey(s.pod)}`;
  if (src === '' || ipFamily(src) !== 6 || (stack.known && stack.value === 'ipv4')) {
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: resource('pod', s.label),
      rule: stack.known ? rule('cluster:ip_stack', stack.evidence, stack.origin) : null,
      reason: `${who} has no IPv6 address${stack.known && stack.value === 'ipv4' ? ' (IPv4 single-stack cluster)' : ''}: ${SEED_IPV4_ONLY}`,
    });
    state.halted = true;
    return;
  }
  const exit = state.exit;
  if (exit?.kind !== 'ipv6-gateway') {
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: resource('pod', s.label),
      rule: null,
      reason: `the route for ${state.packet.dst} does not lead to an IPv6 gateway: a dual-stack pod reaches the IPv6 Internet only through ::/0 → IPv6 gateway`,
    });
    state.halted = true;
    return;
  }
  const address = state.index.ipv6Address(src);
  const res = resource('ipv6-gateway', exit.id);
  if (address === undefined) {
    state.need(
      'internet-exit',
      `the IPv6 address record of ${src} (its Internet bandwidth)`,
      `aliyun vpc DescribeIpv6Addresses${state.region()} --Ipv6Address ${src}`,
    );
    state.add({
      kind: 'internet-exit',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `whether ${src} has IPv6 Internet bandwidth is not in the snapshot`,
    });
    state.halted = true;
    return;
  }
  const bandwidth = address.internetBandwidth;
  const addrRule = rule(address.id, `IPv6 address ${address.address}`, address.origin);
  if (bandwidth === undefined) {
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: res,
      rule: addrRule,
      reason: `${src} has no IPv6 Internet bandwidth: a pod's IPv6 address is private to the VPC by default; configure IPv6 public bandwidth for the pod (seed page)`,
    });
    state.halted = true;
    return;
  }
  state.add({
    kind: 'internet-exit',
    result: 'pass',
    resource: res,
    rule: addrRule,
    reason: `${who} reaches the IPv6 Internet with its own address ${src} (IPv6 Internet bandwidth${
      bandwidth.bandwidth === undefined ? '' : ` ${bandwidth.bandwidth} Mbit/s`
    } via ${exit.id})`,
    details: { bandwidth },
  });
}

export function internetExitHop(state: TraceState): void {
  const dst = state.packet.dst;
  if (!isInternet(state.index, dst)) {
    if (privateDestinationThroughGateway(state)) return;
    state.add({
      kind: 'internet-exit',
      result: 'skip',
      resource: null,
      rule: null,
      reason: `${dst} is not an Internet address: the packet stays inside the VPC`,
    });
    return;
  }
  if (state.packet.family === 6) {
    ipv6Exit(state);
    return;
  }
  const s = state.source;
  const src = state.packet.src;
  const notes = notCarrying(state);
  const suffix = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const publicIp = publicAddressOf(state);
  if (publicIp !== undefined) {
    state.setSource(publicIp.address);
    state.add({
      kind: 'internet-exit',
      result: 'rewrite',
      resource: resource('eip', publicIp.id),
      rule: rule(publicIp.id, publicIp.description, publicIp.origin),
      reason: `${src} → ${publicIp.address}: ${publicIp.description} (a public IP on the source wins over SNAT)${suffix}`,
    });
    return;
  }
  const ineffective = ineffectiveFor(state, src);
  const extra = [...ineffective, ...notes];
  const extraText = extra.length > 0 ? `; ${extra.join('; ')}` : '';
  const exit = state.exit;
  if (exit?.kind !== 'nat-gateway') {
    state.add({
      kind: 'internet-exit',
      result: 'drop',
      resource: null,
      rule: null,
      reason: `${src} has no public IP and the route does not lead to a NAT gateway${
        exit?.kind === 'ipv4-gateway'
          ? ` (it leads to IPv4 gateway ${exit.id}, which carries only public IPs)`
          : ''
      }: no way to the Internet${extraText}`,
    });
    state.halted = true;
    return;
  }
  if (internetThroughVpcNat(state)) return;
  const regionArg = state.region();
  const gateway = state.index.natGateway(exit.id);
  const res = resource('nat-gateway', exit.id, gateway?.name);
  const entries = state.index.snatEntries(exit.id);
  if (entries.length === 0) {
    const tables = gateway?.snatTableIds ?? [];
    state.need(
      'internet-exit',
      `the SNAT entries of ${exit.id}`,
      tables.length > 0
        ? `aliyun vpc DescribeSnatTableEntries${regionArg} --SnatTableId ${tables.join(',')}`
        : `aliyun vpc DescribeNatGateways${regionArg} --NatGatewayId ${exit.id}`,
    );
    state.add({
      kind: 'internet-exit',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `the SNAT entries of ${exit.id} are not in the snapshot${extraText}`,
    });
    state.halted = true;
    return;
  }
  const selection = selectSnatEntry(entries, src, (id) => state.index.vSwitch(id)?.cidrBlock);
  if (selection.entry !== undefined) {
    const entry = selection.entry;
    const [first, ...more] = entry.snatIps;
    if (first === undefined) {
      state.add({
        kind: 'internet-exit',
        result: 'drop',
        resource: res,
        rule: rule(entry.id, 'SNAT entry without SnatIp', entry.origin),
        reason: `SNAT entry ${entry.id} has no SnatIp${extraText}`,
      });
      state.halted = true;
      return;
    }
    if (selection.note !== undefined)
      state.assume('internet-exit', selection.note, 'alibaba-semantics.md §3 (UNCONFIRMED tie-break)');
    state.setSource(first, entry.snatIps);
    state.add({
      kind: 'internet-exit',
      result: 'rewrite',
      resource: res,
      rule: rule(
        entry.id,
        `SNAT ${selection.sourceCidr}${entry.sourceVSwitchId === undefined ? '' : ` (${entry.sourceVSwitchId})`} → ${entry.snatIps.join(',')}`,
        entry.origin,
      ),
      reason: `SNAT entry ${entry.id} of ${exit.id} covers ${src} (${selection.sourceCidr}, longest prefix): source → ${first}${
        more.length > 0 ? ` (one of ${entry.snatIps.join(', ')})` : ''
      }${extraText}`,
      details: { snatIps: entry.snatIps },
    });
    return;
  }
  if (selection.unresolved.length > 0) {
    const ids = selection.unresolved.map((e) => e.sourceVSwitchId ?? e.id);
    state.need(
      'internet-exit',
      `the CIDRs of vSwitches ${ids.join(', ')} named by SNAT entries`,
      `aliyun vpc DescribeVSwitches${regionArg} --VSwitchId ${ids[0]}`,
    );
    state.add({
      kind: 'internet-exit',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `no SNAT entry of ${exit.id} is known to cover ${src}, but the CIDRs of ${ids.join(', ')} are not in the snapshot${extraText}`,
    });
    state.halted = true;
    return;
  }
  const covers = entries
    .map((e) => e.sourceVSwitchId ?? e.sourceCidr ?? e.id)
    .filter((v, i, all) => all.indexOf(v) === i)
    .sort();
  const vsw = s.vSwitch;
  const nodeSide = s.usesNodeNetwork;
  const whose = nodeSide ? `the node's vSwitch` : `the pod's vSwitch`;
  const subject =
    vsw === undefined
      ? `${nodeSide ? 'the node IP' : 'the pod IP'} ${src}`
      : `${whose} ${vsw.id} (${vsw.cidrBlock}) or ${nodeSide ? 'node IP' : 'pod IP'} ${src}`;
  const ignored = selection.ignored.map((i) => `${i.entry.id} ignored: ${i.why}`);
  state.add({
    kind: 'internet-exit',
    result: 'drop',
    resource: res,
    rule: null,
    considered: entries.map((e) =>
      rule(
        e.id,
        `SNAT ${e.sourceVSwitchId ?? e.sourceCidr ?? '?'} → ${e.snatIps.join(',')}${e.status === undefined ? '' : ` (${e.status})`}`,
        e.origin,
      ),
    ),
    reason: `SNAT entries of ${exit.id} cover ${covers.join(', ')} but not ${subject}${
      ignored.length > 0 ? `; ${ignored.join('; ')}` : ''
    }${extraText}`,
  });
  state.halted = true;
}
