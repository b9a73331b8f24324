/**
 * The Kubernetes objects podreach reasons about, normalised from what `kubectl get -o yaml|json` prints. Only the
 * fields the semantics need are kept; every object remembers where it came from. Defaults the API server applies
 * (policyTypes, protocol TCP, dnsPolicy ClusterFirst) are applied by the loader and marked, so evaluators never
 * have to guess whether a field was omitted.
 */
import type { Origin } from './origin.js';
import type { Protocol } from './protocol.js';

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A Kubernetes label selector. `{}` (no labels, no expressions) selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

export interface Namespace {
  readonly name: string;
  /** Labels as written; `kubernetes.io/metadata.name` is added by the loader when absent, as the API server does. */
  readonly labels: Labels;
  readonly origin: Origin;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

export interface PodDnsConfig {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly { readonly name: string; readonly value?: string }[];
}

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly nodeName?: string;
  readonly hostNetwork: boolean;
  /** `status.podIPs` (falling back to `status.podIP`), IPv4 and IPv6, in the order the API lists them. */
  readonly ips: readonly string[];
  readonly hostIP?: string;
  readonly phase?: string;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig?: PodDnsConfig;
  readonly containerPorts: readonly ContainerPort[];
  /** Direct controller owner as written in metadata.ownerReferences. */
  readonly owner?: OwnerRef;
  /**
   * The workload the pod belongs to, resolved through ReplicaSet naming (`<deployment>-<pod-template-hash>`) or a
   * ReplicaSet object when present: e.g. `{ kind: 'Deployment', name: 'web' }`.
   */
  readonly workload?: OwnerRef;
  readonly origin: Origin;
}

export interface Node {
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly internalIPs: readonly string[];
  readonly externalIPs: readonly string[];
  /** `spec.providerID`, on ACK `<region>.<instance-id>`. */
  readonly providerId?: string;
  /** ECS instance id derived from providerID (`i-…`). */
  readonly instanceId?: string;
  readonly podCIDRs: readonly string[];
  /** `topology.kubernetes.io/zone` (or the legacy failure-domain label). */
  readonly zone?: string;
  readonly origin: Origin;
}

export interface ServicePort {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

export interface LoadBalancerIngress {
  readonly ip?: string;
  readonly hostname?: string;
  readonly ipMode?: 'VIP' | 'Proxy';
}

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** `spec.clusterIPs` (or `clusterIP`); empty for headless (`None`) and ExternalName Services. */
  readonly clusterIPs: readonly string[];
  readonly headless: boolean;
  /** Absent selector means the Service's EndpointSlices are managed by hand. */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly externalIPs: readonly string[];
  readonly loadBalancerIngress: readonly LoadBalancerIngress[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly externalName?: string;
  readonly origin: Origin;
}

export interface Endpoint {
  readonly addresses: readonly string[];
  /** Per the EndpointSlice API, a nil `ready` is read as true. */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly targetRef?: { readonly kind: string; readonly namespace?: string; readonly name: string };
}

export interface EndpointSlice {
  readonly namespace: string;
  readonly name: string;
  /** `kubernetes.io/service-name` label. */
  readonly serviceName?: string;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly Endpoint[];
  readonly ports: readonly { readonly name?: string; readonly port?: number; readonly protocol: Protocol }[];
  readonly origin: Origin;
}

export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

/** One entry of a rule's `from`/`to` list. Exactly one of ipBlock or (podSelector and/or namespaceSelector). */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP, as the API server does. */
  readonly protocol: Protocol;
  /** Absent: every port of the protocol. A string is a named port, resolved on the destination pod. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyRule {
  /** `from` / `to`; an empty or missing list matches every peer. */
  readonly peers: readonly NetworkPolicyPeer[];
  /** An empty or missing list matches every port and protocol. */
  readonly ports: readonly NetworkPolicyPort[];
  readonly origin: Origin;
}

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** After API defaulting: `[Ingress]`, plus `Egress` when `spec.egress` is present. */
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  /** True when `spec.policyTypes` was written; false when the loader applied the default. */
  readonly policyTypesExplicit: boolean;
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
  readonly origin: Origin;
}

export interface ConfigMap {
  readonly namespace: string;
  readonly name: string;
  readonly data: Labels;
  /** Where each kept data key is written, so facts read from a key cite its own line. */
  readonly dataOrigins?: Readonly<Record<string, Origin>>;
  readonly origin: Origin;
}

export interface WorkloadContainer {
  readonly name: string;
  readonly image: string;
  readonly args: readonly string[];
  readonly command: readonly string[];
  readonly env: Labels;
}

/** A DaemonSet, Deployment, StatefulSet, Job or ReplicaSet: kept for CNI detection and workload resolution. */
export interface Workload {
  readonly kind: 'DaemonSet' | 'Deployment' | 'StatefulSet' | 'Job' | 'ReplicaSet';
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly owner?: OwnerRef;
  readonly containers: readonly WorkloadContainer[];
  readonly origin: Origin;
}

/** Terway PodNetworking (network.alibabacloud.com): per-pod vSwitches and security groups for trunk ENI pods. */
export interface PodNetworking {
  readonly name: string;
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly vSwitchIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly origin: Origin;
}

/** PodEIP (alibabacloud.com/v1beta1): the EIP bound to a pod's private IP. */
export interface PodEip {
  readonly namespace: string;
  readonly name: string;
  readonly allocationId?: string;
  readonly eipAddress?: string;
  readonly networkInterfaceId?: string;
  readonly privateIpAddress?: string;
  readonly status?: string;
  readonly origin: Origin;
}

export interface KubernetesObjects {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly nodes: readonly Node[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly configMaps: readonly ConfigMap[];
  readonly workloads: readonly Workload[];
  readonly podNetworkings: readonly PodNetworking[];
  readonly podEips: readonly PodEip[];
}
