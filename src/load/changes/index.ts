/**
 * The what-if change file (docs/whatif.md): a YAML stream whose `apiVersion: podreach/v1, kind: Changes` documents
 * list Alibaba Cloud and cluster changes, one key per item, and whose other documents are extra or replacement
 * Kubernetes manifests (`kubectl get -o yaml` shapes; same kind, namespace and name replaces). Errors are values:
 * one line each, naming the file, the item and what was expected.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { z } from 'zod';
import type { SnapshotChange } from '../../remedy/change.js';

export type ChangeFileResult =
  | { readonly ok: true; readonly changes: readonly SnapshotChange[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const id = z.string().min(1);
const cidr = z.string().min(1);
const list = z.array(z.string().min(1)).min(1);
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
  addRoute: z.strictObject({ routeTableId: id, destinationCidr: cidr, nextHopType: id, nextHopId: id }),
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
} as const;

type ItemKey = keyof typeof itemSchemas;
const ITEM_KEYS = Object.keys(itemSchemas) as ItemKey[];

function lower(policy: string): 'accept' | 'drop' {
  return policy.toLowerCase() === 'drop' ? 'drop' : 'accept';
}

function toChange(key: ItemKey, value: unknown): SnapshotChange | string {
  const parsed = itemSchemas[key].safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues
      .map((i) => `${[key, ...i.path.map(String)].join('.')}: ${i.message}`)
      .join('; ');
  }
  const v = parsed.data as Record<string, unknown>;
  switch (key) {
    case 'addSnatEntry': {
      const d = itemSchemas.addSnatEntry.parse(v);
      if ((d.sourceVSwitchId === undefined) === (d.sourceCidr === undefined))
        return 'addSnatEntry: give exactly one of sourceVSwitchId and sourceCidr';
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
      if (d.cidr === undefined && d.ipv6Cidr === undefined)
        return 'addSecurityGroupRule: give cidr (IPv4) or ipv6Cidr';
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
  }
}

function isChangesDocument(value: unknown): value is { kind: string; changes?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>).kind === 'Changes' &&
    (value as Record<string, unknown>).apiVersion === 'podreach/v1'
  );
}

/** Parses one change file. Kubernetes documents become one `kubernetes-manifests` change, after the others. */
export function parseChangeFile(file: string, text: string): ChangeFileResult {
  const errors: string[] = [];
  const changes: SnapshotChange[] = [];
  const manifests: unknown[] = [];
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, docIndex) => {
    for (const e of doc.errors) errors.push(`${file}: document ${docIndex + 1}: ${e.message.split('\n')[0]}`);
    if (doc.errors.length > 0) return;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    if (!isChangesDocument(value)) {
      manifests.push(value);
      return;
    }
    const items = value.changes;
    if (!Array.isArray(items)) {
      errors.push(`${file}: document ${docIndex + 1}: changes must be a list`);
      return;
    }
    items.forEach((item, i) => {
      const where = `${file}: changes[${i}]`;
      const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
      const key = keys[0];
      if (keys.length !== 1 || key === undefined || !ITEM_KEYS.includes(key as ItemKey)) {
        errors.push(
          `${where}: expected one key of ${ITEM_KEYS.join(', ')}; found ${keys.join(', ') || 'none'}`,
        );
        return;
      }
      const change = toChange(key as ItemKey, (item as Record<string, unknown>)[key]);
      if (typeof change === 'string') errors.push(`${where}: ${change}`);
      else changes.push(change);
    });
  });
  if (manifests.length > 0) {
    changes.push({
      kind: 'kubernetes-manifests',
      file,
      yaml: manifests.map((m) => stringify(m)).join('---\n'),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (changes.length === 0)
    return { ok: false, errors: [`${file}: no change and no Kubernetes object in the file`] };
  return { ok: true, changes };
}
