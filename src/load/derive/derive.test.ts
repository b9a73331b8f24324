import { describe, expect, it } from 'vitest';
import { known, unknown } from '../../model/fact.js';
import { imageTag } from './cni.js';
import {
  cloudWith,
  cluster,
  configMap,
  daemonSet,
  facts,
  fixture,
  kubernetesFrom,
  vSwitch,
} from './test-support.js';

const ENI = 'kubectl get configmap -n kube-system eni-config -o yaml > eni-config.yaml';
const DS = 'kubectl get daemonsets -n kube-system -o yaml > kube-system-daemonsets.yaml';
const CS = 'aliyun cs GET /clusters/<cluster-id> > DescribeClusterDetail.json';

describe('facts of a Terway DataPathV2 cluster (test/fixtures/load/terway-kube-system.yaml)', () => {
  const k8s = kubernetesFrom(fixture('terway-kube-system.yaml'));
  const { facts: f, problems } = facts(
    k8s,
    cloudWith({
      vSwitches: [
        vSwitch('vsw-bp1pod000000000000j', '10.0.64.0/19', '2408:4005:3de:8540::/64'),
        vSwitch('vsw-bp1pod000000000000k', '10.0.96.0/19'),
      ],
    }),
  );
  const eniOrigin = (line: number, column: number, key: string) => ({
    file: 'k8s-0.yaml',
    line,
    column,
    path: `data.${key}`,
  });

  it('reads without problems', () => expect(problems).toEqual([]));

  it('cni: terway from DaemonSet terway-eniip', () => {
    expect(f.cni).toEqual(
      known('terway', 'DaemonSet kube-system/terway-eniip exists', {
        file: 'k8s-0.yaml',
        line: 1,
        column: 1,
        path: '',
      }),
    );
  });

  it('terwayMode: datapathv2 from eniip_virtual_type', () => {
    expect(f.terwayMode).toEqual(
      known(
        'datapathv2',
        'eni-config 10-terway.conf eniip_virtual_type is "datapathv2"',
        eniOrigin(56, 19, '10-terway.conf'),
      ),
    );
  });

  it('terwayVersion: the image tag of the terway container', () => {
    expect(f.terwayVersion).toMatchObject({ known: true, value: 'v1.9.3' });
  });

  it('inClusterLoadBalance: "true"', () => {
    expect(f.inClusterLoadBalance).toEqual(
      known(true, 'eni-config in_cluster_loadbalance is "true"', eniOrigin(81, 27, 'in_cluster_loadbalance')),
    );
  });

  it('ipStack: dual from eni_conf', () => {
    expect(f.ipStack).toEqual(
      known('dual', 'eni-config eni_conf ip_stack is "dual"', eniOrigin(66, 13, 'eni_conf')),
    );
  });

  it('kubeProxyMode: ipvs from kube-proxy-worker', () => {
    expect(f.kubeProxyMode).toMatchObject({
      known: true,
      value: 'ipvs',
      evidence: 'ConfigMap kube-system/kube-proxy-worker config.conf has mode: ipvs',
    });
  });

  it('podCidrs: the CIDRs of the pod vSwitches', () => {
    expect(f.podCidrs).toMatchObject({
      known: true,
      value: ['10.0.64.0/19', '2408:4005:3de:8540::/64', '10.0.96.0/19'],
    });
  });

  it('serviceCidrs: eni_conf service_cidr, split on commas', () => {
    expect(f.serviceCidrs).toMatchObject({ known: true, value: ['172.21.0.0/20', 'fd00:ac::/112'] });
  });

  it('clusterDomain: the kubernetes line of the Corefile', () => {
    expect(f.clusterDomain).toMatchObject({
      known: true,
      value: 'cluster.local',
      evidence: 'CoreDNS Corefile: kubernetes cluster.local',
    });
  });

  it('networkPolicyDisabled: false as written', () => {
    expect(f.networkPolicyDisabled).toMatchObject({ known: true, value: false });
  });

  it('terwayPodVSwitches and terwaySecurityGroups from eni_conf', () => {
    expect(f.terwayPodVSwitches).toMatchObject({
      known: true,
      value: { 'cn-hangzhou-j': ['vsw-bp1pod000000000000j'], 'cn-hangzhou-k': ['vsw-bp1pod000000000000k'] },
    });
    expect(f.terwaySecurityGroups).toMatchObject({
      known: true,
      value: ['sg-bp1pods0000000000a', 'sg-bp1pods0000000000b'],
    });
  });

  it('nodeLocalDns: DaemonSet node-local-dns exists', () => {
    expect(f.nodeLocalDns).toMatchObject({
      known: true,
      value: true,
      evidence: 'DaemonSet kube-system/node-local-dns exists',
    });
  });

  it('regionId and vpcId: unknown without nodes or cloud data naming them... except the vSwitches name one VPC', () => {
    expect(f.regionId).toEqual(unknown(`kubectl get nodes -o yaml > nodes.yaml (or ${CS})`));
    expect(f.vpcId).toMatchObject({ known: true, value: 'vpc-bp1qpo0kug3a20qqe2ab' });
  });
});

