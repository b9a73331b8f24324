import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureIo } from '../cli/io.js';
import { run } from '../cli/main.js';
import { loadSnapshot } from '../load/index.js';
import type { Manifest } from './manifest.js';
import { hashRedactor, SYSTEM_NAMESPACES } from './redact.js';
import { cloudHintsFromNodes, loadBalancerAddresses, runCollect } from './run.js';
import { errorReply, jsonReply } from './test-fixtures/alibaba-server.js';
import { EXAMPLES_ROOT, exampleKubernetesObjects } from './test-fixtures/example-files.js';
import { type Harness, startHarness, TEST_SECRET, TEST_TOKEN } from './test-fixtures/harness.js';
import { verdictLines } from './test-fixtures/verdicts.js';

const EXAMPLE = 'terway-dualstack';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8')) as Manifest;
}

function allText(dir: string): string {
  return files(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** The example's own answers, from its raw files. */
async function exampleVerdicts(example = EXAMPLE): Promise<string[]> {
  const loaded = await loadSnapshot(join(EXAMPLES_ROOT, example));
  return verdictLines(loaded.snapshot, example);
}

/** world.yaml holds facts no API has (DNS of outside names, third-party allow-lists): the user adds it by hand. */
function addWorld(out: string, example = EXAMPLE): void {
  copyFileSync(join(EXAMPLES_ROOT, example, 'world.yaml'), join(out, 'world.yaml'));
}

const EXAMPLES = readdirSync(EXAMPLES_ROOT)
  .filter(
    (d) =>
      existsSync(join(EXAMPLES_ROOT, d, 'expectations.yaml')) &&
      existsSync(join(EXAMPLES_ROOT, d, 'alibaba')),
  )
  .sort();

describe.each(EXAMPLES)('collect from servers playing examples/%s', (example) => {
  it('exits 0, loads without errors and answers every query of expectations.yaml like the example', async () => {
    harness = await startHarness(example);
    const options = harness.options();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(0);
    addWorld(options.out, example);
    const loaded = await loadSnapshot(options.out);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(verdictLines(loaded.snapshot, example)).toEqual(await exampleVerdicts(example));
  });
});

const EXPECTED_FILES = [
  'alibaba/cs-DescribeClusterDetail.json',
  'alibaba/ecs-DescribeInstances.json',
  'alibaba/ecs-DescribeNetworkInterfaces.json',
  'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp122bpuryqwzd8ujcov.json',
  'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp1921tafqegvfqcbqto.json',
  'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp1a4z73af4uu6z9emkq.json',
  'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp1ee34c5bk7cipm88hk.json',
  'alibaba/ecs-DescribeSecurityGroups.json',
  'alibaba/rds-DescribeDBInstanceIPArrayList.rm-bp1vy4p0kslx05iqw.json',
  'alibaba/rds-DescribeDBInstanceNetInfo.rm-bp1vy4p0kslx05iqw.json',
  'alibaba/rds-DescribeDBInstances.json',
  'alibaba/slb-DescribeAccessControlListAttribute.acl-bp1kkirfmm2x76eimf9b8.json',
  'alibaba/slb-DescribeAccessControlListAttribute.acl-bp1vz4ejvghtin55fgidn.json',
  'alibaba/slb-DescribeLoadBalancerAttribute.lb-bp19bo82grkbcgzmarq6g.json',
  'alibaba/slb-DescribeLoadBalancerAttribute.lb-bp1btm2lentz3cpc7nzrk.json',
  'alibaba/slb-DescribeLoadBalancerAttribute.lb-bp1n9koq5yw2noghvc085.json',
  'alibaba/slb-DescribeLoadBalancerTCPListenerAttribute.lb-bp19bo82grkbcgzmarq6g.443.json',
  'alibaba/slb-DescribeLoadBalancerTCPListenerAttribute.lb-bp1btm2lentz3cpc7nzrk.80.json',
  'alibaba/slb-DescribeLoadBalancers.json',
  'alibaba/vpc-DescribeEipAddresses.json',
  'alibaba/vpc-DescribeIpv6Addresses.json',
  'alibaba/vpc-DescribeIpv6Gateways.json',
  'alibaba/vpc-DescribeNatGateways.json',
  'alibaba/vpc-DescribeNetworkAcls.json',
  'alibaba/vpc-DescribeRouteEntryList.vtb-bp1pea5farozncnp18jr-page2.json',
  'alibaba/vpc-DescribeRouteEntryList.vtb-bp1pea5farozncnp18jr.json',
  'alibaba/vpc-DescribeRouteTableList.json',
  'alibaba/vpc-DescribeSnatTableEntries.stb-bp184gg3rv523zl0ht0v.json',
  'alibaba/vpc-DescribeVSwitches.json',
  'alibaba/vpc-DescribeVpcs.json',
  'collection.json',
  'kubernetes/configmaps-kube-system.json',
  'kubernetes/daemonsets.json',
  'kubernetes/deployments.json',
  'kubernetes/endpointslices.json',
  'kubernetes/namespaces.json',
  'kubernetes/networkpolicies.json',
  'kubernetes/nodes.json',
  'kubernetes/podeips.json',
  'kubernetes/pods.json',
  'kubernetes/replicasets.json',
  'kubernetes/services.json',
  'kubernetes/statefulsets.json',
];

describe('collect against stand-in servers playing examples/terway-dualstack', () => {
  it('writes every file the loader reads, loads without problems and answers like the example', async () => {
    harness = await startHarness(EXAMPLE);
    const io = harness.io();
    const options = harness.options();
    const code = await runCollect(options, io, harness.deps);
    expect(code).toBe(0);
    expect(files(options.out)).toEqual(EXPECTED_FILES);
    addWorld(options.out);
    const loaded = await loadSnapshot(options.out);
    expect(loaded.problems).toEqual([]);
    expect(loaded.ignored.map((i) => i.file)).toEqual(['collection.json']);
    expect(verdictLines(loaded.snapshot, EXAMPLE)).toEqual(await exampleVerdicts());
  });

  it('discovers region and cluster from the nodes, and records every call in collection.json', async () => {
    harness = await startHarness(EXAMPLE);
    const options = harness.options();
    await runCollect(options, harness.io(), harness.deps);
    const manifest = manifestOf(options.out);
    expect(manifest.collectedAt).toBe('2026-11-26T05:00:00.000Z');
    expect(manifest.podreachVersion).toBe('0.0.0-test');
    expect(manifest.kubernetes.context).toBe('test');
    expect(manifest.alibaba.region).toBe('cn-hangzhou');
    expect(manifest.alibaba.clusterId).toBe('c8e5f2a7b91d44c3e86f0a2b7d1c9e4f3');
    expect(manifest.alibaba.vpcId).toBe('vpc-bp1b43z4hc8xkf25fkee');
    expect(manifest.alibaba.credentialProvider).toBe('default/env');
    const cloud = manifest.calls.filter((c) => c.source === 'alibaba');
    expect(cloud).toHaveLength(29);
    expect(cloud.every((c) => c.outcome === 'ok')).toBe(true);
    const routes = cloud.find((c) => c.source === 'alibaba' && c.action === 'DescribeRouteEntryList');
    expect(routes).toMatchObject({ pages: 2, parameters: { RouteTableId: 'vtb-bp1pea5farozncnp18jr' } });
    // Internet CLBs have no VpcId: the region's CLBs are listed, the cluster's are described.
    expect(
      harness.cloud.requests.filter((r) => r.action === 'DescribeLoadBalancers').map((r) => r.params.VpcId),
    ).toEqual([undefined]);
    expect(
      harness.cloud.requests
        .filter((r) => r.action === 'DescribeSecurityGroupAttribute')
        .map((r) => r.params.NicType),
    ).toEqual(['intranet', 'intranet', 'intranet', 'intranet']);
    const crd = manifest.calls.find(
      (c) => c.source === 'kubernetes' && c.resource.startsWith('podnetworkings'),
    );
    expect(crd).toMatchObject({ outcome: 'skipped', message: 'CRD not installed' });
  });

  it('never writes or prints the credentials, and never asks for Secrets', async () => {
    harness = await startHarness(EXAMPLE);
    const io = harness.io();
    const options = harness.options();
    await runCollect(options, io, harness.deps);
    const written = allText(options.out) + io.out.join('') + io.err.join('');
    for (const secret of [TEST_SECRET, TEST_TOKEN, 'LTAI-test-key-id']) expect(written).not.toContain(secret);
    expect(harness.kube.requests.some((r) => r.includes('secrets'))).toBe(false);
  });

  it('prints a summary and the exact commands to run next', async () => {
    harness = await startHarness(EXAMPLE);
    const io = harness.io();
    const options = harness.options();
    await runCollect(options, io, harness.deps);
    const out = io.out.join('');
    expect(out).toContain('Kubernetes: 106 objects of 13 kinds');
    expect(out).toContain('Alibaba Cloud: 29 of 29 calls complete (VPC vpc-bp1b43z4hc8xkf25fkee)');
    expect(out).toContain(`podreach inspect --snapshot ${options.out}`);
    expect(out).toContain(
      `podreach check --snapshot ${options.out} media/streamer-84f6c9d7b-q9w2e rm-bp1vy4p0kslx05iqw`,
    );
    expect(io.err.join('')).toContain('collect: vpc DescribeVSwitches: 6 in 1 page\n');
  });

  it.each([false, true])(
    'the commands it prints next run on the collected folder (redact: %s)',
    async (redact) => {
      harness = await startHarness(EXAMPLE);
      const io = harness.io();
      await runCollect(harness.options({ redact }), io, harness.deps);
      const next = io.out
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('  podreach '))
        .map((line) => line.trim().split(' ').slice(1));
      expect(next.map((argv) => argv[0])).toEqual(['inspect', 'check']);
      const codes: number[] = [];
      for (const argv of next) {
        const cliIo = captureIo();
        codes.push(await run(argv, cliIo));
        expect(cliIo.err()).toBe('');
        expect(cliIo.out()).not.toBe('');
      }
      expect(codes[0]).toBe(0);
      expect([0, 1, 3]).toContain(codes[1]);
    },
  );

  it('pages every list (PageNumber/PageSize, NextToken, Kubernetes limit/continue) and the pages still load as one', async () => {
    harness = await startHarness(EXAMPLE, { deps: { pageSize: 2, kubePageLimit: 5 } });
    const options = harness.options();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(0);
    const written = files(options.out);
    expect(written.filter((f) => f.startsWith('alibaba/vpc-DescribeVSwitches'))).toEqual([
      'alibaba/vpc-DescribeVSwitches-page2.json',
      'alibaba/vpc-DescribeVSwitches-page3.json',
      'alibaba/vpc-DescribeVSwitches.json',
    ]);
    const pageSizes = harness.cloud.requests
      .filter((r) => r.action === 'DescribeVSwitches')
      .map((r) => `${r.params.PageNumber}/${r.params.PageSize}`);
    expect(pageSizes).toEqual(['1/2', '2/2', '3/2']);
    expect(harness.kube.requests.filter((r) => r.startsWith('GET /api/v1/pods')).length).toBe(7);
    addWorld(options.out);
    const loaded = await loadSnapshot(options.out);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.snapshot.kubernetes.pods).toHaveLength(34);
    expect(verdictLines(loaded.snapshot, EXAMPLE)).toEqual(await exampleVerdicts());
  });

  it('retries throttling with backoff, then succeeds', async () => {
    harness = await startHarness(EXAMPLE, {
      override: (r, seen) =>
        r.action === 'DescribeVSwitches' && seen <= 2
          ? errorReply(400, 'Throttling.User', 'Request was denied due to user flow control.')
          : undefined,
    });
    const options = harness.options();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(0);
    const call = manifestOf(options.out).calls.find(
      (c) => c.source === 'alibaba' && c.action === 'DescribeVSwitches',
    );
    expect(call).toMatchObject({ outcome: 'ok', attempts: 3, pages: 1 });
  });

  it('gives up on endless throttling after the bounded attempts and carries on (exit 4)', async () => {
    harness = await startHarness(EXAMPLE, {
      override: (r) =>
        r.action === 'DescribeVSwitches' ? errorReply(400, 'Throttling', 'slow down') : undefined,
    });
    const options = harness.options();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(4);
    expect(harness.cloud.requests.filter((r) => r.action === 'DescribeVSwitches')).toHaveLength(4);
    const call = manifestOf(options.out).calls.find(
      (c) => c.source === 'alibaba' && c.action === 'DescribeVSwitches',
    );
    expect(call).toMatchObject({
      outcome: 'failed',
      attempts: 4,
      error: { kind: 'throttled', code: 'Throttling' },
    });
    expect(existsSync(join(options.out, 'alibaba/vpc-DescribeRouteTableList.json'))).toBe(true);
  });

  it('reports the RAM action a denied call needs, and still collects the other groups', async () => {
    harness = await startHarness(EXAMPLE, {
      override: (r) =>
        r.action === 'DescribeSecurityGroupAttribute' &&
        r.params.SecurityGroupId === 'sg-bp1921tafqegvfqcbqto'
          ? errorReply(
              403,
              'Forbidden.RAM',
              'User not authorized to operate on the specified resource, or this API does not support RAM.',
            )
          : undefined,
    });
    const io = harness.io();
    const options = harness.options();
    expect(await runCollect(options, io, harness.deps)).toBe(4);
    expect(io.err.join('')).toContain('(needs RAM action ecs:DescribeSecurityGroupAttribute)');
    expect(io.out.join('')).toContain(
      'missing: ecs DescribeSecurityGroupAttribute SecurityGroupId=sg-bp1921tafqegvfqcbqto NicType=intranet: denied, grant ecs:DescribeSecurityGroupAttribute',
    );
    const written = files(options.out).filter((f) => f.includes('DescribeSecurityGroupAttribute'));
    expect(written).toHaveLength(3);
    const call = manifestOf(options.out).calls.find(
      (c) => c.source === 'alibaba' && c.parameters.SecurityGroupId === 'sg-bp1921tafqegvfqcbqto',
    );
    expect(call).toMatchObject({
      outcome: 'failed',
      error: {
        kind: 'denied',
        code: 'Forbidden.RAM',
        status: 403,
        ramAction: 'ecs:DescribeSecurityGroupAttribute',
      },
    });
    const loaded = await loadSnapshot(options.out);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('records a 5xx, a malformed body and a slow answer as failures, writes none of them, and finishes', async () => {
    harness = await startHarness(EXAMPLE, {
      override: (r) => {
        if (r.action === 'DescribeNetworkAcls')
          return errorReply(
            503,
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
          );
        if (r.action === 'DescribeIpv6Gateways')
          return { status: 200, body: '{"RequestId":"X","Ipv6Gateways":{"Ipv6Gat' };
        if (r.action === 'DescribeEipAddresses')
          return { ...jsonReply(200, { EipAddresses: { EipAddress: [] } }), delayMs: 3000 };
        return undefined;
      },
      deps: { timeoutMs: 300 },
    });
    const options = harness.options();
    const started = Date.now();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(4);
    expect(Date.now() - started).toBeLessThan(8000);
    const calls = manifestOf(options.out).calls;
    const outcome = (action: string) => {
      const call = calls.find((c) => c.source === 'alibaba' && c.action === action);
      return call?.source === 'alibaba' ? `${call.outcome} ${call.error?.kind ?? ''}` : 'absent';
    };
    expect(outcome('DescribeNetworkAcls')).toBe('failed server');
    expect(outcome('DescribeIpv6Gateways')).toBe('failed malformed');
    expect(outcome('DescribeEipAddresses')).toBe('failed timeout');
    const written = files(options.out);
    for (const f of ['vpc-DescribeNetworkAcls', 'vpc-DescribeIpv6Gateways', 'vpc-DescribeEipAddresses'])
      expect(written).not.toContain(`alibaba/${f}.json`);
    expect(written).toContain('alibaba/slb-DescribeLoadBalancers.json');
  });

  it("finds the VPC from the nodes' ECS instances when the cluster detail cannot be read", async () => {
    harness = await startHarness(EXAMPLE, {
      override: (r) =>
        r.path.startsWith('/clusters/') ? errorReply(404, 'ErrorClusterNotFound', 'not found') : undefined,
    });
    const options = harness.options();
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(4);
    const discovery = harness.cloud.requests.find(
      (r) => r.action === 'DescribeInstances' && r.params.InstanceIds !== undefined,
    );
    expect(JSON.parse(discovery?.params.InstanceIds ?? '[]')).toEqual([
      'i-bp1aee6ktz2ydcx516tg',
      'i-bp1aps0zsgdstjkrofbn',
      'i-bp1uf1gytsot86rbvw8z',
      'i-bp1xwk6k3b16ukm58hss',
    ]);
    expect(manifestOf(options.out).alibaba.vpcId).toBe('vpc-bp1b43z4hc8xkf25fkee');
    expect(files(options.out)).toContain('alibaba/vpc-DescribeVSwitches.json');
    expect(files(options.out).filter((f) => f.includes('DescribeInstances'))).toEqual([
      'alibaba/ecs-DescribeInstances.json',
    ]);
  });

  it('reports a Kubernetes kind the user may not list, with the RBAC it needs, and writes the rest', async () => {
    harness = await startHarness(EXAMPLE, { kube: { errors: { networkpolicies: 403 } } });
    const io = harness.io();
    const options = harness.options();
    expect(await runCollect(options, io, harness.deps)).toBe(4);
    expect(io.err.join('')).toContain(
      'kubernetes networkpolicies: FAILED HTTP 403: networkpolicies is forbidden: test; the user needs get/list on networkpolicies.networking.k8s.io',
    );
    expect(files(options.out)).not.toContain('kubernetes/networkpolicies.json');
    expect(files(options.out)).toContain('kubernetes/pods.json');
  });

  it('gives up on a Kubernetes list that does not answer in time, and lists the other kinds', async () => {
    harness = await startHarness(EXAMPLE, {
      kube: { delays: { services: 10_000 } },
      deps: { timeoutMs: 300 },
    });
    const io = harness.io();
    const options = harness.options();
    const started = Date.now();
    expect(await runCollect(options, io, harness.deps)).toBe(4);
    expect(Date.now() - started).toBeLessThan(8000);
    const call = manifestOf(options.out).calls.find(
      (c) => c.source === 'kubernetes' && c.resource === 'services',
    );
    expect(call).toMatchObject({
      outcome: 'failed',
      message: 'no answer in time (the request was abandoned)',
    });
    expect(files(options.out)).toContain('kubernetes/endpointslices.json');
  });

  it('reads only the given namespaces (and kube-system) with --namespace', async () => {
    harness = await startHarness(EXAMPLE);
    const options = harness.options({ namespaces: ['shop'] });
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(0);
    const pods = JSON.parse(readFileSync(join(options.out, 'kubernetes/pods.json'), 'utf8')) as {
      items: { metadata: { namespace: string } }[];
    };
    expect([...new Set(pods.items.map((p) => p.metadata.namespace))].sort()).toEqual(['kube-system', 'shop']);
    expect(harness.kube.requests).toContain('GET /api/v1/namespaces/shop/pods?limit=500');
  });

  it('--redact hashes names and labels consistently, keeps addresses and ids, and the snapshot still answers the same', async () => {
    harness = await startHarness(EXAMPLE);
    const options = harness.options({ redact: true });
    expect(await runCollect(options, harness.io(), harness.deps)).toBe(0);
    const text = allText(options.out);
    expect(text).not.toContain('web-7d9f8b6c5-x2k4p');
    expect(text).not.toContain('"payments"');
    expect(text).toContain('10.0.64.11');
    expect(text).toContain('sg-bp1921tafqegvfqcbqto');
    expect(text).toContain('"coredns"');
    expect(manifestOf(options.out).kubernetes.context).toMatch(/^h[0-9a-f]{12}$/);
    addWorld(options.out);
    const loaded = await loadSnapshot(options.out);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The same salt and kept names as the run (harness), to name the redacted pods in the queries.
    const rename = hashRedactor(new Uint8Array(32).fill(7));
    for (const name of SYSTEM_NAMESPACES) rename.keep(name);
    for (const o of exampleKubernetesObjects(EXAMPLE)) {
      const meta = o.metadata as { name: string; namespace?: string };
      if (o.kind === 'Node' || meta.namespace === 'kube-system') rename.keep(meta.name);
    }
    expect(verdictLines(loaded.snapshot, EXAMPLE, (n) => rename.name(n))).toEqual(await exampleVerdicts());
  });

  it('--dry-run names the credential provider and lists the calls without calling or writing', async () => {
    harness = await startHarness(EXAMPLE);
    const io = harness.io();
    const options = harness.options({ dryRun: true, region: 'cn-hangzhou' });
    expect(await runCollect(options, io, harness.deps)).toBe(0);
    const out = io.out.join('');
    expect(out).toContain('credentials from default/env');
    expect(out).toContain('DescribeSecurityGroupAttribute  SecurityGroupId=<each group');
    expect(out).toContain('list networkpolicies.networking.k8s.io (all namespaces, limit/continue paging)');
    expect(out).toContain(`cs (http://127.0.0.1:${harness.cloud.port}):`);
    expect(harness.cloud.requests).toEqual([]);
    expect(harness.kube.requests).toEqual([]);
    expect(existsSync(options.out)).toBe(false);
  });

  it('refuses a folder that is not empty, and an unknown context (exit 2)', async () => {
    harness = await startHarness(EXAMPLE);
    const out = join(harness.dir, 'used');
    mkdirSync(out);
    writeFileSync(join(out, 'old.json'), '{}');
    const io = harness.io();
    expect(await runCollect(harness.options({ out }), io, harness.deps)).toBe(2);
    expect(io.err.join('')).toContain('the folder is not empty');
    const io2 = harness.io();
    expect(await runCollect(harness.options({ context: 'prod' }), io2, harness.deps)).toBe(2);
    expect(io2.err.join('')).toBe('podreach collect: the kubeconfig has no context "prod" (it has: test)\n');
    const broken = join(harness.dir, 'broken.yaml');
    writeFileSync(broken, `users:\n- name: u\n  user:\n    token: ${TEST_TOKEN}\n   bad: [\n`);
    const io3 = harness.io();
    expect(
      await runCollect(
        harness.options({ kubeconfig: broken, out: join(harness.dir, 'x') }),
        io3,
        harness.deps,
      ),
    ).toBe(2);
    expect(io3.err.join('')).toMatch(/^podreach collect: the kubeconfig could not be read: [^\n]+\n$/);
    expect(io3.err.join('')).not.toContain(TEST_TOKEN);
    expect(harness.kube.requests).toEqual([]);
  });
});

describe('loadBalancerAddresses', () => {
  it('collects the ingress IPs of LoadBalancer Services, sorted and once each', () => {
    expect(
      loadBalancerAddresses([
        { status: { loadBalancer: { ingress: [{ ip: '47.96.180.20' }, { hostname: 'x.example' }] } } },
        { status: { loadBalancer: { ingress: [{ ip: '10.0.1.200' }, { ip: '47.96.180.20' }] } } },
        { status: {} },
      ]),
    ).toEqual(['10.0.1.200', '47.96.180.20']);
  });
});

describe('cloudHintsFromNodes', () => {
  it("reads region and instance id from ACK's providerID and the cluster id from the ack.aliyun.com label", () => {
    expect(
      cloudHintsFromNodes([
        {
          metadata: { labels: { 'ack.aliyun.com': 'c123', 'topology.kubernetes.io/region': 'cn-shanghai' } },
          spec: { providerID: 'cn-hangzhou.i-bp1uf1gytsot86rbvw8z' },
        },
        {
          metadata: { labels: { 'topology.kubernetes.io/region': 'cn-beijing' } },
          spec: { providerID: 'aws:///x' },
        },
        { metadata: {}, spec: {} },
      ]),
    ).toEqual({
      regions: ['cn-beijing', 'cn-hangzhou'],
      clusterIds: ['c123'],
      instanceIds: ['i-bp1uf1gytsot86rbvw8z'],
    });
  });
});
