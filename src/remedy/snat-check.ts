/**
 * Whether the NAT gateway API would accept an SNAT entry, so that no proof or what-if rests on one it would refuse.
 * CreateSnatEntry / ModifySnatEntry take EIPs of the gateway ("SnatIp: the EIP in the SNAT entry", help.aliyun.com
 * NAT Gateway API), and "each vSwitch or ECS instance can be specified in only one SNAT entry" (CreateSnatEntry).
 */
import type { NatGateway, SnatEntry } from '../model/index.js';

/** The first SnatIp that is not an EIP of the gateway, as a refusal, or undefined. */
export function foreignSnatIp(gateway: NatGateway, snatIps: readonly string[]): string | undefined {
  const own = gateway.ipList.map((i) => i.ipAddress);
  const foreign = snatIps.find((ip) => !own.includes(ip));
  if (foreign === undefined) return undefined;
  return `${foreign} is not an EIP of NAT gateway ${gateway.id} (its EIPs: ${own.join(', ') || 'none'})`;
}

/** An entry of the table that already has this source (vSwitch or CIDR), as a refusal, or undefined. */
export function takenSnatSource(
  entries: readonly SnatEntry[],
  snatTableId: string,
  source: { readonly sourceVSwitchId?: string; readonly sourceCidr?: string },
): string | undefined {
  const taken = entries.find(
    (e) =>
      e.snatTableId === snatTableId &&
      ((source.sourceVSwitchId !== undefined && e.sourceVSwitchId === source.sourceVSwitchId) ||
        (source.sourceCidr !== undefined && e.sourceCidr === source.sourceCidr)),
  );
  if (taken === undefined) return undefined;
  const what = source.sourceVSwitchId ?? source.sourceCidr;
  return `${what} already has SNAT entry ${taken.id} in ${snatTableId} (a ${source.sourceVSwitchId === undefined ? 'source CIDR' : 'vSwitch'} can be in only one SNAT entry): change its SnatIps instead (modifySnatEntry)`;
}