describe('facts of a Flannel cluster (test/fixtures/load/flannel-kube-system.yaml)', () => {
  const { facts: f } = facts(kubernetesFrom(fixture('flannel-kube-system.yaml')));

  it('cni: flannel from kube-flannel-ds', () => {
    expect(f.cni).toMatchObject({
      known: true,
      value: 'flannel',
      evidence: 'DaemonSet kube-system/kube-flannel-ds exists',
    });
  });

  it('Terway facts are unknown because the cluster is not Terway', () => {
    expect(f.terwayMode).toEqual(
      unknown('not a Terway cluster (DaemonSet kube-system/kube-flannel-ds exists)'),
    );
    expect(f.terwayVersion).toEqual(
      unknown('not a Terway cluster (DaemonSet kube-system/kube-flannel-ds exists)'),
    );
  });

  it('podCidrs: the Network of kube-flannel-cfg net-conf.json', () => {
    expect(f.podCidrs).toMatchObject({ known: true, value: ['172.20.0.0/16'] });
  });

  it('kubeProxyMode: an empty mode is iptables, said so', () => {
    expect(f.kubeProxyMode).toMatchObject({
      known: true,
      value: 'iptables',
      evidence:
        'ConfigMap kube-system/kube-proxy-worker config.conf has an empty mode: kube-proxy then uses iptables on Linux',
    });
  });

  it('networkPolicyDisabled: Flannel does not enforce NetworkPolicy on ACK', () => {
    expect(f.networkPolicyDisabled).toMatchObject({ known: true, value: true });
  });

  it('nodeLocalDns: false, naming the DaemonSets that are there', () => {
    expect(f.nodeLocalDns).toMatchObject({
      known: true,
      value: false,
      evidence:
        'no DaemonSet node-local-dns among the kube-system DaemonSets (kube-flannel-ds, kube-proxy-worker)',
    });
  });

  it('the other Terway facts are unknown for the same reason, not for a missing eni-config', () => {
    const notTerway = unknown('not a Terway cluster (DaemonSet kube-system/kube-flannel-ds exists)');
    expect(f.inClusterLoadBalance).toEqual(notTerway);
    expect(f.terwayPodVSwitches).toEqual(notTerway);
    expect(f.terwaySecurityGroups).toEqual(notTerway);
  });
});

describe('facts from an empty snapshot: every one unknown, with the command to collect it', () => {
  const { facts: f } = facts(kubernetesFrom());
  it('says what to collect', () => {
    expect(f.cni).toEqual(unknown(`${DS} (or ${CS})`));
    expect(f.terwayMode).toEqual(unknown(ENI));
    expect(f.inClusterLoadBalance).toEqual(unknown(ENI));
    expect(f.ipStack).toEqual(unknown(`${ENI} (or ${CS})`));
    expect(f.kubeProxyMode).toEqual(
      unknown(`kubectl get configmap -n kube-system kube-proxy-worker -o yaml > kube-proxy.yaml (or ${CS})`),
    );
    expect(f.clusterDomain).toEqual(
      unknown(`kubectl get configmap -n kube-system coredns -o yaml > coredns.yaml (or ${CS})`),
    );
    expect(f.nodeLocalDns).toEqual(unknown(DS));
    expect(f.podCidrs).toEqual(unknown(`the CNI first: ${DS} (or ${CS})`));
  });
});

describe('cni', () => {
  it('terway-eni means terway (and exclusive ENI)', () => {
    const { facts: f } = facts(kubernetesFrom(daemonSet('terway-eni')));
    expect(f.cni).toMatchObject({ known: true, value: 'terway' });
    expect(f.terwayMode).toMatchObject({ known: true, value: 'exclusive-eni' });
  });

  it('falls back to the cs add-ons', () => {
    const { facts: f } = facts(
      kubernetesFrom(),
      cloudWith({ clusters: [cluster({ addons: [{ name: 'flannel', version: 'v0.15.1' }] })] }),
    );
    expect(f.cni).toMatchObject({
      known: true,
      value: 'flannel',
      evidence: 'cs DescribeClusterDetail lists the add-on flannel',
    });
  });

  it('stays unknown with other DaemonSets only', () => {
    const { facts: f } = facts(kubernetesFrom(daemonSet('csi-plugin')));
    expect(f.cni.known).toBe(false);
  });
});

