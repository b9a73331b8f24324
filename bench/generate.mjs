#!/usr/bin/env node
/**
 * Synthetic ACK snapshot generator for the benchmark (issue 9).
 *
 *   node bench/generate.mjs --size small|medium|large [--cni flannel|terway] [--seed 1] --out DIR
 *   node bench/generate.mjs --nodes 50 --pods-per-node 30 --namespaces 20 --policies 200 \
 *        --security-groups 10 --rules-per-group 100 --out DIR
 *
 * Deterministic: the same options and seed give byte-identical files. The output is what `kubectl get … -o json`
 * and `aliyun … ` print: every object is cloned from the hand-made example clusters (examples/flannel-ipv4,
 * examples/terway-dualstack) so that every field the real APIs print is there, and only names, addresses and
 * references are rewritten. The pod list is written item by item (a large one is several hundred MB, over V8's
 * maximum string length), and the loader reads it with its streaming JSON list splitter.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SIZES = {
  small: { nodes: 50, podsPerNode: 30, namespaces: 20, policies: 200, securityGroups: 10, rulesPerGroup: 100 },
  medium: {
    nodes: 500,
    podsPerNode: 30,
    namespaces: 100,
    policies: 2000,
    securityGroups: 30,
    rulesPerGroup: 200,
  },
  large: {
    nodes: 5000,
    podsPerNode: 30,
    namespaces: 500,
    policies: 10000,
    securityGroups: 50,
    rulesPerGroup: 200,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness and identifiers

/** The seeded PRNG of the generator and the benchmark (one, so a seed means the same numbers everywhere). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

class Ids {
  constructor(seed) {
    this.random = mulberry32(seed);
    this.used = new Set();
  }
  int(n) {
    return Math.floor(this.random() * n);
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  chars(alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  /** An Alibaba Cloud resource id such as `sg-bp1…` (22 characters after the prefix), never repeated. */
  cloud(prefix) {
    for (;;) {
      const id = `${prefix}-bp1${this.chars(ALNUM, 17)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
  uid() {
    const h = this.chars(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  hash(n) {
    return this.chars('bcdfghjklmnpqrstvwxz2456789', n);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses

function ipToInt(ip) {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}
function intToIp(n) {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

// ---------------------------------------------------------------------------------------------------------------
// Templates from the examples

function readTemplate(file) {
  const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}
const clone = (value) => structuredClone(value);

// ---------------------------------------------------------------------------------------------------------------
// Output writers: kubectl prints JSON with 4 spaces, aliyun with tabs.

/** `items(ids)` runs again for every write, so it gets its own identifier source seeded from `salt`. */
function kubectlList(items, salt = 0) {
  return {
    *chunks() {
      yield '{\n    "apiVersion": "v1",\n    "items": [\n';
      let first = true;
      for (const item of items(new Ids(salt))) {
        const text = JSON.stringify(item, null, 4).replace(/\n/g, '\n        ');
        yield `${first ? '' : ',\n'}        ${text}`;
        first = false;
      }
      yield '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n';
    },
  };
}
function aliyunBody(body) {
  return {
    *chunks() {
      yield `${JSON.stringify(body, null, '\t')}\n`;
    },
  };
}
function textFile(text) {
  return {
    *chunks() {
      yield text;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The generator

const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-j', 'cn-hangzhou-k'];
const TIERS = ['web', 'api', 'worker', 'cache', 'db'];
const TIER_PORT = { web: 8080, api: 8443, worker: 9102, cache: 6379, db: 5432 };

/**
 * Builds the snapshot as a list of files `{ path, chunks() }` (chunks: an iterable of strings). Nothing is written;
 * see writeSnapshot and snapshotToMemory.
 */
export function generateSnapshot(options) {
  const o = {
    cni: 'flannel',
    seed: 1,
    ...SIZES.small,
    ...options,
  };
  if (o.cni !== 'flannel' && o.cni !== 'terway') throw new Error(`unknown CNI ${o.cni}`);
  const ids = new Ids(o.seed);
  const files = [];
  const add = (path, file) => files.push({ path, ...file });
  const ex = o.cni === 'flannel' ? 'flannel-ipv4' : 'terway-dualstack';

  // --- templates ------------------------------------------------------------------------------------------------
  const tCluster = readTemplate(`${ex}/alibaba/cs-DescribeClusterDetail.json`);
  const tInstances = readTemplate(`${ex}/alibaba/ecs-DescribeInstances.json`);
  const tEnis = readTemplate(`${ex}/alibaba/ecs-DescribeNetworkInterfaces.json`);
  const tVpcs = readTemplate(`${ex}/alibaba/vpc-DescribeVpcs.json`);
  const tVsw = readTemplate(`${ex}/alibaba/vpc-DescribeVSwitches.json`);
  const tNat = readTemplate(`${ex}/alibaba/vpc-DescribeNatGateways.json`);
  const tSnat = readTemplate(`${ex}/alibaba/vpc-DescribeSnatTableEntries.json`);
  const tEips = readTemplate(`${ex}/alibaba/vpc-DescribeEipAddresses.json`);
  const tRtl = readTemplate(`${ex}/alibaba/vpc-DescribeRouteTableList.json`);
  const tSgs = readTemplate(`${ex}/alibaba/ecs-DescribeSecurityGroups.json`);
  const tRds = readTemplate(`${ex}/alibaba/rds-DescribeDBInstances.json`);
  const flannel = o.cni === 'flannel';
  const tRoutes = flannel
    ? readTemplate('flannel-ipv4/alibaba/vpc-DescribeRouteEntryList.json')
    : readTemplate('terway-dualstack/alibaba/vpc-DescribeRouteEntryList.page1.json');
  const tNodes = readTemplate(flannel ? 'flannel-ipv4/kubernetes/nodes.yaml' : 'terway-dualstack/kubernetes/nodes.json');
  const tPods = flannel
    ? readTemplate('flannel-ipv4/kubernetes/pods.json')
    : readTemplate('terway-dualstack/kubernetes/pods-apps.yaml');
  const tNamespaces = readTemplate(`${ex}/kubernetes/namespaces.yaml`);
  const tWorkloads = readTemplate(`${ex}/kubernetes/workloads.yaml`);
  const tServices = readTemplate(flannel ? 'flannel-ipv4/kubernetes/services.yaml' : 'terway-dualstack/kubernetes/services.json');
  const tSlices = readTemplate(
    flannel ? 'flannel-ipv4/kubernetes/endpointslices.json' : 'terway-dualstack/kubernetes/endpointslices.yaml',
  );
  const sgFiles = (flannel
    ? ['sg-bp11nh9y5kmtxh18mpqc', 'sg-bp19rks3b58ub2i8vv0k']
    : ['sg-bp122bpuryqwzd8ujcov', 'sg-bp1a4z73af4uu6z9emkq']
  ).map((id) => readTemplate(`${ex}/alibaba/ecs-DescribeSecurityGroupAttribute.${id}.json`));

  const tpl = {
    instance: tInstances.Instances.Instance[0],
    eni: tEnis.NetworkInterfaceSets.NetworkInterfaceSet.find((e) => e.Type === 'Primary'),
    secondaryEni: tEnis.NetworkInterfaceSets.NetworkInterfaceSet.find((e) => e.Type === 'Secondary'),
    vsw: tVsw.VSwitches.VSwitch[0],
    snat: tSnat.SnatTableEntries.SnatTableEntry[0],
    eip: tEips.EipAddresses.EipAddress[0],
    route: tRoutes.RouteEntrys.RouteEntry.find((r) => r.Type === 'Custom'),
    node: tNodes.items[0],
    pod: tPods.items.find((p) => !p.spec.hostNetwork && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet'),
    namespace: tNamespaces.items.find((n) => n.metadata.labels?.team !== undefined) ?? tNamespaces.items.at(-1),
    deployment: tWorkloads.items.find((w) => w.kind === 'Deployment'),
    replicaSet: tWorkloads.items.find((w) => w.kind === 'ReplicaSet'),
    service: tServices.items.find((s) => s.spec.type === 'ClusterIP' && s.spec.selector),
    slice: tSlices.items.find((s) => s.endpoints?.length > 0 && s.metadata.namespace !== 'kube-system') ?? tSlices.items[0],
    rds: tRds.Items.DBInstance[0],
    sgSummary: tSgs.SecurityGroups.SecurityGroup[0],
    sgRule: sgFiles[0].Permissions.Permission[0],
  };
  const cluster = tCluster;
  const clusterId = cluster.cluster_id;
  const vpc = tVpcs.Vpcs.Vpc[0];
  const vpcId = vpc.VpcId;
  const routeTableId = tRtl.RouterTableList.RouterTableListType[0].RouteTableId;
  const natGateway = tNat.NatGateways.NatGateway[0];
  const snatTableId = natGateway.SnatTableIds.SnatTableId[0];
  const clusterSg = sgFiles[0];
  const region = 'cn-hangzhou';

  // --- network plan -----------------------------------------------------------------------------------------------
  // Flannel: nodes in 192.168.64.0/19, /96, /128 (one vSwitch per zone), pods in 10.0.0.0/12 (a /25 per node).
  // Terway: nodes in 10.16.0.0/16, 10.17…, pods in pod vSwitches 10.32.0.0/14, 10.36…, 10.40… per zone.
  const nodeVSwitches = ZONES.map((zone, z) => ({
    id: ids.cloud('vsw'),
    name: `ack-node-${zone.slice(-1)}`,
    zone,
    cidr: flannel ? `192.168.${64 + 32 * z}.0/19` : `10.${16 + z}.0.0/16`,
  }));
  const podVSwitches = flannel
    ? []
    : ZONES.map((zone, z) => ({
        id: ids.cloud('vsw'),
        name: `ack-pod-${zone.slice(-1)}`,
        zone,
        cidr: `10.${32 + 4 * z}.0.0/14`,
      }));
  const podCidr = flannel ? '10.0.0.0/12' : podVSwitches.map((v) => v.cidr).join(',');
  const serviceCidr = '172.16.0.0/13';
  // Keep the example's original vSwitches (NAT gateway, RDS, the API server SLB live there).
  const keptVSwitches = tVsw.VSwitches.VSwitch.filter((v) => !v.Ipv6CidrBlock || flannel);

  // Security group ids first: eni-config (Terway) names the pod groups.
  const groups = [{ id: clusterSg.SecurityGroupId, name: clusterSg.SecurityGroupName, body: clusterSg, kept: true }];
  for (let g = 1; g < o.securityGroups; g++) {
    groups.push({ id: ids.cloud('sg'), name: `app-sg-${g}`, kept: false });
  }
  function sgIdsForPods() {
    return groups.length > 1 ? [groups[1].id] : [groups[0].id];
  }

  // --- nodes, instances, ENIs -------------------------------------------------------------------------------------
  const nodes = [];
  for (let i = 0; i < o.nodes; i++) {
    const z = i % ZONES.length;
    const vsw = nodeVSwitches[z];
    const base = ipToInt(vsw.cidr.split('/')[0]);
    const ip = intToIp(base + 10 + Math.floor(i / ZONES.length));
    nodes.push({
      index: i,
      zone: ZONES[z],
      vsw,
      podVsw: podVSwitches[z],
      ip,
      name: `${region}.${ip}`,
      instanceId: ids.cloud('i'),
      eniId: ids.cloud('eni'),
      podEniId: flannel ? undefined : ids.cloud('eni'),
      podCidr: flannel ? `${intToIp(ipToInt('10.0.0.0') + i * 128)}/25` : undefined,
      pods: [],
    });
  }
  // Terway: pod addresses are handed out per zone from the pod vSwitch.
  const nextPodIp = podVSwitches.map((v) => ipToInt(v.cidr.split('/')[0]) + 4);

  // --- namespaces, workloads, pods --------------------------------------------------------------------------------
  const totalPods = o.nodes * o.podsPerNode;
  const teams = ['shop', 'payments', 'media', 'search', 'data', 'ml', 'platform', 'growth'];
  const namespaces = [];
  for (let n = 0; n < o.namespaces; n++) {
    namespaces.push({ name: `${teams[n % teams.length]}-${String(n).padStart(3, '0')}`, team: teams[n % teams.length], env: n % 5 === 0 ? 'staging' : 'prod', workloads: [] });
  }
  const workloads = [];
  let podCount = 0;
  let w = 0;
  while (podCount < totalPods) {
    const ns = namespaces[w % namespaces.length];
    const tier = TIERS[Math.floor(w / namespaces.length) % TIERS.length];
    const replicas = Math.min(totalPods - podCount, 2 + ids.int(6));
    const name = `${tier}-${Math.floor(w / (namespaces.length * TIERS.length))}`;
    const workload = {
      namespace: ns.name,
      ns,
      name: `${name}`,
      tier,
      app: `${ns.name}-${name}`,
      replicas,
      hash: ids.hash(9),
      uid: ids.uid(),
      rsUid: ids.uid(),
      port: TIER_PORT[tier],
      pods: [],
    };
    ns.workloads.push(workload);
    workloads.push(workload);
    podCount += replicas;
    w++;
  }
  // Pods are spread over nodes round-robin, so a workload's replicas land on different nodes and zones.
  let slot = 0;
  for (const workload of workloads) {
    for (let r = 0; r < workload.replicas; r++) {
      const node = nodes[slot % nodes.length];
      slot++;
      let ip;
      if (flannel) ip = intToIp(ipToInt(node.podCidr.split('/')[0]) + 2 + node.pods.length);
      else {
        const z = node.index % ZONES.length;
        ip = intToIp(nextPodIp[z]);
        nextPodIp[z]++;
      }
      const pod = { name: `${workload.name}-${workload.hash}-${ids.hash(5)}`, ip, node, workload, uid: ids.uid() };
      node.pods.push(pod);
      workload.pods.push(pod);
    }
  }

  // --- Kubernetes files -------------------------------------------------------------------------------------------
  add(
    'kubernetes/nodes.json',
    kubectlList(function* (rid) {
      for (const node of nodes) {
        const item = clone(tpl.node);
        const m = item.metadata;
        m.name = node.name;
        m.uid = rid.uid();
        for (const key of Object.keys(m.labels)) {
          if (/zone$/.test(key)) m.labels[key] = node.zone;
          if (key === 'kubernetes.io/hostname') m.labels[key] = node.name;
        }
        if (m.annotations?.['flannel.alpha.coreos.com/public-ip']) m.annotations['flannel.alpha.coreos.com/public-ip'] = node.ip;
        for (const key of Object.keys(m.annotations ?? {}))
          if (key.startsWith('terway') || key.includes('ipv6')) delete m.annotations[key];
        item.spec.providerID = `${region}.${node.instanceId}`;
        if (flannel) {
          item.spec.podCIDR = node.podCidr;
          item.spec.podCIDRs = [node.podCidr];
        } else {
          delete item.spec.podCIDR;
          delete item.spec.podCIDRs;
        }
        item.status.addresses = [
          { address: node.ip, type: 'InternalIP' },
          { address: node.name, type: 'Hostname' },
        ];
        yield item;
      }
    }, o.seed * 7 + 23),
  );

  add(
    'kubernetes/namespaces.json',
    kubectlList(function* (rid) {
      for (const item of tNamespaces.items) if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(item.metadata.name)) yield item;
      for (const ns of namespaces) {
        const item = clone(tpl.namespace);
        item.metadata.name = ns.name;
        item.metadata.uid = rid.uid();
        item.metadata.labels = { 'kubernetes.io/metadata.name': ns.name, team: ns.team, env: ns.env };
        yield item;
      }
    }, o.seed * 7 + 28),
  );

  add(
    'kubernetes/workloads.json',
    kubectlList(function* () {
      for (const workload of workloads) {
        const d = clone(tpl.deployment);
        const labels = { app: workload.app, tier: workload.tier };
        d.metadata = { ...d.metadata, name: workload.name, namespace: workload.namespace, uid: workload.uid, labels };
        d.spec.replicas = workload.replicas;
        d.spec.selector = { matchLabels: { app: workload.app } };
        d.spec.template.metadata.labels = { ...labels };
        d.spec.template.spec.containers[0].name = workload.tier;
        d.spec.template.spec.containers[0].ports = [{ containerPort: workload.port, name: 'main', protocol: 'TCP' }];
        yield d;
      }
      for (const workload of workloads) {
        const rs = clone(tpl.replicaSet);
        const rsName = `${workload.name}-${workload.hash}`;
        const labels = { app: workload.app, tier: workload.tier, 'pod-template-hash': workload.hash };
        rs.metadata = {
          ...rs.metadata,
          name: rsName,
          namespace: workload.namespace,
          uid: workload.rsUid,
          labels,
          ownerReferences: [{ ...rs.metadata.ownerReferences[0], name: workload.name, uid: workload.uid }],
        };
        rs.spec.replicas = workload.replicas;
        rs.spec.selector = { matchLabels: { app: workload.app, 'pod-template-hash': workload.hash } };
        rs.spec.template.metadata.labels = { ...labels };
        yield rs;
      }
    }),
  );

  add(
    'kubernetes/pods.json',
    kubectlList(function* () {
      for (const workload of workloads) {
        for (const pod of workload.pods) {
          const item = clone(tpl.pod);
          const m = item.metadata;
          m.name = pod.name;
          m.namespace = workload.namespace;
          m.uid = pod.uid;
          m.generateName = `${workload.name}-${workload.hash}-`;
          m.labels = { app: workload.app, tier: workload.tier, 'pod-template-hash': workload.hash };
          m.ownerReferences = [{ ...m.ownerReferences[0], name: `${workload.name}-${workload.hash}`, uid: workload.rsUid }];
          if (m.annotations) {
            for (const key of Object.keys(m.annotations))
              if (key.startsWith('k8s.aliyun.com') || key.startsWith('ack.aliyun.com')) delete m.annotations[key];
          }
          item.spec.nodeName = pod.node.name;
          item.spec.containers[0].name = workload.tier;
          item.spec.containers[0].ports = [{ containerPort: workload.port, name: 'main', protocol: 'TCP' }];
          item.status.hostIP = pod.node.ip;
          item.status.hostIPs = [{ ip: pod.node.ip }];
          item.status.podIP = pod.ip;
          item.status.podIPs = [{ ip: pod.ip }];
          if (item.status.containerStatuses?.[0]) item.status.containerStatuses[0].name = workload.tier;
          yield item;
        }
      }
    }),
  );

  // Services: web, api and cache tiers get a ClusterIP Service; each has EndpointSlices of at most 100 endpoints.
  const services = [];
  let serviceIp = ipToInt(flannel ? '172.22.0.10' : '192.168.16.10');
  for (const workload of workloads) {
    if (workload.tier === 'worker' || workload.tier === 'db') continue;
    services.push({ workload, name: workload.name, namespace: workload.namespace, ip: intToIp(serviceIp++), uid: ids.uid() });
  }
  add(
    'kubernetes/services.json',
    kubectlList(function* () {
      for (const item of tServices.items)
        if (item.metadata.namespace === 'default' || item.metadata.name === 'kube-dns') yield item;
      for (const svc of services) {
        const item = clone(tpl.service);
        item.metadata = { ...item.metadata, name: svc.name, namespace: svc.namespace, uid: svc.uid, labels: { app: svc.workload.app } };
        delete item.metadata.annotations;
        item.spec.clusterIP = svc.ip;
        item.spec.clusterIPs = [svc.ip];
        item.spec.ipFamilies = ['IPv4'];
        item.spec.ipFamilyPolicy = 'SingleStack';
        item.spec.selector = { app: svc.workload.app };
        item.spec.ports = [{ name: 'main', port: svc.workload.tier === 'web' ? 80 : svc.workload.port, protocol: 'TCP', targetPort: svc.workload.port }];
        item.status = { loadBalancer: {} };
        yield item;
      }
    }),
  );
  add(
    'kubernetes/endpointslices.json',
    kubectlList(function* (rid) {
      for (const item of tSlices.items) if (item.metadata.namespace === 'default' || item.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns') yield item;
      for (const svc of services) {
        const pods = svc.workload.pods;
        for (let start = 0; start < pods.length; start += 100) {
          const item = clone(tpl.slice);
          item.addressType = 'IPv4';
          item.metadata = {
            ...item.metadata,
            name: `${svc.name}-${rid.hash(5)}`,
            generateName: `${svc.name}-`,
            namespace: svc.namespace,
            uid: rid.uid(),
            labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.name },
            ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: svc.name, uid: svc.uid }],
          };
          item.endpoints = pods.slice(start, start + 100).map((pod) => ({
            addresses: [pod.ip],
            conditions: { ready: true, serving: true, terminating: false },
            nodeName: pod.node.name,
            targetRef: { kind: 'Pod', name: pod.name, namespace: svc.namespace, uid: pod.uid },
            zone: pod.node.zone,
          }));
          item.ports = [{ name: 'main', port: svc.workload.port, protocol: 'TCP' }];
          yield item;
        }
      }
    }, o.seed * 7 + 32),
  );

  // NetworkPolicies of the shapes real clusters hold, namespace by namespace until the count is reached.
  const policies = [];
  const policy = (ns, name, spec) =>
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { creationTimestamp: '2026-09-12T02:00:00Z', generation: 1, name, namespace: ns.name, resourceVersion: String(81300000 + policies.length), uid: ids.uid() },
      spec,
    });
  const shapes = [
    (ns) => policy(ns, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    (ns) => policy(ns, 'allow-same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }], policyTypes: ['Ingress'] }),
    (ns) => policy(ns, 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] }),
    (ns) =>
      policy(ns, 'allow-dns', {
        podSelector: {},
        egress: [
          {
            // CoreDNS pods, and NodeLocal DNSCache's link-local address (the ACK docs' own DNS policy lists both).
            to: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
              { ipBlock: { cidr: '169.254.20.10/32' } },
            ],
            ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
          },
        ],
        policyTypes: ['Egress'],
      }),
    (ns) =>
      policy(ns, 'allow-egress-internet-https', {
        podSelector: {},
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443, protocol: 'TCP' }] }],
        policyTypes: ['Egress'],
      }),
    (ns) =>
      policy(ns, 'allow-same-team', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: ns.team } } }] }],
        policyTypes: ['Ingress'],
      }),
    (ns) => policy(ns, 'allow-intra-namespace-egress', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }], policyTypes: ['Egress'] }),
    (ns) =>
      policy(ns, 'allow-vpc-databases', {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }] },
        egress: [{ to: [{ ipBlock: { cidr: flannel ? '192.168.30.0/24' : '10.0.8.0/24' } }], ports: [{ port: 3306, protocol: 'TCP' }] }],
        policyTypes: ['Egress'],
      }),
  ];
  // Per-workload ingress rules (tier → tier, monitoring) fill up the rest.
  const perWorkload = (workload, k) => {
    const from = { web: 'ingress', api: 'web', cache: 'api', db: 'api', worker: 'api' }[workload.tier];
    policy(workload.ns, `${workload.name}-allow-${k}`, {
      podSelector: { matchLabels: { app: workload.app } },
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { tier: from } } },
            { namespaceSelector: { matchLabels: { team: 'platform' } }, podSelector: { matchLabels: { tier: 'worker' } } },
          ],
          ports: [{ port: workload.port, protocol: 'TCP' }],
        },
      ],
      policyTypes: ['Ingress'],
    });
  };
  outer: for (const shape of shapes) {
    for (const ns of namespaces) {
      if (policies.length >= o.policies) break outer;
      shape(ns);
    }
  }
  for (let k = 0; policies.length < o.policies; k++) {
    for (const workload of workloads) {
      if (policies.length >= o.policies) break;
      perWorkload(workload, k);
    }
    if (workloads.length === 0) break;
  }
  add(
    'kubernetes/networkpolicies.json',
    kubectlList(function* () {
      yield* policies;
    }),
  );

  // Cluster-wide objects kept as the example has them: kube-system pods (CoreDNS), DaemonSets, ConfigMaps.
  const systemPods = (flannel ? tPods : readTemplate('terway-dualstack/kubernetes/pods-kube-system.yaml')).items.filter((p) => p.metadata.namespace === 'kube-system' && !p.spec.hostNetwork);
  const replaceText = (text) => {
    let out = text;
    for (const [from, to] of textReplacements) out = out.split(from).join(to);
    return out;
  };
  const textReplacements = flannel
    ? [
        ['172.20.0.0/16', podCidr],
        ['172.21.0.0/20', serviceCidr],
        ['"NodeCIDRMask\\":\\"24\\"', '"NodeCIDRMask\\":\\"25\\"'],
      ]
    : [];
  for (const file of flannel
    ? ['kubernetes/configmaps-kube-system.yaml', 'kubernetes/daemonsets-kube-system.yaml']
    : ['kubernetes/configmaps-kube-system.yaml', 'kubernetes/daemonsets.yaml']) {
    let text = readFileSync(join(ROOT, 'examples', ex, file), 'utf8');
    if (!flannel && file.includes('configmaps')) text = terwayEniConfig(text, podVSwitches, sgIdsForPods());
    add(file, textFile(replaceText(text)));
  }
  // CoreDNS pods keep their example addresses: put them on the first nodes with addresses of those nodes.
  const systemPodIps = systemPods.map((_, k) => {
    const node = nodes[k % nodes.length];
    return flannel ? intToIp(ipToInt(node.podCidr.split('/')[0]) + 100 + k) : intToIp(nextPodIp[node.index % ZONES.length]++);
  });
  add(
    'kubernetes/pods-kube-system.json',
    kubectlList(function* () {
      let k = 0;
      for (const item of systemPods) {
        const node = nodes[k % nodes.length];
        const copy = clone(item);
        const ip = systemPodIps[k];
        copy.spec.nodeName = node.name;
        copy.status.hostIP = node.ip;
        copy.status.hostIPs = [{ ip: node.ip }];
        copy.status.podIP = ip;
        copy.status.podIPs = [{ ip }];
        k++;
        yield copy;
      }
    }),
  );
  add('world.yaml', textFile(readFileSync(join(ROOT, 'examples', ex, 'world.yaml'), 'utf8')));

  // --- Alibaba Cloud files ----------------------------------------------------------------------------------------
  const clusterBody = clone(cluster);
  clusterBody.vswitch_ids = nodeVSwitches.map((v) => v.id);
  clusterBody.vswitch_id = nodeVSwitches[0].id;
  clusterBody.size = o.nodes;
  if (!flannel) {
    clusterBody.ip_stack = 'ipv4';
    if (clusterBody.parameters?.IPStack) clusterBody.parameters.IPStack = 'ipv4';
    clusterBody.meta_data = clusterBody.meta_data
      .replace(/dual/g, 'ipv4')
      .replace(/"PodVswitchIds":\[[^\]]*\]/, `"PodVswitchIds":${JSON.stringify(podVSwitches.map((v) => v.id))}`);
  }
  if (flannel) {
    clusterBody.node_cidr_mask = '25';
    if (clusterBody.parameters?.NodeCIDRMask) clusterBody.parameters.NodeCIDRMask = '25';
  }
  add('alibaba/cs-DescribeClusterDetail.json', textFile(`${replaceText(JSON.stringify(clusterBody, null, '\t'))}\n`));

  const vpcBody = clone(tVpcs);
  vpcBody.Vpcs.Vpc[0].VSwitchIds.VSwitchId = [...keptVSwitches.map((v) => v.VSwitchId), ...nodeVSwitches.map((v) => v.id), ...podVSwitches.map((v) => v.id)];
  add('alibaba/vpc-DescribeVpcs.json', aliyunBody(vpcBody));

  const vswItems = [...keptVSwitches];
  for (const v of [...nodeVSwitches, ...podVSwitches]) {
    const item = clone(tpl.vsw);
    item.VSwitchId = v.id;
    item.VSwitchName = v.name;
    item.ZoneId = v.zone;
    item.CidrBlock = v.cidr;
    item.Ipv6CidrBlock = '';
    item.EnabledIpv6 = false;
    item.RouteTable = { RouteTableId: routeTableId, RouteTableType: 'System' };
    vswItems.push(item);
  }
  add('alibaba/vpc-DescribeVSwitches.json', aliyunBody({ ...tVsw, TotalCount: vswItems.length, PageSize: 50, VSwitches: { VSwitch: vswItems } }));

  // Route table: the example's entries, the vSwitch system routes, and (Flannel) one custom route per node.
  const exampleRoutes = flannel
    ? tRoutes.RouteEntrys.RouteEntry
    : [
        ...tRoutes.RouteEntrys.RouteEntry,
        ...readTemplate('terway-dualstack/alibaba/vpc-DescribeRouteEntryList.page2.json').RouteEntrys.RouteEntry,
      ].filter((r) => r.IpVersion !== 'ipv6' && !r.DestinationCidrBlock.includes(':'));
  const routes = exampleRoutes.filter((r) => !(flannel && r.NextHops?.NextHop?.[0]?.NextHopType === 'Instance'));
  for (const v of [...nodeVSwitches, ...podVSwitches]) {
    const system = clone(tRoutes.RouteEntrys.RouteEntry[0]);
    system.RouteEntryId = ids.cloud('rte');
    system.RouteTableId = routeTableId;
    system.DestinationCidrBlock = v.cidr;
    routes.push(system);
  }
  if (flannel) {
    for (const node of nodes) {
      const route = clone(tRoutes.RouteEntrys.RouteEntry.find((r) => r.NextHops?.NextHop?.[0]?.NextHopType === 'Instance'));
      route.RouteEntryId = ids.cloud('rte');
      route.DestinationCidrBlock = node.podCidr;
      route.NextHops.NextHop[0].NextHopId = node.instanceId;
      route.Description = `kubernetes-${clusterId}`;
      routes.push(route);
    }
  }
  add('alibaba/vpc-DescribeRouteEntryList.json', aliyunBody({ ...tRoutes, NextToken: '', TotalCount: routes.length, RouteEntrys: { RouteEntry: routes } }));
  const rtlBody = clone(tRtl);
  rtlBody.RouterTableList.RouterTableListType[0].VSwitchIds.VSwitchId = vswItems.map((v) => v.VSwitchId);
  add('alibaba/vpc-DescribeRouteTableList.json', aliyunBody(rtlBody));

  // NAT gateway with three more EIPs; SNAT entries per vSwitch, with gaps: the last zone's vSwitches have none.
  const natBody = clone(tNat);
  const nat = natBody.NatGateways.NatGateway[0];
  const natEips = [];
  const eipItems = [];
  for (let k = 0; k < 3; k++) {
    const eip = clone(tpl.eip);
    eip.AllocationId = ids.cloud('eip');
    eip.IpAddress = `47.98.${200 + k}.${10 + k}`;
    eip.InstanceId = nat.NatGatewayId;
    eip.InstanceType = 'Nat';
    eip.Name = `nat-eip-${k}`;
    eip.PrivateIpAddress = '';
    natEips.push(eip);
    nat.IpLists.IpList.push({ ...nat.IpLists.IpList[0], AllocationId: eip.AllocationId, IpAddress: eip.IpAddress });
  }
  add('alibaba/vpc-DescribeNatGateways.json', aliyunBody(natBody));
  const snatItems = [...tSnat.SnatTableEntries.SnatTableEntry.filter((e) => keptVSwitches.some((v) => v.VSwitchId === e.SourceVSwitchId))];
  const sourceVSwitches = flannel ? nodeVSwitches : podVSwitches;
  sourceVSwitches.forEach((v, z) => {
    if (z === sourceVSwitches.length - 1) return; // the gap: a zone added later, never given an SNAT entry
    const entry = clone(tpl.snat);
    entry.SnatEntryId = ids.cloud('snat');
    entry.SnatEntryName = v.name;
    entry.SnatTableId = snatTableId;
    entry.NatGatewayId = nat.NatGatewayId;
    entry.SourceVSwitchId = v.id;
    entry.SourceCIDR = v.cidr;
    entry.SnatIp = natEips[z % natEips.length].IpAddress;
    snatItems.push(entry);
  });
  // A narrower CIDR entry inside the uncovered vSwitch: a few nodes (or pods) there do reach the Internet.
  const gapVsw = sourceVSwitches.at(-1);
  const narrow = clone(tpl.snat);
  narrow.SnatEntryId = ids.cloud('snat');
  narrow.SnatEntryName = 'hotfix-batch';
  narrow.SnatTableId = snatTableId;
  narrow.NatGatewayId = nat.NatGatewayId;
  narrow.SourceVSwitchId = '';
  narrow.SourceCIDR = `${gapVsw.cidr.split('/')[0]}/26`;
  narrow.SnatIp = natEips[2].IpAddress;
  snatItems.push(narrow);
  add('alibaba/vpc-DescribeSnatTableEntries.json', aliyunBody({ ...tSnat, TotalCount: snatItems.length, SnatTableEntries: { SnatTableEntry: snatItems } }));

  // EIPs: the example's NAT EIP, three more on the NAT gateway, one per 50 nodes on node instances, a few unused.
  for (const eip of tEips.EipAddresses.EipAddress) if (eip.InstanceType === 'Nat') eipItems.push(eip);
  eipItems.push(...natEips);
  for (let i = 0; i < nodes.length; i += 50) {
    const node = nodes[i];
    const eip = clone(tpl.eip);
    eip.AllocationId = ids.cloud('eip');
    eip.IpAddress = intToIp(ipToInt('121.40.0.0') + i + 1);
    eip.InstanceId = node.instanceId;
    eip.InstanceType = 'EcsInstance';
    eip.PrivateIpAddress = node.ip;
    eip.Name = `node-eip-${i}`;
    eipItems.push(eip);
    node.eip = eip.IpAddress;
  }
  for (let k = 0; k < 3; k++) {
    const eip = clone(tpl.eip);
    eip.AllocationId = ids.cloud('eip');
    eip.IpAddress = `47.96.71.${20 + k}`;
    eip.InstanceId = '';
    eip.InstanceType = '';
    eip.PrivateIpAddress = '';
    eip.Status = 'Available';
    eip.Name = `spare-${k}`;
    eipItems.push(eip);
  }
  add('alibaba/vpc-DescribeEipAddresses.json', aliyunBody({ ...tEips, TotalCount: eipItems.length, PageSize: 100, EipAddresses: { EipAddress: eipItems } }));

  // Security groups: the cluster group (extended), plus application groups of many rules each, with Drop rules.
  const protocols = ['TCP', 'TCP', 'TCP', 'UDP', 'ICMP', 'ALL'];
  const ruleFor = (direction, g, r) => {
    const rule = clone(tpl.sgRule);
    rule.SecurityGroupRuleId = ids.cloud('sgr');
    rule.Direction = direction;
    const drop = r % 7 === 3;
    rule.Policy = drop ? 'Drop' : 'Accept';
    rule.Priority = String(drop ? 1 + (r % 50) : 1 + ((r * 13) % 100));
    const protocol = protocols[r % protocols.length];
    rule.IpProtocol = protocol;
    const port = [22, 25, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090][r % 10] + (r >= 10 ? Math.floor(r / 10) * 100 : 0);
    rule.PortRange = protocol === 'ICMP' || protocol === 'ALL' ? '-1/-1' : r % 5 === 0 ? `${port}/${port + 99}` : `${port}/${port}`;
    const cidr = r % 11 === 0 ? '0.0.0.0/0' : intToIp(ipToInt('100.100.0.0') + ((g * 997 + r * 65536) % 1048576)).replace(/\.\d+$/, '.0') + '/24';
    rule.SourceCidrIp = direction === 'ingress' ? cidr : '';
    rule.DestCidrIp = direction === 'egress' ? cidr : '';
    rule.SourceGroupId = '';
    rule.Ipv6SourceCidrIp = '';
    rule.Ipv6DestCidrIp = '';
    rule.Description = `${drop ? 'deny' : 'allow'} ${direction} rule ${r}`;
    return rule;
  };
  for (const [g, group] of groups.entries()) {
    const body = group.kept ? clone(group.body) : clone(sgFiles[1]);
    body.SecurityGroupId = group.id;
    body.SecurityGroupName = group.name;
    body.VpcId = vpcId;
    body.InnerAccessPolicy = group.kept ? body.InnerAccessPolicy : 'Accept';
    const rules = group.kept ? [...body.Permissions.Permission] : [];
    // Application groups must keep node and pod traffic working: accept the VPC and the pod CIDR first.
    if (!group.kept) {
      for (const cidr of [vpc.CidrBlock, ...(flannel ? [podCidr] : podVSwitches.map((v) => v.cidr))]) {
        const accept = clone(tpl.sgRule);
        Object.assign(accept, { SecurityGroupRuleId: ids.cloud('sgr'), Direction: 'ingress', Policy: 'Accept', Priority: '1', IpProtocol: 'ALL', PortRange: '-1/-1', SourceCidrIp: cidr, SourceGroupId: '', Description: 'cluster' });
        rules.push(accept);
      }
    }
    const count = o.rulesPerGroup - rules.length;
    for (let r = 0; r < count; r++) rules.push(ruleFor(r % 3 === 2 ? 'egress' : 'ingress', g, r));
    body.Permissions.Permission = rules;
    group.ruleCount = rules.length;
    add(`alibaba/ecs-DescribeSecurityGroupAttribute.${group.id}.json`, aliyunBody(body));
  }
  const keptSummaries = tSgs.SecurityGroups.SecurityGroup.filter((s) => s.SecurityGroupId === groups[0].id);
  const sgSummaries = [
    ...keptSummaries,
    ...groups.slice(1).map((group) => ({ ...clone(tpl.sgSummary), SecurityGroupId: group.id, SecurityGroupName: group.name, SecurityGroupType: 'normal', VpcId: vpcId, RuleCount: group.ruleCount, Tags: { Tag: [] } })),
  ];
  add('alibaba/ecs-DescribeSecurityGroups.json', aliyunBody({ ...tSgs, TotalCount: sgSummaries.length, PageSize: 100, SecurityGroups: { SecurityGroup: sgSummaries } }));
  // A node is in the cluster group and in one application group (1 in 4 nodes), so the SG hop meets big groups.
  const nodeGroups = (node) => (groups.length > 1 && node.index % 4 === 0 ? [groups[0].id, groups[1 + (node.index % (groups.length - 1))].id] : [groups[0].id]);

  add(
    'alibaba/ecs-DescribeInstances.json',
    aliyunBody({
      ...tInstances,
      TotalCount: nodes.length,
      PageSize: 100,
      Instances: {
        Instance: nodes.map((node) => {
          const item = clone(tpl.instance);
          item.InstanceId = node.instanceId;
          item.HostName = `iZ${node.instanceId.slice(2)}Z`;
          item.ZoneId = node.zone;
          item.SecurityGroupIds = { SecurityGroupId: nodeGroups(node) };
          item.VpcAttributes = { ...item.VpcAttributes, VpcId: vpcId, VSwitchId: node.vsw.id, PrivateIpAddress: { IpAddress: [node.ip] } };
          item.EipAddress = node.eip
            ? { ...item.EipAddress, IpAddress: node.eip, AllocationId: 'eip-node' }
            : { ...item.EipAddress, IpAddress: '', AllocationId: '' };
          if (item.NetworkInterfaces?.NetworkInterface) {
            item.NetworkInterfaces.NetworkInterface = [
              { ...item.NetworkInterfaces.NetworkInterface[0], NetworkInterfaceId: node.eniId, PrimaryIpAddress: node.ip, Type: 'Primary', PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: node.ip, Primary: true }] } },
            ];
          }
          return item;
        }),
      },
    }),
  );
  add(
    'alibaba/ecs-DescribeNetworkInterfaces.json',
    aliyunBody({
      ...tEnis,
      TotalCount: nodes.length * (flannel ? 1 : 2),
      PageSize: 100,
      NetworkInterfaceSets: {
        NetworkInterfaceSet: nodes.flatMap((node) => {
          const primary = clone(tpl.eni);
          Object.assign(primary, {
            NetworkInterfaceId: node.eniId,
            InstanceId: node.instanceId,
            VpcId: vpcId,
            VSwitchId: node.vsw.id,
            ZoneId: node.zone,
            PrivateIpAddress: node.ip,
            SecurityGroupIds: { SecurityGroupId: nodeGroups(node) },
            PrivateIpSets: { PrivateIpSet: [{ ...primary.PrivateIpSets.PrivateIpSet[0], PrivateIpAddress: node.ip, Primary: true }] },
            Ipv6Sets: { Ipv6Set: [] },
            Attachment: { ...primary.Attachment, InstanceId: node.instanceId },
          });
          if (flannel) return [primary];
          const secondary = clone(tpl.secondaryEni ?? tpl.eni);
          const podIps = node.pods.map((p) => p.ip);
          Object.assign(secondary, {
            NetworkInterfaceId: node.podEniId,
            Type: 'Secondary',
            InstanceId: node.instanceId,
            VpcId: vpcId,
            VSwitchId: node.podVsw.id,
            ZoneId: node.zone,
            PrivateIpAddress: podIps[0] ?? '',
            SecurityGroupIds: { SecurityGroupId: sgIdsForPods() },
            PrivateIpSets: { PrivateIpSet: podIps.map((ip, k) => ({ PrivateIpAddress: ip, Primary: k === 0, PrivateDnsName: '', AssociatedPublicIp: { PublicIpAddress: '', AllocationId: '' } })) },
            Ipv6Sets: { Ipv6Set: [] },
            Attachment: { ...secondary.Attachment, InstanceId: node.instanceId, DeviceIndex: 1 },
          });
          return [primary, secondary];
        }),
      },
    }),
  );

  // RDS instances in the data vSwitch, with whitelists of the kinds teams write: node vSwitches, the pod CIDR,
  // single pod IPs from an injector, and stale ones.
  const dataVsw = keptVSwitches.find((v) => v.VSwitchName?.startsWith('data') || v.VSwitchName?.startsWith('db')) ?? keptVSwitches.at(-1);
  const rdsCount = Math.max(3, Math.floor(o.nodes / 50));
  const rdsItems = [];
  const dataBase = ipToInt(dataVsw.CidrBlock.split('/')[0]);
  for (let k = 0; k < rdsCount; k++) {
    const id = `rm-bp1${ids.chars(ALNUM, 12)}`;
    const item = clone(tpl.rds);
    Object.assign(item, { DBInstanceId: id, DBInstanceDescription: `db-${k}`, ConnectionString: `${id}.mysql.rds.aliyuncs.com`, VpcId: vpcId, VSwitchId: dataVsw.VSwitchId, VpcCloudInstanceId: id, ZoneId: dataVsw.ZoneId });
    rdsItems.push(item);
    const netInfo = readTemplate(`${ex}/alibaba/${readdirTemplate(ex, 'rds-DescribeDBInstanceNetInfo')}`);
    const info = netInfo.DBInstanceNetInfos.DBInstanceNetInfo[0];
    Object.assign(info, { ConnectionString: `${id}.mysql.rds.aliyuncs.com`, IPAddress: intToIp(dataBase + 40 + k), VPCId: vpcId, VSwitchId: dataVsw.VSwitchId });
    netInfo.DBInstanceNetInfos.DBInstanceNetInfo = [info];
    add(`alibaba/rds-DescribeDBInstanceNetInfo.${id}.json`, aliyunBody(netInfo));
    const whitelist = [
      { DBInstanceIPArrayName: 'default', DBInstanceIPArrayAttribute: '', SecurityIPList: '127.0.0.1', SecurityIPType: 'IPv4' },
    ];
    if (k % 3 === 0) whitelist.push({ DBInstanceIPArrayName: 'ack_nodes', DBInstanceIPArrayAttribute: '', SecurityIPList: nodeVSwitches.slice(0, 2).map((v) => v.cidr).join(','), SecurityIPType: 'IPv4' });
    if (k % 3 === 1) whitelist.push({ DBInstanceIPArrayName: 'k8s_pods', DBInstanceIPArrayAttribute: '', SecurityIPList: flannel ? podCidr : podVSwitches.map((v) => v.cidr).join(','), SecurityIPType: 'IPv4' });
    if (k % 3 === 2) {
      const some = workloads[(k * 7) % workloads.length].pods.map((p) => p.ip);
      whitelist.push({ DBInstanceIPArrayName: 'ack_injector', DBInstanceIPArrayAttribute: '', SecurityIPList: [...some, '10.255.0.7'].join(','), SecurityIPType: 'IPv4' });
    }
    add(`alibaba/rds-DescribeDBInstanceIPArrayList.${id}.json`, aliyunBody({ RequestId: ids.uid().toUpperCase(), Items: { DBInstanceIPArray: whitelist } }));
  }
  add('alibaba/rds-DescribeDBInstances.json', aliyunBody({ ...tRds, PageRecordCount: rdsItems.length, TotalRecordCount: rdsItems.length, Items: { DBInstance: rdsItems } }));

  // The rest of the example's Alibaba files (SLB, ACLs, IPv6, network ACLs) are copied unchanged.
  const written = new Set(files.map((f) => f.path));
  for (const name of listExample(ex, 'alibaba')) {
    const path = `alibaba/${name}`;
    if (written.has(path)) continue;
    if (/^(ecs-DescribeSecurityGroupAttribute|rds-)/.test(name)) continue;
    if (!flannel && /Ipv6|RouteEntryList/.test(name)) continue;
    add(path, textFile(readFileSync(join(ROOT, 'examples', ex, path), 'utf8')));
  }

  const summary = {
    cni: o.cni,
    seed: o.seed,
    nodes: nodes.length,
    pods: totalPods + systemPods.length,
    namespaces: namespaces.length,
    workloads: workloads.length,
    services: services.length,
    networkPolicies: policies.length,
    securityGroups: groups.length,
    securityGroupRules: groups.reduce((n, g) => n + g.ruleCount, 0),
    rdsInstances: rdsItems.length,
  };
  // What the benchmark needs to build queries without re-reading the files.
  const catalog = {
    pods: workloads.flatMap((wl) => wl.pods.map((p) => ({ namespace: wl.namespace, name: p.name, ip: p.ip, tier: wl.tier, port: wl.port }))),
    workloads: workloads.map((wl) => ({ namespace: wl.namespace, name: wl.name, kind: 'deployment', tier: wl.tier, port: wl.port })),
    services: services.map((s) => ({ namespace: s.namespace, name: s.name, ip: s.ip, port: s.workload.tier === 'web' ? 80 : s.workload.port })),
    rds: rdsItems.map((r) => ({ id: r.DBInstanceId, host: r.ConnectionString })),
    policies: policies.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name })),
    securityGroups: groups.map((g) => g.id),
  };
  return { files, summary, catalog };
}

function listExample(ex, folder) {
  return readdirSyncSafe(join(ROOT, 'examples', ex, folder)).sort();
}
function readdirTemplate(ex, prefix) {
  const name = listExample(ex, 'alibaba').find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no ${prefix} file in examples/${ex}`);
  return name;
}
import { readdirSync } from 'node:fs';
function readdirSyncSafe(dir) {
  return readdirSync(dir);
}

