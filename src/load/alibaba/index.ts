/**
 * The Alibaba Cloud input adapters: one per OpenAPI action whose `aliyun` CLI output a snapshot may hold. Bodies are
 * recognised by their distinctive top-level keys (field names: shared/reference/alibaba-semantics.md §12).
 */
import type { Adapter } from '../adapter.js';
import { describeClusterDetail } from './cs-cluster.js';
import { describeInstances } from './ecs-instances.js';
import { describeNetworkInterfaces } from './ecs-network-interfaces.js';
import { describeSecurityGroupAttribute, describeSecurityGroups } from './ecs-security-groups.js';
import { describeDbInstanceIpArrayList, describeDbInstanceNetInfo, describeDbInstances } from './rds.js';
import {
  describeAccessControlListAttribute,
  describeLoadBalancerAttribute,
  describeLoadBalancerHttpListenerAttribute,
  describeLoadBalancerHttpsListenerAttribute,
  describeLoadBalancerListenerAttribute,
  describeLoadBalancerListeners,
  describeLoadBalancers,
  describeLoadBalancerTcpListenerAttribute,
  describeLoadBalancerUdpListenerAttribute,
} from './slb.js';
import { describeEipAddresses } from './vpc-eip.js';
import { describeIpv6Addresses, describeIpv6Gateways } from './vpc-ipv6.js';
import { describeNatGateways } from './vpc-nat.js';
import { describeNetworkAclAttributes, describeNetworkAcls } from './vpc-network-acls.js';
import { describeRouteEntryList, describeRouteTableList } from './vpc-routes.js';
import { describeSnatTableEntries } from './vpc-snat.js';
import { describeVpcs, describeVSwitches } from './vpc-vpcs.js';

export { finishAlibaba } from './finish.js';

export const alibabaAdapters: readonly Adapter[] = [
  describeClusterDetail,
  describeVpcs,
  describeVSwitches,
  describeRouteTableList,
  describeRouteEntryList,
  describeNatGateways,
  describeSnatTableEntries,
  describeEipAddresses,
  describeIpv6Addresses,
  describeIpv6Gateways,
  describeNetworkAcls,
  describeNetworkAclAttributes,
  describeInstances,
  describeNetworkInterfaces,
  describeSecurityGroups,
  describeSecurityGroupAttribute,
  describeDbInstances,
  describeDbInstanceNetInfo,
  describeDbInstanceIpArrayList,
  describeLoadBalancers,
  describeLoadBalancerAttribute,
  describeLoadBalancerTcpListenerAttribute,
  describeLoadBalancerUdpListenerAttribute,
  describeLoadBalancerHttpListenerAttribute,
  describeLoadBalancerHttpsListenerAttribute,
  describeLoadBalancerListenerAttribute,
  describeLoadBalancerListeners,
  describeAccessControlListAttribute,
];
