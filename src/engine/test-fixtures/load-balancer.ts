/**
 * The fixture cluster (cluster.ts) plus an intranet CLB of its own, written as raw `aliyun slb` JSON and a raw
 * LoadBalancer Service, for the Service and CLB rules: shop/api-int (app=api, port 80 → 9000, nodePort 31081),
 * status.loadBalancer.ingress 10.0.1.200 = CLB lb-int in vsw-node-a, TCP listener 80. Each test picks the backends,
 * the listener protocol, the ACL and whether a Service manages the CLB at all.
 */
import { loadSnapshotFromFiles } from '../../load/index.js';
import type { Snapshot } from '../../model/index.js';
import { type FixtureOptions, fixtureFiles } from './cluster.js';

export const LB_INT_IP = '10.0.1.200';

export interface LbOptions {
  /** Backend servers: `i-…` (ECS) or `eni-…@ip` (pod ENI). Default: both nodes. */
  readonly backends?: readonly string[];
  readonly listenerProtocol?: 'tcp' | 'udp' | 'http' | 'https';
  /** BackendServerPort of the listener (default 31081, the nodePort; 9000 for ENI backends). */
  readonly backendPort?: number;
  readonly acl?: { readonly type: 'white' | 'black'; readonly entries: readonly string[] };
  /** false: no Service names the CLB in its status (a CLB the cluster does not manage). */
  readonly managed?: boolean;
  /** Only a hostname in status.loadBalancer.ingress. */
  readonly hostnameOnly?: boolean;
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly backendTypeEni?: boolean;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function serviceYaml(o: LbOptions): string {
  const ingress = o.hostnameOnly === true ? '{hostname: api-int.example.internal}' : `{ip: ${LB_INT_IP}}`;
  return `apiVersion: v1
kind: Service
metadata:
  name: api-int
  namespace: shop
  annotations:
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id: lb-int
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type: intranet
${o.backendTypeEni === true ? '    service.beta.kubernetes.io/backend-type: eni\n' : ''}spec:
  type: LoadBalancer
  clusterIP: 192.168.10.30
  clusterIPs: [192.168.10.30]
  externalTrafficPolicy: ${o.externalTrafficPolicy ?? 'Cluster'}
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 9000, nodePort: 31081, protocol: TCP}]
${o.managed === false ? '' : `status:\n  loadBalancer:\n    ingress: [${ingress}]\n`}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: api-int-x1
  namespace: shop
  labels: {kubernetes.io/service-name: api-int}
addressType: IPv4
ports: [{name: http, port: 9000, protocol: TCP}]
endpoints:
- addresses: [10.0.64.12]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.1.11
  targetRef: {kind: Pod, namespace: shop, name: api-a}
- addresses: [10.0.128.7]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.2.21
  targetRef: {kind: Pod, namespace: shop, name: api-b}
`;
}

function slbFiles(o: LbOptions): Record<string, string> {
  const protocol = o.listenerProtocol ?? 'tcp';
  const backends = (o.backends ?? ['i-a', 'i-b']).map((b) => {
    const [id = b, ip] = b.split('@');
    return id.startsWith('eni-')
      ? { ServerId: id, ServerIp: ip, Type: 'eni', Weight: 100 }
      : { ServerId: id, Type: 'ecs', Weight: 100 };
  });
  const files: Record<string, string> = {
    'slb-DescribeLoadBalancerAttribute.lb-int.json': json({
      RequestId: 'r',
      LoadBalancerId: 'lb-int',
      Address: LB_INT_IP,
      AddressType: 'intranet',
      AddressIPVersion: 'ipv4',
      NetworkType: 'vpc',
      VpcId: 'vpc-t',
      VSwitchId: 'vsw-node-a',
      LoadBalancerStatus: 'active',
      RegionId: 'cn-hangzhou',
      BackendServers: { BackendServer: backends },
      ListenerPorts: { ListenerPort: [80] },
      ListenerPortsAndProtocol: {
        ListenerPortAndProtocol: [{ ListenerPort: 80, ListenerProtocol: protocol }],
      },
    }),
    [`slb-DescribeLoadBalancer${protocol.toUpperCase()}ListenerAttribute.lb-int.80.json`]: json({
      RequestId: 'r',
      LoadBalancerId: 'lb-int',
      ListenerPort: 80,
      BackendServerPort: o.backendPort ?? 31081,
      Status: 'running',
      ...(protocol === 'tcp' ? { EstablishedTimeout: 900 } : {}),
      ...(protocol === 'http' ? { StickySession: 'off' } : {}),
      AclStatus: o.acl === undefined ? 'off' : 'on',
      ...(o.acl === undefined
        ? {}
        : { AclType: o.acl.type, AclId: 'acl-int', AclIds: { AclId: ['acl-int'] } }),
    }),
  };
  if (o.acl !== undefined) {
    files['slb-DescribeAccessControlListAttribute.acl-int.json'] = json({
      RequestId: 'r',
      AclId: 'acl-int',
      AclName: 'callers',
      AddressIPVersion: 'ipv4',
      AclEntrys: { AclEntry: o.acl.entries.map((e) => ({ AclEntryIP: e, AclEntryComment: '' })) },
    });
  }
  return files;
}

const cache = new Map<string, Snapshot>();

/** The fixture cluster with CLB lb-int and (unless unmanaged) Service shop/api-int. */
export function lbSnapshot(options: FixtureOptions = {}, lb: LbOptions = {}): Snapshot {
  const key = JSON.stringify([options, lb]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const files = fixtureFiles({ ...options, objects: [...(options.objects ?? []), serviceYaml(lb)] });
  for (const [name, content] of Object.entries(slbFiles(lb)))
    files.push({ path: `alibaba/${name}`, content });
  const result = loadSnapshotFromFiles(files);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture does not load: ${errors.map((e) => e.message).join('; ')}`);
  cache.set(key, result.snapshot);
  return result.snapshot;
}
