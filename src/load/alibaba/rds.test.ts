import { describe, expect, it } from 'vitest';
import { describeDbInstanceIpArrayList, describeDbInstanceNetInfo, describeDbInstances } from './rds.js';
import { loadBodies } from './test-helpers.js';

const adapters = [describeDbInstances, describeDbInstanceNetInfo, describeDbInstanceIpArrayList];

const INSTANCES = `{"RequestId": "R", "PageNumber": 1, "PageRecordCount": 2, "TotalRecordCount": 2, "NextToken": "",
 "Items": {"DBInstance": [
  {"DBInstanceId": "rm-uf6orders000001", "DBInstanceDescription": "orders", "Engine": "MySQL", "EngineVersion": "8.0",
   "DBInstanceType": "Primary", "DBInstanceStatus": "Running", "DBInstanceNetType": "Intranet",
   "InstanceNetworkType": "VPC", "VpcId": "vpc-uf6main0000000001", "VSwitchId": "vsw-uf6db00000000001",
   "RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-l", "MutriORsignle": false,
   "ReadOnlyDBInstanceIds": {"ReadOnlyDBInstanceId": []}},
  {"DBInstanceId": "pgm-uf6reports0001", "DBInstanceDescription": "", "Engine": "PostgreSQL", "EngineVersion": "16.0",
   "DBInstanceStatus": "Running", "VpcId": "vpc-uf6main0000000001", "VSwitchId": "vsw-uf6db00000000001"}]}}`;

const NET_INFO = `{"RequestId": "R", "InstanceNetworkType": "VPC", "SecurityIPMode": "normal",
 "DBInstanceNetInfos": {"DBInstanceNetInfo": [
  {"ConnectionString": "rm-uf6orders000001.mysql.rds.aliyuncs.com", "IPAddress": "10.2.8.20", "IPType": "Private",
   "Port": "3306", "VPCId": "vpc-uf6main0000000001", "VSwitchId": "vsw-uf6db00000000001", "ConnectionStringType": "Normal",
   "SecurityIPGroups": {"securityIPGroup": []}, "DBInstanceWeights": {"DBInstanceWeight": []}},
  {"ConnectionString": "rm-uf6orders000001o.mysql.rds.aliyuncs.com", "IPAddress": "47.100.1.2", "IPType": "Public",
   "Port": "3306", "VPCId": "", "VSwitchId": "", "ConnectionStringType": "Normal"}]}}`;

const IP_ARRAY = `{"RequestId": "E2B6AF71-DC32-4055-B477-43B348798D10",
 "Items": {"DBInstanceIPArray": [
  {"DBInstanceIPArrayName": "default", "DBInstanceIPArrayAttribute": "", "SecurityIPList": "127.0.0.1", "SecurityIPType": "IPv4"},
  {"DBInstanceIPArrayName": "ack_nodes", "DBInstanceIPArrayAttribute": "", "SecurityIPList": "10.2.1.0/24,10.2.1.23",
   "SecurityIPType": "IPv4"},
  {"DBInstanceIPArrayName": "hidden_dts", "DBInstanceIPArrayAttribute": "hidden", "SecurityIPList": "100.104.0.0/16",
   "SecurityIPType": "IPv4"}]}}`;

