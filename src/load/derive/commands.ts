/** The exact commands that collect what a fact or a check needs (docs/snapshot.md lists them all). */
export const COLLECT = {
  eniConfig: 'kubectl get configmap -n kube-system eni-config -o yaml > eni-config.yaml',
  coredns: 'kubectl get configmap -n kube-system coredns -o yaml > coredns.yaml',
  kubeProxy: 'kubectl get configmap -n kube-system kube-proxy-worker -o yaml > kube-proxy.yaml',
  flannelConfig: 'kubectl get configmap -n kube-system kube-flannel-cfg -o yaml > kube-flannel-cfg.yaml',
  daemonSets: 'kubectl get daemonsets -n kube-system -o yaml > kube-system-daemonsets.yaml',
  kubernetes:
    'kubectl get pods,nodes,namespaces,services,endpointslices,networkpolicies -A -o yaml > k8s.yaml',
  networkPolicies: 'kubectl get networkpolicies -A -o yaml > networkpolicies.yaml',
  pods: 'kubectl get pods -A -o yaml > pods.yaml',
  nodes: 'kubectl get nodes -o yaml > nodes.yaml',
  services: 'kubectl get services -A -o yaml > services.yaml',
  podEips: 'kubectl get podeips.alibabacloud.com -A -o yaml > podeips.yaml',
  clusterDetail: (clusterId = '<cluster-id>') =>
    `aliyun cs GET /clusters/${clusterId} > DescribeClusterDetail.json`,
  vSwitches: (region: string, vpc: string) =>
    `aliyun vpc DescribeVSwitches --RegionId ${region} --VpcId ${vpc} --PageSize 50 > DescribeVSwitches.json`,
  vpcs: (region: string) => `aliyun vpc DescribeVpcs --RegionId ${region} > DescribeVpcs.json`,
} as const;
