/**
 * The items of a what-if change file (docs/whatif.md "The change file"): one key per item, each checked by its zod
 * schema and turned into the typed SnapshotChange that applyChange (src/remedy/apply.ts) makes. A bad item is a
 * list of errors, each with the path of the field it is about (for the file's line numbers, index.ts).
 */
import { z } from 'zod';
import type { SnapshotChange } from '../../remedy/change.js';

/** One problem of an item; `path` leads from the item's value to the field (empty: the item as a whole). */
export interface ItemError {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const id = z.string().min(1);
const cidr = z.string().min(1);
const list = z.array(z.string().min(1)).min(1);
const portNumber = z.number().int().min(1).max(65535);
/**
 * A Service port name: "This must be a DNS_LABEL" (ServicePort.name, Kubernetes API), i.e. an RFC 1123 label of at
 * most 63 characters (the 15-character IANA_SVC_NAME limit is for container ports, not Service ports).
 */
const portName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'a lower-case DNS label (RFC 1123) of at most 63 characters',
  );
const ports = z
  .union([z.string().regex(/^(-1\/-1|\d{1,5}\/\d{1,5}|\d{1,5})$/), z.number().int().min(1).max(65535)])
  .optional();

function portRange(value: string | number | undefined): readonly [number, number] | null {
  if (value === undefined || value === '-1/-1') return null;
  const [from, to = from] = String(value).split('/').map(Number) as [number, number?];
  return [from, to ?? from];
}

const sgRule = z.strictObject({
  securityGroupId: id,
  direction: z.enum(['ingress', 'egress']),
  policy: z.enum(['accept', 'drop', 'Accept', 'Drop']).default('accept'),
  priority: z.number().int().min(1).max(100).default(1),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all']),
  ports,
  cidr: cidr.optional(),
  ipv6Cidr: cidr.optional(),
  description: z.string().optional(),
});

const itemSchemas = {
  addSnatEntry: z.strictObject({
    snatTableId: id,
    sourceVSwitchId: id.optional(),
    sourceCidr: cidr.optional(),
    snatIps: list,
  }),
  removeSnatEntry: z.strictObject({ id }),
  // NextHopType as the VPC API spells it (CreateRouteEntry; ROS ALIYUN::ECS::Route lists the same values): a typo
  // would otherwise become a next hop the engine reads as "other", silently off the Internet path.
  addRoute: z.strictObject({
    routeTableId: id,
    destinationCidr: cidr,
    nextHopType: z.enum([
      'Instance',
      'HaVip',
      'RouterInterface',
      'NetworkInterface',
      'VpnGateway',
      'IPv6Gateway',
      'NatGateway',
      'Attachment',
      'VpcPeer',
      'Ipv4Gateway',
      'GatewayEndpoint',
      'Ecr',
      'GatewayLoadBalancerEndpoint',
    ]),
    nextHopId: id,
  }),
  removeRoute: z.strictObject({ routeTableId: id, destinationCidr: cidr }),
  addSecurityGroupRule: sgRule,
  removeSecurityGroupRule: z.strictObject({ securityGroupId: id, ruleId: id }),
  modifySecurityGroupRule: z.strictObject({
    securityGroupId: id,
    ruleId: id,
    priority: z.number().int().min(1).max(100).optional(),
    policy: z.enum(['accept', 'drop', 'Accept', 'Drop']).optional(),
  }),
  addNetworkAclEntry: z.strictObject({
    networkAclId: id,
    direction: z.enum(['ingress', 'egress']),
    policy: z.enum(['accept', 'drop']).default('accept'),
    protocol: z.enum(['tcp', 'udp', 'icmp', 'gre', 'all']),
    ports: z
      .string()
      .regex(/^(-1\/-1|\d{1,5}\/\d{1,5})$/)
      .default('-1/-1'),
    cidr,
  }),
  addRdsWhitelistEntry: z.strictObject({ dbInstanceId: id, group: id.default('default'), entries: list }),
  addSlbAclEntry: z.strictObject({ aclId: id, entries: list }),
  addAllowListSource: z.strictObject({ allowList: id, sources: list }),
  bindEip: z.strictObject({
    allocationId: id,
    instanceId: id,
    instanceType: z.enum(['NetworkInterface', 'EcsInstance']),
    privateIpAddress: z.string().optional(),
  }),
  enableIpv6Bandwidth: z.strictObject({ ipv6AddressId: id, bandwidth: z.number().int().min(1).default(1) }),
  setPodAnnotations: z.strictObject({
    namespace: id,
    pod: id,
    annotations: z.record(z.string(), z.string()),
  }),
  setExternalTrafficPolicy: z.strictObject({
    namespace: id,
    service: id,
    policy: z.enum(['Cluster', 'Local']),
  }),
  setConfigMapData: z.strictObject({ namespace: id, name: id, key: id, value: z.string() }),
  modifySnatEntry: z.strictObject({ id, snatIps: list }),
  setInternalTrafficPolicy: z.strictObject({
    namespace: id,
    service: id,
    policy: z.enum(['Cluster', 'Local']),
  }),
  // A Service port, applied as the API server and the EndpointSlice controller would (remedy/change.ts
  // add-service-port); on a LoadBalancer Service the CLB listener CCM creates for it is a separate addSlbListener.
  addServicePort: z.strictObject({
    namespace: id,
    service: id,
    port: portNumber,
    protocol: z.enum(['tcp', 'udp', 'sctp', 'TCP', 'UDP', 'SCTP']).default('tcp'),
    targetPort: portNumber.optional(),
    nodePort: portNumber.optional(),
    name: portName.optional(),
    existingPortName: portName.optional(),
  }),
  addSlbListener: z.strictObject({
    loadBalancerId: id,
    protocol: z.enum(['tcp', 'udp', 'TCP', 'UDP']).default('tcp'),
    port: portNumber,
    backendPort: portNumber,
  }),
} as const;

