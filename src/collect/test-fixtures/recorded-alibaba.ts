/**
 * Plays an example cluster's aliyun bodies as the OpenAPI would answer them: list calls are paged by the request's
 * PageNumber/PageSize (TotalCount set accordingly), DescribeRouteEntryList follows the recorded NextToken pages,
 * per-resource calls are found by the id in the recorded file name, and unknown resources get the API's NotFound.
 */
import { errorReply, jsonReply, type OpenApiReply, type OpenApiRequestSeen } from './alibaba-server.js';
import { exampleAlibabaBodies } from './example-files.js';

type Json = Record<string, unknown>;

const LISTS: Readonly<Record<string, { product: string; outer: string; inner: string }>> = {
  DescribeVpcs: { product: 'vpc', outer: 'Vpcs', inner: 'Vpc' },
  DescribeVSwitches: { product: 'vpc', outer: 'VSwitches', inner: 'VSwitch' },
  DescribeRouteTableList: { product: 'vpc', outer: 'RouterTableList', inner: 'RouterTableListType' },
  DescribeNatGateways: { product: 'vpc', outer: 'NatGateways', inner: 'NatGateway' },
  DescribeSnatTableEntries: { product: 'vpc', outer: 'SnatTableEntries', inner: 'SnatTableEntry' },
  DescribeEipAddresses: { product: 'vpc', outer: 'EipAddresses', inner: 'EipAddress' },
  DescribeIpv6Addresses: { product: 'vpc', outer: 'Ipv6Addresses', inner: 'Ipv6Address' },
  DescribeIpv6Gateways: { product: 'vpc', outer: 'Ipv6Gateways', inner: 'Ipv6Gateway' },
  DescribeNetworkAcls: { product: 'vpc', outer: 'NetworkAcls', inner: 'NetworkAcl' },
  DescribeInstances: { product: 'ecs', outer: 'Instances', inner: 'Instance' },
  DescribeNetworkInterfaces: { product: 'ecs', outer: 'NetworkInterfaceSets', inner: 'NetworkInterfaceSet' },
  DescribeSecurityGroups: { product: 'ecs', outer: 'SecurityGroups', inner: 'SecurityGroup' },
  DescribeDBInstances: { product: 'rds', outer: 'Items', inner: 'DBInstance' },
  DescribeLoadBalancers: { product: 'slb', outer: 'LoadBalancers', inner: 'LoadBalancer' },
};