describe('rds DescribeDBInstances + DescribeDBInstanceNetInfo + DescribeDBInstanceIPArrayList', () => {
  it('recognises the three bodies, the two Items wrappers apart', () => {
    const { recognised } = loadBodies(
      adapters,
      ['rds.json', INSTANCES],
      ['DescribeDBInstanceNetInfo.rm-uf6orders000001.json', NET_INFO],
      ['DescribeDBInstanceIPArrayList.rm-uf6orders000001.json', IP_ARRAY],
    );
    expect(recognised).toEqual([
      ['rds DescribeDBInstances'],
      ['rds DescribeDBInstanceNetInfo'],
      ['rds DescribeDBInstanceIPArrayList'],
    ]);
  });

  it('merges the instance, its connections and its whitelist, ids taken from the file names', () => {
    const { builder } = loadBodies(
      adapters,
      ['rds/whitelist-rm-uf6orders000001.json', IP_ARRAY],
      ['rds/DescribeDBInstanceNetInfo.rm-uf6orders000001.json', NET_INFO],
      ['rds/instances.json', INSTANCES],
    );
    expect(builder.problems).toEqual([]);
    const [reports, orders] = builder.cloud.rdsInstances;
    expect(reports).toEqual({
      id: 'pgm-uf6reports0001',
      engine: 'PostgreSQL',
      engineVersion: '16.0',
      vpcId: 'vpc-uf6main0000000001',
      vSwitchId: 'vsw-uf6db00000000001',
      status: 'Running',
      connections: [],
      origin: { file: 'rds/instances.json', line: 8, column: 3, path: 'Items.DBInstance[1]' },
    });
    expect(orders?.whitelist).toBeDefined();
    const { whitelist, ...rest } = orders ?? {};
    expect(rest).toEqual({
      id: 'rm-uf6orders000001',
      description: 'orders',
      engine: 'MySQL',
      engineVersion: '8.0',
      vpcId: 'vpc-uf6main0000000001',
      vSwitchId: 'vsw-uf6db00000000001',
      status: 'Running',
      connections: [
        {
          connectionString: 'rm-uf6orders000001.mysql.rds.aliyuncs.com',
          ipAddress: '10.2.8.20',
          ipType: 'Private',
          port: 3306,
        },
        {
          connectionString: 'rm-uf6orders000001o.mysql.rds.aliyuncs.com',
          ipAddress: '47.100.1.2',
          ipType: 'Public',
          port: 3306,
        },
      ],
      origin: { file: 'rds/instances.json', line: 3, column: 3, path: 'Items.DBInstance[0]' },
    });
    expect(whitelist).toEqual([
      {
        name: 'default',
        entries: ['127.0.0.1'],
        ipType: 'IPv4',
        origin: {
          file: 'rds/whitelist-rm-uf6orders000001.json',
          line: 3,
          column: 3,
          path: 'Items.DBInstanceIPArray[0]',
        },
      },
      {
        name: 'ack_nodes',
        entries: ['10.2.1.0/24', '10.2.1.23'],
        ipType: 'IPv4',
        origin: {
          file: 'rds/whitelist-rm-uf6orders000001.json',
          line: 4,
          column: 3,
          path: 'Items.DBInstanceIPArray[1]',
        },
      },
      {
        name: 'hidden_dts',
        attribute: 'hidden',
        entries: ['100.104.0.0/16'],
        ipType: 'IPv4',
        origin: {
          file: 'rds/whitelist-rm-uf6orders000001.json',
          line: 6,
          column: 3,
          path: 'Items.DBInstanceIPArray[2]',
        },
      },
    ]);
  });

  it('leaves the whitelist undefined when its file is absent', () => {
    const { builder } = loadBodies(adapters, ['rds.json', INSTANCES]);
    expect(builder.cloud.rdsInstances.map((instance) => instance.whitelist)).toEqual([undefined, undefined]);
  });

  it('keeps a whitelist whose instance list is absent, taking VPC and vSwitch from NetInfo', () => {
    const { builder, warnings } = loadBodies(
      adapters,
      ['DescribeDBInstanceNetInfo.rm-uf6orders000001.json', NET_INFO],
      ['DescribeDBInstanceIPArrayList.rm-uf6orders000001.json', IP_ARRAY],
    );
    expect(warnings).toEqual([]);
    expect(
      builder.cloud.rdsInstances.map((instance) => [instance.id, instance.vpcId, instance.vSwitchId]),
    ).toEqual([['rm-uf6orders000001', 'vpc-uf6main0000000001', 'vsw-uf6db00000000001']]);
    expect(builder.cloud.rdsInstances[0]?.origin.file).toBe(
      'DescribeDBInstanceNetInfo.rm-uf6orders000001.json',
    );
  });

  it('reports a whitelist whose file name holds no instance id, and tells how to rename it', () => {
    const { builder, errors } = loadBodies(adapters, ['rds/whitelist.json', IP_ARRAY]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'rds/whitelist.json',
        line: 1,
        column: 1,
        message:
          'this DescribeDBInstanceIPArrayList response does not name its RDS instance, and the file name holds no instance id; the whole body is skipped',
        expected: 'an instance id (rm-…, pgm-… or pc-…) in the file name',
        hint: 'rename the file after its instance, e.g. DescribeDBInstanceIPArrayList.rm-bp1xxxxxxxxxxxxxx.json',
      },
    ]);
    expect(builder.cloud.rdsInstances).toEqual([]);
  });

  it('reports NetInfo without an id in its file name the same way', () => {
    const { errors } = loadBodies(adapters, ['netinfo.json', NET_INFO]);
    expect(errors.map((error) => error.hint)).toEqual([
      'rename the file after its instance, e.g. DescribeDBInstanceNetInfo.rm-bp1xxxxxxxxxxxxxx.json',
    ]);
  });

  it('warns when a file name names an instance DescribeDBInstances does not list', () => {
    const { warnings } = loadBodies(
      adapters,
      ['rds.json', INSTANCES],
      ['DescribeDBInstanceIPArrayList.rm-uf6typo000001.json', IP_ARRAY],
    );
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'DescribeDBInstanceIPArrayList.rm-uf6typo000001.json',
        line: 1,
        column: 1,
        message:
          'RDS instance rm-uf6typo000001 (named by the file name) is not in the DescribeDBInstances output',
        hint: 'check that the file name carries the right instance id, or add the instance to DescribeDBInstances',
      },
    ]);
  });

  it('reports a bad Port and a whitelist group without SecurityIPList', () => {
    const netInfo =
      '{"DBInstanceNetInfos": {"DBInstanceNetInfo": [{"IPAddress": "10.0.0.1", "Port": "33o6"}]}}';
    const ipArray = '{"Items": {"DBInstanceIPArray": [{"DBInstanceIPArrayName": "g"}]}}';
    const { errors } = loadBodies(
      adapters,
      ['DescribeDBInstanceNetInfo.rm-1.json', netInfo],
      ['DescribeDBInstanceIPArrayList.rm-1.json', ipArray],
    );
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      [
        'DBInstanceNetInfos.DBInstanceNetInfo[0].Port',
        'Port is the string "33o6"; this connection is skipped',
        'a port number such as "3306"',
      ],
      [
        'Items.DBInstanceIPArray[0].SecurityIPList',
        'SecurityIPList is missing; this whitelist group is skipped',
        'a string',
      ],
    ]);
  });
});
