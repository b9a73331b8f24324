/** `--dry-run`: the calls collect would make, in order, with the values it cannot know yet in angle brackets. */
import { ALIBABA_ACTIONS } from './alibaba/collect-alibaba.js';
import { defaultEndpoint, type Product } from './alibaba/products.js';
import { KINDS } from './kubernetes/kinds.js';
import type { EndpointOverride } from './options.js';

export interface PlanInputs {
  readonly context: string;
  readonly server: string;
  readonly namespaces: readonly string[];
  readonly region?: string;
  readonly clusterId?: string;
  readonly endpoints: Readonly<Partial<Record<Product, EndpointOverride>>>;
  readonly credentialProvider: string;
}

const PARAMS: Readonly<Record<string, string>> = {
  DescribeClusterDetail: 'GET /clusters/<cluster-id>',
  DescribeRouteEntryList: 'RouteTableId=<each route table> (NextToken paging)',
  DescribeSnatTableEntries: 'SnatTableId=<each SNAT table of the NAT gateways>',
  DescribeEipAddresses: 'RegionId=<region> (all EIPs of the region)',
  DescribeLoadBalancers: 'RegionId=<region> (all CLBs of the region: Internet CLBs have no VpcId)',
  DescribeSecurityGroupAttribute:
    'SecurityGroupId=<each group listed or referenced by instances/ENIs/cluster>',
  DescribeDBInstanceNetInfo: 'DBInstanceId=<each RDS instance>',
  DescribeDBInstanceIPArrayList: 'DBInstanceId=<each RDS instance>',
  DescribeLoadBalancerAttribute: 'LoadBalancerId=<each CLB>',
  DescribeLoadBalancerTCPListenerAttribute: 'LoadBalancerId, ListenerPort=<each TCP listener>',
  DescribeLoadBalancerUDPListenerAttribute: 'LoadBalancerId, ListenerPort=<each UDP listener>',
  DescribeLoadBalancerHTTPListenerAttribute: 'LoadBalancerId, ListenerPort=<each HTTP listener>',
  DescribeLoadBalancerHTTPSListenerAttribute: 'LoadBalancerId, ListenerPort=<each HTTPS listener>',
  DescribeAccessControlListAttribute: 'AclId=<each ACL the listeners use>',
};

export function renderPlan(p: PlanInputs): string {
  const region = p.region ?? "<region from the nodes' spec.providerID>";
  const lines: string[] = [];
  lines.push('podreach collect --dry-run: nothing is called and nothing is written.', '');
  lines.push(`Kubernetes: context ${p.context}, API server ${p.server}`);
  const scope =
    p.namespaces.length === 0
      ? 'all namespaces'
      : `namespaces ${[...new Set([...p.namespaces, 'kube-system'])].sort().join(', ')}`;
  for (const kind of KINDS) {
    const where =
      kind.scope === 'cluster'
        ? 'cluster-wide'
        : kind.scope === 'kube-system'
          ? 'namespace kube-system'
          : scope;
    const resource = kind.group === '' ? kind.resource : `${kind.resource}.${kind.group}`;
    lines.push(
      `  list ${resource} (${where}, limit/continue paging)${kind.custom ? ' — skipped if the CRD is absent' : ''}`,
    );
  }
  lines.push('');
  lines.push(`Alibaba Cloud: region ${region}, credentials from ${p.credentialProvider}`);
  const cluster = p.clusterId ?? "<cluster id from the nodes' ack.aliyun.com label>";
  for (const product of ['cs', 'vpc', 'ecs', 'rds', 'slb'] as const) {
    const endpoint = p.endpoints[product];
    const where = endpoint
      ? `${endpoint.protocol.toLowerCase()}://${endpoint.host}`
      : `https://${defaultEndpoint(product, p.region ?? '<region>')}`;
    lines.push(`  ${product} (${where}):`);
    for (const action of ALIBABA_ACTIONS[product]) {
      const params =
        action === 'DescribeClusterDetail'
          ? `GET /clusters/${cluster}`
          : (PARAMS[action] ?? `RegionId=${region}, VpcId=<the cluster's VPC> (PageNumber/PageSize paging)`);
      lines.push(`    ${action}  ${params}`);
    }
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
