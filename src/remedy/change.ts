/**
 * A typed change to a snapshot: what a fix proposes and what a what-if file declares. Each is applied in memory by
 * applyChange (apply.ts) and rendered as the `aliyun`/`kubectl` command that makes it real (commands.ts).
 */
import type { SecurityGroupRuleProtocol, ServicePort } from '../model/index.js';

export interface NewSecurityGroupRule {
  readonly securityGroupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly policy: 'accept' | 'drop';
  /** 1 (highest) to 100. */
  readonly priority: number;
  readonly protocol: SecurityGroupRuleProtocol;
  /** null: every port (`-1/-1`). */
  readonly portRange: readonly [number, number] | null;
  /** The peer: SourceCidrIp (ingress) or DestCidrIp (egress); IPv6 peers go to ipv6Cidr. */
  readonly cidr?: string;
  readonly ipv6Cidr?: string;
  readonly description?: string;
}

export interface NewNetworkAclEntry {
  readonly policy: 'accept' | 'drop';
  readonly protocol: string;
  /** `-1/-1` for every port, else `from/to`. */
  readonly portRange: string;
  readonly cidr: string;
  readonly name?: string;
}

export type SnapshotChange =
  | {
      readonly kind: 'add-snat-entry';
      readonly snatTableId: string;
      readonly natGatewayId?: string;
      readonly sourceVSwitchId?: string;
      readonly sourceCidr?: string;
      readonly snatIps: readonly string[];
    }
  | { readonly kind: 'remove-snat-entry'; readonly snatEntryId: string }
  | {
      /** Sets the SnatIps of an existing SNAT entry (ModifySnatEntry), e.g. an entry left without any. */
      readonly kind: 'modify-snat-entry';
      readonly snatEntryId: string;
      readonly snatIps: readonly string[];
    }
  | {
      readonly kind: 'add-route-entry';
      readonly routeTableId: string;
      readonly destinationCidr: string;
      /** As the VPC API names it: NatGateway, Ipv6Gateway, Instance, HaVip, ... */
      readonly nextHopType: string;
      readonly nextHopId: string;
    }
  | { readonly kind: 'remove-route-entry'; readonly routeTableId: string; readonly destinationCidr: string }
  | { readonly kind: 'add-security-group-rule'; readonly rule: NewSecurityGroupRule }
  | { readonly kind: 'remove-security-group-rule'; readonly securityGroupId: string; readonly ruleId: string }
  | {
      readonly kind: 'modify-security-group-rule';
      readonly securityGroupId: string;
      readonly ruleId: string;
      readonly priority?: number;
      readonly policy?: 'accept' | 'drop';
    }
  | {
      readonly kind: 'add-network-acl-entry';
      readonly networkAclId: string;
      readonly direction: 'ingress' | 'egress';
      readonly entry: NewNetworkAclEntry;
    }
  | {
      readonly kind: 'add-rds-whitelist-entry';
      readonly dbInstanceId: string;
      /** The whitelist group (DBInstanceIPArrayName); created when absent. */
      readonly group: string;
      readonly entries: readonly string[];
    }
  | {
      /** A Layer-4 CLB listener, created and started (CreateLoadBalancerTCPListener/UDPListener, then Start). */
      readonly kind: 'add-slb-listener';
      readonly loadBalancerId: string;
      readonly protocol: 'tcp' | 'udp';
      readonly port: number;
      readonly backendPort: number;
    }
  | { readonly kind: 'add-slb-acl-entry'; readonly aclId: string; readonly entries: readonly string[] }
  | {
      readonly kind: 'add-allow-list-source';
      readonly allowList: string;
      readonly sources: readonly string[];
    }
  | {
      readonly kind: 'bind-eip';
      readonly allocationId: string;
      /** The ENI (NetworkInterface) or ECS instance the EIP is bound to. */
      readonly instanceId: string;
      readonly instanceType: 'NetworkInterface' | 'EcsInstance';
      readonly privateIpAddress?: string;
    }
  | {
      readonly kind: 'enable-ipv6-bandwidth';
      readonly ipv6AddressId: string;
      /** Mbit/s. */
      readonly bandwidth: number;
    }
  | {
      readonly kind: 'set-pod-annotations';
      readonly namespace: string;
      readonly pod: string;
      readonly annotations: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'set-external-traffic-policy';
      readonly namespace: string;
      readonly service: string;
      readonly policy: 'Cluster' | 'Local';
    }
  | {
      readonly kind: 'set-internal-traffic-policy';
      readonly namespace: string;
      readonly service: string;
      readonly policy: 'Cluster' | 'Local';
    }
  | {
      /**
       * A port added to a Service (`kubectl patch service --type json`). Applied as the API server and the
       * EndpointSlice controller would: the port joins spec.ports and every EndpointSlice of the Service gains the
       * endpoint port (the numeric targetPort). A Service with several ports needs every port named, so a sole
       * unnamed existing port is named `existingPortName` (its EndpointSlice port too).
       */
      readonly kind: 'add-service-port';
      readonly namespace: string;
      readonly service: string;
      readonly port: ServicePort & { readonly name: string; readonly targetPort: number };
      readonly existingPortName?: string;
    }
  | {
      readonly kind: 'set-config-map-data';
      readonly namespace: string;
      readonly name: string;
      readonly key: string;
      readonly value: string;
    }
  | {
      /** Extra or replacement Kubernetes objects (same kind, namespace and name replaces). */
      readonly kind: 'kubernetes-manifests';
      readonly file: string;
      readonly yaml: string;
    };

export type SnapshotChangeKind = SnapshotChange['kind'];