export type ItemKey = keyof typeof itemSchemas;
export const ITEM_KEYS = Object.keys(itemSchemas) as ItemKey[];

function lower(policy: string): 'accept' | 'drop' {
  return policy.toLowerCase() === 'drop' ? 'drop' : 'accept';
}

function problem(message: string, ...path: (string | number)[]): ItemError[] {
  return [{ path, message }];
}

/** The value at `path` under `value` (object keys, array indexes), undefined when the path does not exist. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * One zod issue in the file's words: an unknown field is named at its own line with the fields the item takes, a
 * missing one says so (zod's "expected string, received undefined" reads as a wrong value).
 */
function itemErrors(key: ItemKey, value: unknown, issue: z.core.$ZodIssue): ItemError[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    const fields = path.length === 0 ? Object.keys(itemSchemas[key].shape).join(', ') : undefined;
    return issue.keys.map((field) => ({
      path: [...path, field],
      message: fields === undefined ? 'unknown field' : `unknown field (${key} takes ${fields})`,
    }));
  }
  if (path.length > 0 && valueAt(value, path) === undefined) {
    const expected =
      issue.code === 'invalid_type'
        ? `expected ${issue.expected}`
        : issue.message.replace(/^Invalid option: /, '');
    return [{ path, message: `missing (${expected})` }];
  }
  return [{ path, message: issue.message }];
}