describe('terwayMode', () => {
  const eni = (conf: object) => configMap('eni-config', { '10-terway.conf': JSON.stringify(conf) });

  it('IPVlan (any case) is ipvlan-ebpf', () => {
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('terway-eniip'), eni({ eniip_virtual_type: 'ipvlan' })),
    );
    expect(f.terwayMode).toMatchObject({ known: true, value: 'ipvlan-ebpf' });
  });

  it('DataPathV2 in another case is datapathv2', () => {
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('terway-eniip'), eni({ eniip_virtual_type: 'DataPathV2' })),
    );
    expect(f.terwayMode).toMatchObject({ known: true, value: 'datapathv2' });
  });

  it('no eniip_virtual_type is shared ENI with veth, the assumption stated', () => {
    const { facts: f } = facts(kubernetesFrom(daemonSet('terway-eniip'), eni({ type: 'terway' })));
    expect(f.terwayMode).toMatchObject({
      known: true,
      value: 'shared-eni-veth',
      evidence:
        'eni-config 10-terway.conf has no eniip_virtual_type: key absent means veth policy routing (shared ENI); that naming is UNCONFIRMED',
    });
  });

  it('an unknown eniip_virtual_type is unknown', () => {
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('terway-eniip'), eni({ eniip_virtual_type: 'macvlan' })),
    );
    expect(f.terwayMode).toEqual(
      unknown(
        'a known eniip_virtual_type (datapathv2 or IPVlan) in eni-config 10-terway.conf; found "macvlan"',
      ),
    );
  });

  it('broken JSON in 10-terway.conf is a warning and leaves the mode unknown', () => {
    const { facts: f, problems } = facts(
      kubernetesFrom(daemonSet('terway-eniip'), configMap('eni-config', { '10-terway.conf': '{"type": ' })),
    );
    expect(f.terwayMode.known).toBe(false);
    expect(problems.map((p) => p.message)).toEqual([
      'ConfigMap kube-system/eni-config key 10-terway.conf is not a JSON object; the facts it holds are unknown',
    ]);
  });
});

describe('terwayVersion', () => {
  it('reads the tag of an image with a registry port and a digest', () => {
    expect(imageTag('registry.example:5000/acs/terway:v1.2.0@sha256:abc')).toBe('v1.2.0');
  });

  it('has no tag for an untagged image', () => {
    expect(imageTag('registry.example:5000/acs/terway')).toBeUndefined();
  });

  it('falls back to the cs add-on version', () => {
    const { facts: f } = facts(
      kubernetesFrom(),
      cloudWith({ clusters: [cluster({ addons: [{ name: 'terway-eniip', version: 'v1.8.1' }] })] }),
    );
    expect(f.terwayVersion).toMatchObject({
      known: true,
      value: 'v1.8.1',
      evidence: 'cs DescribeClusterDetail add-on terway-eniip version v1.8.1',
    });
  });
});

describe('inClusterLoadBalance', () => {
  it('key absent: known false, saying why', () => {
    const { facts: f } = facts(kubernetesFrom(configMap('eni-config', { eni_conf: '{}' })));
    expect(f.inClusterLoadBalance).toMatchObject({
      known: true,
      value: false,
      evidence:
        'eni-config in_cluster_loadbalance: key absent; Terway enables it only when the value is exactly "true"',
    });
  });

  it('any value other than "true" is false', () => {
    const { facts: f } = facts(kubernetesFrom(configMap('eni-config', { in_cluster_loadbalance: 'True' })));
    expect(f.inClusterLoadBalance).toMatchObject({ known: true, value: false });
  });
});

describe('ipStack', () => {
  it('cs ip_stack when eni-config says nothing', () => {
    const { facts: f } = facts(kubernetesFrom(), cloudWith({ clusters: [cluster({ ipStack: 'ipv4' })] }));
    expect(f.ipStack).toMatchObject({
      known: true,
      value: 'ipv4',
      evidence: 'cs DescribeClusterDetail ip_stack is "ipv4"',
    });
  });

  it('an IPv6 pod address proves dual stack', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nstatus: {podIPs: [{ip: 10.0.64.1}, {ip: "2408:4005::1"}]}\n';
    const { facts: f } = facts(kubernetesFrom(pod));
    expect(f.ipStack).toMatchObject({ known: true, value: 'dual' });
  });

  it('IPv4-only pods prove nothing', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nstatus: {podIP: 10.0.64.1}\n';
    expect(facts(kubernetesFrom(pod)).facts.ipStack.known).toBe(false);
  });
});

