import { describe, expect, it } from 'vitest';
import { describeClusterDetail } from './cs-cluster.js';
import { loadBodies } from './test-helpers.js';

const CLUSTER = `{"cluster_id": "c7e3a1b2c3d4e5f60718293a4b5c6d7e8", "name": "staging", "cluster_type": "ManagedKubernetes",
 "cluster_spec": "ack.pro.small", "region_id": "cn-shenzhen", "zone_id": "cn-shenzhen-e", "vpc_id": "vpc-wz9stage00000001",
 "vswitch_id": "vsw-wz9node00000001", "vswitch_ids": ["vsw-wz9node00000001", "vsw-wz9node00000002"],
 "security_group_id": "sg-wz9cluster000001", "network_mode": "vpc", "container_cidr": "172.22.0.0/16",
 "service_cidr": "172.23.0.0/20", "node_cidr_mask": "26", "proxy_mode": "ipvs", "ip_stack": "ipv4",
 "init_version": "1.30.1-aliyun.1", "current_version": "1.31.1-aliyun.1", "created": "2026-02-01T10:00:00+08:00",
 "state": "running", "size": 4, "deletion_protection": true, "cluster_domain": "cluster.local",
 "tags": [{"key": "ack.aliyun.com", "value": "c7e3a1b2c3d4e5f60718293a4b5c6d7e8"}],
 "meta_data": "{\\"Addons\\":[{\\"name\\":\\"flannel\\",\\"version\\":\\"v0.15.1.22\\"},{\\"name\\":\\"coredns\\",\\"version\\":\\"\\"},{\\"name\\":\\"kube-proxy-worker\\"}],\\"IPStack\\":\\"ipv4\\"}",
 "parameters": {"ProxyMode": "ipvs"}, "maintenance_window": {"enable": false}}`;

describe('cs DescribeClusterDetail', () => {
  it('reads the snake_case body and the add-ons inside the meta_data JSON string', () => {
    const { builder, recognised } = loadBodies([describeClusterDetail], ['cluster.json', CLUSTER]);
    expect(recognised).toEqual([['cs DescribeClusterDetail']]);
    expect(builder.problems).toEqual([]);
    expect(builder.cloud.clusters).toEqual([
      {
        clusterId: 'c7e3a1b2c3d4e5f60718293a4b5c6d7e8',
        name: 'staging',
        clusterType: 'ManagedKubernetes',
        regionId: 'cn-shenzhen',
        vpcId: 'vpc-wz9stage00000001',
        vSwitchIds: ['vsw-wz9node00000001', 'vsw-wz9node00000002'],
        securityGroupId: 'sg-wz9cluster000001',
        containerCidr: '172.22.0.0/16',
        serviceCidr: '172.23.0.0/20',
        proxyMode: 'ipvs',
        ipStack: 'ipv4',
        clusterDomain: 'cluster.local',
        initVersion: '1.30.1-aliyun.1',
        currentVersion: '1.31.1-aliyun.1',
        created: '2026-02-01T10:00:00+08:00',
        addons: [
          { name: 'flannel', version: 'v0.15.1.22' },
          { name: 'coredns' },
          { name: 'kube-proxy-worker' },
        ],
        origin: { file: 'cluster.json', line: 1, column: 1, path: '' },
      },
    ]);
  });

  it('leaves an empty container_cidr out (Terway clusters)', () => {
    const body =
      '{"cluster_id": "c1", "cluster_type": "ManagedKubernetes", "container_cidr": "", "vswitch_ids": []}';
    const { builder } = loadBodies([describeClusterDetail], ['c.json', body]);
    expect(builder.cloud.clusters[0]).toEqual({
      clusterId: 'c1',
      clusterType: 'ManagedKubernetes',
      vSwitchIds: [],
      addons: [],
      origin: { file: 'c.json', line: 1, column: 1, path: '' },
    });
  });

  it('tolerates bad JSON inside meta_data with a warning, keeping the cluster', () => {
    const body = `{"cluster_id": "c2", "cluster_type": "ManagedKubernetes",
 "meta_data": "{\\"Addons\\": [{\\"name\\": "}`;
    const { builder, warnings } = loadBodies([describeClusterDetail], ['c.json', body]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'c.json',
        line: 2,
        column: 15,
        path: 'meta_data',
        message: 'meta_data is not valid JSON; the cluster add-ons are left unknown',
        expected:
          'a string holding a JSON object such as {"Addons":[{"name":"terway-eniip","version":"v1.9.3"}]}',
        hint: 'add-on versions (such as Terway) are taken from the DaemonSets instead',
      },
    ]);
    expect(builder.cloud.clusters.map((cluster) => [cluster.clusterId, cluster.addons])).toEqual([
      ['c2', []],
    ]);
  });

  it('warns when meta_data.Addons is not a list', () => {
    const body = '{"cluster_id": "c3", "cluster_type": "Kubernetes", "meta_data": "{\\"Addons\\": {}}"}';
    const { warnings } = loadBodies([describeClusterDetail], ['c.json', body]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'meta_data.Addons is not a list; the cluster add-ons are left unknown',
    ]);
  });

  it('is not recognised without its snake_case keys', () => {
    const { recognised } = loadBodies(
      [describeClusterDetail],
      ['k.json', '{"ClusterId": "c1", "clusterType": "x"}'],
    );
    expect(recognised).toEqual([[]]);
  });

  it('reports a cluster_id that is not a string', () => {
    const { errors } = loadBodies(
      [describeClusterDetail],
      ['c.json', '{"cluster_id": 42, "cluster_type": "x"}'],
    );
    expect(errors.map((error) => [error.path, error.message, error.hint])).toEqual([
      [
        'cluster_id',
        'cluster_id is the number 42; the whole body is skipped',
        'save the unedited output of `aliyun cs DescribeClusterDetail` again',
      ],
    ]);
  });
});