/** Terway: eni-config points at the generated pod vSwitches (per zone) and pod security groups, IPv4 only. */
function terwayEniConfig(text, podVSwitches, securityGroups) {
  const vswitches = JSON.stringify(Object.fromEntries(podVSwitches.map((v) => [v.zone, [v.id]])));
  return text
    .replace(/"vswitches": \{.*\},\n/, `"vswitches": ${vswitches},\n`)
    .replace(/"security_groups": \[.*\],\n/, `"security_groups": ${JSON.stringify(securityGroups)},\n`)
    .replace(/"ip_stack": "dual"/, '"ip_stack": "ipv4"');
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Writes the files under `dir`, streaming each file chunk by chunk. */
export async function writeSnapshot(generated, dir) {
  for (const file of generated.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const out = createWriteStream(path);
    let pending = '';
    for (const chunk of file.chunks()) {
      pending += chunk;
      if (pending.length > 1 << 20) {
        if (!out.write(pending)) await new Promise((resolve) => out.once('drain', resolve));
        pending = '';
      }
    }
    await new Promise((resolve, reject) => out.end(pending, (error) => (error ? reject(error) : resolve())));
  }
}

/** The files as `{ path, content }` strings, for in-memory loading (tests, small sizes only). */
export function snapshotToMemory(generated) {
  return generated.files.map((file) => ({ path: file.path, content: [...file.chunks()].join('') }));
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new Error(`unexpected argument ${key}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${key} needs a value`);
    args[key.slice(2)] = value;
    i++;
  }
  return args;
}

export function optionsFromArgs(args) {
  const size = args.size ?? (args.nodes ? undefined : 'small');
  if (size !== undefined && !SIZES[size]) throw new Error(`unknown size ${size} (small, medium, large)`);
  const o = { ...(size ? SIZES[size] : SIZES.small) };
  const numeric = {
    nodes: 'nodes',
    'pods-per-node': 'podsPerNode',
    namespaces: 'namespaces',
    policies: 'policies',
    'security-groups': 'securityGroups',
    'rules-per-group': 'rulesPerGroup',
    seed: 'seed',
  };
  for (const [flag, key] of Object.entries(numeric)) if (args[flag] !== undefined) o[key] = Number(args[flag]);
  if (args.cni) o.cni = args.cni;
  return o;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (!args.out) throw new Error('--out DIR is required');
    const generated = generateSnapshot(optionsFromArgs(args));
    await writeSnapshot(generated, args.out);
    process.stdout.write(`${JSON.stringify(generated.summary)}\n`);
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exitCode = 2;
  }
}