describe('podCidrs', () => {
  it('Flannel: cs container_cidr first', () => {
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('kube-flannel-ds')),
      cloudWith({ clusters: [cluster({ containerCidr: '172.20.0.0/16' })] }),
    );
    expect(f.podCidrs).toMatchObject({ known: true, value: ['172.20.0.0/16'] });
  });

  it('Flannel: the union of node podCIDRs as a last resort', () => {
    const node = (n: string, cidr: string) =>
      `apiVersion: v1\nkind: Node\nmetadata: {name: ${n}}\nspec: {podCIDR: ${cidr}}\n`;
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('kube-flannel-ds'), node('b', '172.20.1.0/24'), node('a', '172.20.0.0/24')),
    );
    expect(f.podCidrs).toMatchObject({ known: true, value: ['172.20.0.0/24', '172.20.1.0/24'] });
  });

  it('Terway: unknown when DescribeVSwitches lacks a pod vSwitch, naming it', () => {
    const eni = configMap('eni-config', {
      eni_conf: JSON.stringify({ vswitches: { 'cn-hangzhou-j': ['vsw-a'] } }),
    });
    const { facts: f } = facts(kubernetesFrom(daemonSet('terway-eniip'), eni));
    expect(f.podCidrs).toEqual(
      unknown(
        'vpc DescribeVSwitches for the pod vSwitches vsw-a: aliyun vpc DescribeVSwitches --RegionId <region-id> --VpcId <vpc-id> --PageSize 50 > DescribeVSwitches.json',
      ),
    );
  });

  it('Terway: includes the vSwitches of PodNetworkings', () => {
    const eni = configMap('eni-config', {
      eni_conf: JSON.stringify({ vswitches: { 'cn-hangzhou-j': ['vsw-a'] } }),
    });
    const pn =
      'apiVersion: network.alibabacloud.com/v1beta1\nkind: PodNetworking\nmetadata: {name: p}\nspec: {vSwitchOptions: [vsw-b]}\n';
    const { facts: f } = facts(
      kubernetesFrom(daemonSet('terway-eniip'), eni, pn),
      cloudWith({ vSwitches: [vSwitch('vsw-a', '10.0.64.0/19'), vSwitch('vsw-b', '10.0.128.0/19')] }),
    );
    expect(f.podCidrs).toMatchObject({ known: true, value: ['10.0.64.0/19', '10.0.128.0/19'] });
  });
});

describe('serviceCidrs, clusterDomain, kubeProxyMode, regionId, vpcId from cs DescribeClusterDetail', () => {
  const { facts: f } = facts(
    kubernetesFrom(),
    cloudWith({
      clusters: [
        cluster({
          serviceCidr: '172.21.0.0/20',
          clusterDomain: 'corp.local',
          proxyMode: 'ipvs',
          regionId: 'cn-hangzhou',
          vpcId: 'vpc-bp1qpo0kug3a20qqe2ab',
        }),
      ],
    }),
  );
  it('reads each', () => {
    expect(f.serviceCidrs).toMatchObject({ known: true, value: ['172.21.0.0/20'] });
    expect(f.clusterDomain).toMatchObject({ known: true, value: 'corp.local' });
    expect(f.kubeProxyMode).toMatchObject({ known: true, value: 'ipvs' });
    expect(f.regionId).toMatchObject({ known: true, value: 'cn-hangzhou' });
    expect(f.vpcId).toMatchObject({ known: true, value: 'vpc-bp1qpo0kug3a20qqe2ab' });
  });
});

describe('regionId from a node providerID', () => {
  it('takes the region prefix', () => {
    const node =
      'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {providerID: cn-shanghai.i-uf6abc}\n';
    expect(facts(kubernetesFrom(node)).facts.regionId).toMatchObject({ known: true, value: 'cn-shanghai' });
  });
});

describe('terwaySecurityGroups', () => {
  it('unknown when eni_conf names none', () => {
    const { facts: f } = facts(kubernetesFrom(configMap('eni-config', { eni_conf: '{"vswitches": {}}' })));
    expect(f.terwaySecurityGroups).toEqual(
      unknown('eni-config eni_conf names no security_group or security_groups'),
    );
  });
});