export function toChange(key: ItemKey, value: unknown): SnapshotChange | ItemError[] {
  const parsed = itemSchemas[key].safeParse(value);
  if (!parsed.success) return parsed.error.issues.flatMap((i) => itemErrors(key, value, i));
  const v = parsed.data as Record<string, unknown>;
  switch (key) {
    case 'addSnatEntry': {
      const d = itemSchemas.addSnatEntry.parse(v);
      if ((d.sourceVSwitchId === undefined) === (d.sourceCidr === undefined))
        return problem('give exactly one of sourceVSwitchId and sourceCidr');
      return {
        kind: 'add-snat-entry',
        snatTableId: d.snatTableId,
        snatIps: d.snatIps,
        ...(d.sourceVSwitchId === undefined ? {} : { sourceVSwitchId: d.sourceVSwitchId }),
        ...(d.sourceCidr === undefined ? {} : { sourceCidr: d.sourceCidr }),
      };
    }
    case 'removeSnatEntry':
      return { kind: 'remove-snat-entry', snatEntryId: itemSchemas.removeSnatEntry.parse(v).id };
    case 'addRoute':
      return { kind: 'add-route-entry', ...itemSchemas.addRoute.parse(v) };
    case 'removeRoute':
      return { kind: 'remove-route-entry', ...itemSchemas.removeRoute.parse(v) };
    case 'addSecurityGroupRule': {
      const d = itemSchemas.addSecurityGroupRule.parse(v);
      if (d.cidr === undefined && d.ipv6Cidr === undefined) return problem('give cidr (IPv4) or ipv6Cidr');
      return {
        kind: 'add-security-group-rule',
        rule: {
          securityGroupId: d.securityGroupId,
          direction: d.direction,
          policy: lower(d.policy),
          priority: d.priority,
          protocol: d.protocol,
          portRange: portRange(d.ports),
          ...(d.cidr === undefined ? {} : { cidr: d.cidr }),
          ...(d.ipv6Cidr === undefined ? {} : { ipv6Cidr: d.ipv6Cidr }),
          ...(d.description === undefined ? {} : { description: d.description }),
        },
      };
    }
    case 'removeSecurityGroupRule':
      return { kind: 'remove-security-group-rule', ...itemSchemas.removeSecurityGroupRule.parse(v) };
    case 'modifySecurityGroupRule': {
      const d = itemSchemas.modifySecurityGroupRule.parse(v);
      return {
        kind: 'modify-security-group-rule',
        securityGroupId: d.securityGroupId,
        ruleId: d.ruleId,
        ...(d.priority === undefined ? {} : { priority: d.priority }),
        ...(d.policy === undefined ? {} : { policy: lower(d.policy) }),
      };
    }
    case 'addNetworkAclEntry': {
      const d = itemSchemas.addNetworkAclEntry.parse(v);
      return {
        kind: 'add-network-acl-entry',
        networkAclId: d.networkAclId,
        direction: d.direction,
        entry: { policy: d.policy, protocol: d.protocol, portRange: d.ports, cidr: d.cidr },
      };
    }
    case 'addRdsWhitelistEntry':
      return { kind: 'add-rds-whitelist-entry', ...itemSchemas.addRdsWhitelistEntry.parse(v) };
    case 'addSlbAclEntry':
      return { kind: 'add-slb-acl-entry', ...itemSchemas.addSlbAclEntry.parse(v) };
    case 'addAllowListSource':
      return { kind: 'add-allow-list-source', ...itemSchemas.addAllowListSource.parse(v) };
    case 'bindEip': {
      const d = itemSchemas.bindEip.parse(v);
      return {
        kind: 'bind-eip',
        allocationId: d.allocationId,
        instanceId: d.instanceId,
        instanceType: d.instanceType,
        ...(d.privateIpAddress === undefined ? {} : { privateIpAddress: d.privateIpAddress }),
      };
    }
    case 'enableIpv6Bandwidth':
      return { kind: 'enable-ipv6-bandwidth', ...itemSchemas.enableIpv6Bandwidth.parse(v) };
    case 'setPodAnnotations':
      return { kind: 'set-pod-annotations', ...itemSchemas.setPodAnnotations.parse(v) };
    case 'setExternalTrafficPolicy':
      return { kind: 'set-external-traffic-policy', ...itemSchemas.setExternalTrafficPolicy.parse(v) };
    case 'setConfigMapData':
      return { kind: 'set-config-map-data', ...itemSchemas.setConfigMapData.parse(v) };
    case 'modifySnatEntry': {
      const d = itemSchemas.modifySnatEntry.parse(v);
      return { kind: 'modify-snat-entry', snatEntryId: d.id, snatIps: d.snatIps };
    }
    case 'setInternalTrafficPolicy':
      return { kind: 'set-internal-traffic-policy', ...itemSchemas.setInternalTrafficPolicy.parse(v) };
    case 'addServicePort': {
      const d = itemSchemas.addServicePort.parse(v);
      const protocol = d.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp';
      return {
        kind: 'add-service-port',
        namespace: d.namespace,
        service: d.service,
        port: {
          // Kubernetes defaults targetPort to the port; podreach names the port as its fixes do.
          name: d.name ?? `${protocol}-${d.port}`,
          protocol,
          port: d.port,
          targetPort: d.targetPort ?? d.port,
          ...(d.nodePort === undefined ? {} : { nodePort: d.nodePort }),
        },
        ...(d.existingPortName === undefined ? {} : { existingPortName: d.existingPortName }),
      };
    }
    case 'addSlbListener': {
      const d = itemSchemas.addSlbListener.parse(v);
      return {
        kind: 'add-slb-listener',
        loadBalancerId: d.loadBalancerId,
        protocol: d.protocol.toLowerCase() as 'tcp' | 'udp',
        port: d.port,
        backendPort: d.backendPort,
      };
    }
  }
}