/** Per-resource calls: the parameters whose values name the recorded file. */
const BY_ID: Readonly<Record<string, { product: string; params: readonly string[] }>> = {
  DescribeSecurityGroupAttribute: { product: 'ecs', params: ['SecurityGroupId'] },
  DescribeDBInstanceNetInfo: { product: 'rds', params: ['DBInstanceId'] },
  DescribeDBInstanceIPArrayList: { product: 'rds', params: ['DBInstanceId'] },
  DescribeLoadBalancerAttribute: { product: 'slb', params: ['LoadBalancerId'] },
  DescribeLoadBalancerTCPListenerAttribute: { product: 'slb', params: ['LoadBalancerId', 'ListenerPort'] },
  DescribeLoadBalancerUDPListenerAttribute: { product: 'slb', params: ['LoadBalancerId', 'ListenerPort'] },
  DescribeLoadBalancerHTTPListenerAttribute: { product: 'slb', params: ['LoadBalancerId', 'ListenerPort'] },
  DescribeLoadBalancerHTTPSListenerAttribute: { product: 'slb', params: ['LoadBalancerId', 'ListenerPort'] },
  DescribeAccessControlListAttribute: { product: 'slb', params: ['AclId'] },
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function listOf(body: Json | undefined, outer: string, inner: string): Json[] {
  const wrapper = body?.[outer];
  const list = isObject(wrapper) ? wrapper[inner] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function recordedAlibaba(example: string): (request: OpenApiRequestSeen) => OpenApiReply {
  const bodies = exampleAlibabaBodies(example);
  return (request) => {
    if (request.action === 'DescribeClusterDetail' || request.path.startsWith('/clusters/')) {
      const body = bodies.get('cs-DescribeClusterDetail');
      const id = decodeURIComponent(request.path.slice('/clusters/'.length));
      if (body === undefined || body.cluster_id !== id)
        return errorReply(404, 'ErrorClusterNotFound', `cluster ${id} not found`);
      return jsonReply(200, body);
    }
    if (request.action === 'DescribeRouteEntryList') {
      const pages = [...bodies.entries()]
        .filter(([name]) => name.startsWith('vpc-DescribeRouteEntryList'))
        .map(([, body]) => body);
      const token = request.params.NextToken;
      const previous = pages.find((p) => token !== undefined && p.NextToken === token);
      const page = token === undefined ? pages[0] : pages[pages.indexOf(previous as Json) + 1];
      if (page === undefined) return errorReply(400, 'InvalidNextToken', 'the NextToken is not valid');
      const table = request.params.RouteTableId;
      const entries = listOf(page, 'RouteEntrys', 'RouteEntry').filter((e) => e.RouteTableId === table);
      return jsonReply(200, { ...page, RouteEntrys: { RouteEntry: entries } });
    }
    const list = LISTS[request.action];
    if (list !== undefined) {
      const recorded = bodies.get(`${list.product}-${request.action}`);
      let items = listOf(recorded, list.outer, list.inner);
      if (request.action === 'DescribeSnatTableEntries')
        items = items.filter((i) => i.SnatTableId === request.params.SnatTableId);
      // The API filters by VpcId: an Internet CLB (VpcId "") is not returned for a VPC.
      const vpcId = request.params.VpcId;
      if (vpcId !== undefined)
        items = items.filter(
          (i) => (i.VpcId ?? (isObject(i.VpcAttributes) ? i.VpcAttributes.VpcId : undefined)) === vpcId,
        );
      if (request.params.InstanceIds !== undefined) {
        const ids = JSON.parse(request.params.InstanceIds) as string[];
        items = items.filter((i) => ids.includes(String(i.InstanceId)));
      }
      const size = Number(request.params.PageSize ?? '10');
      const number = Number(request.params.PageNumber ?? '1');
      const page = items.slice((number - 1) * size, number * size);
      const counts =
        request.action === 'DescribeDBInstances'
          ? { PageNumber: number, PageRecordCount: page.length, TotalRecordCount: items.length }
          : { PageNumber: number, PageSize: size, TotalCount: items.length };
      return jsonReply(200, {
        RequestId: `REC-${request.action}-${number}`,
        ...(recorded ?? {}),
        ...counts,
        [list.outer]: { [list.inner]: page },
      });
    }
    const byId = BY_ID[request.action];
    if (byId !== undefined) {
      const key = `${byId.product}-${request.action}.${byId.params.map((p) => request.params[p] ?? '').join('.')}`;
      // Listener files may be named by the load balancer alone (one listener each).
      const shortKey = `${byId.product}-${request.action}.${request.params[byId.params[0] ?? ''] ?? ''}`;
      const body = bodies.get(key) ?? bodies.get(shortKey);
      if (
        body !== undefined &&
        (body.ListenerPort === undefined || String(body.ListenerPort) === request.params.ListenerPort)
      )
        return jsonReply(200, body);
      if (request.action === 'DescribeLoadBalancerAttribute') {
        // A CLB without a recorded attribute answers like one with no listeners.
        const lb = listOf(bodies.get('slb-DescribeLoadBalancers'), 'LoadBalancers', 'LoadBalancer').find(
          (l) => l.LoadBalancerId === request.params.LoadBalancerId,
        );
        if (lb !== undefined)
          return jsonReply(200, {
            RequestId: 'REC-LB',
            ...lb,
            BackendServers: { BackendServer: [] },
            ListenerPorts: { ListenerPort: [] },
            ListenerPortsAndProtocol: { ListenerPortAndProtocol: [] },
          });
      }
      return errorReply(404, `InvalidParameter.NotFound`, `${key} is not recorded`);
    }
    return errorReply(400, 'InvalidAction.NotFound', `${request.action} is not served by the test server`);
  };
}
