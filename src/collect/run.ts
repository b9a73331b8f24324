/**
 * `podreach collect`: reads a live cluster and its Alibaba Cloud account (read-only) and writes the snapshot folder
 * the loader reads, plus collection.json. Every external effect comes in through `CollectDeps`, so tests drive it
 * against loopback servers.
 */
import { PODREACH_VERSION } from '../cli/version.js';
import type { CloudRequest } from './alibaba/call.js';
import { type AlibabaFindings, collectAlibaba } from './alibaba/collect-alibaba.js';
import {
  type CredentialSource,
  defaultCredentialSource,
  endpointFor,
  openApiTransport,
  type TransportSettings,
} from './alibaba/openapi-transport.js';
import { PRODUCTS } from './alibaba/products.js';
import { redactBody } from './alibaba/redact-body.js';
import { DEFAULT_RETRY, type RetryPolicy, realSleep, type Sleep, withRetry } from './alibaba/retry.js';
import { CloudSession } from './alibaba/session.js';
import { COLLECT_EXIT } from './exit-codes.js';
import {
  collectKubernetes,
  type KubeSetup,
  type KubeTarget,
  setUpKubernetes,
} from './kubernetes/collect-kubernetes.js';
import { sanitiseObject } from './kubernetes/sanitise.js';
import { kubernetesCall, type Manifest, type ManifestCall } from './manifest.js';
import type { CollectOptions } from './options.js';
import { renderPlan } from './plan.js';
import { progressReporter } from './progress.js';
import { hashRedactor, identityRedactor, type Redactor, SYSTEM_NAMESPACES } from './redact.js';
import { checkOutputFolder, folderWriter } from './writer.js';

export interface CollectIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress display) . */
  readonly isTTY: boolean;
}

export interface CollectDeps {
  readonly now: () => Date;
  readonly version: string;
  readonly setUpKubernetes: (target: KubeTarget) => Promise<KubeSetup>;
  readonly credentialSource: () => Promise<CredentialSource>;
  readonly transport: typeof openApiTransport;
  readonly retry: RetryPolicy;
  readonly sleep: Sleep;
  /** Alibaba PageSize / MaxResults (≤ 50 fits every Describe collect calls). */
  readonly pageSize: number;
  readonly kubePageLimit: number;
  readonly maxPages: number;
  readonly timeoutMs: number;
  readonly redactor: () => Redactor;
}

export const DEFAULT_DEPS: CollectDeps = {
  now: () => new Date(),
  version: PODREACH_VERSION,
  setUpKubernetes,
  credentialSource: defaultCredentialSource,
  transport: openApiTransport,
  retry: DEFAULT_RETRY,
  sleep: realSleep,
  pageSize: 50,
  kubePageLimit: 500,
  maxPages: 200,
  timeoutMs: 30_000,
  redactor: () => hashRedactor(),
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the nodes say about the cloud side: region, cluster id (label `ack.aliyun.com`) and ECS instance ids. */
export function cloudHintsFromNodes(nodes: readonly Json[]): {
  regions: string[];
  clusterIds: string[];
  instanceIds: string[];
} {
  const regions = new Set<string>();
  const clusterIds = new Set<string>();
  const instanceIds = new Set<string>();
  for (const node of nodes) {
    const spec = isObject(node.spec) ? node.spec : {};
    const meta = isObject(node.metadata) ? node.metadata : {};
    const labels = isObject(meta.labels) ? meta.labels : {};
    // ACK: spec.providerID is `<region>.<instance-id>`, e.g. `cn-hangzhou.i-bp1uf1gytsot86rbvw8z`.
    const match =
      typeof spec.providerID === 'string' ? /^([a-z0-9-]+)\.(i-[a-z0-9]+)$/.exec(spec.providerID) : null;
    if (match?.[1] !== undefined && match[2] !== undefined) {
      regions.add(match[1]);
      instanceIds.add(match[2]);
    } else if (typeof labels['topology.kubernetes.io/region'] === 'string') {
      regions.add(labels['topology.kubernetes.io/region']);
    }
    if (typeof labels['ack.aliyun.com'] === 'string' && labels['ack.aliyun.com'] !== '')
      clusterIds.add(labels['ack.aliyun.com']);
  }
  return {
    regions: [...regions].sort(),
    clusterIds: [...clusterIds].sort(),
    instanceIds: [...instanceIds].sort(),
  };
}

/** The addresses of LoadBalancer Services (`status.loadBalancer.ingress[].ip`). */
export function loadBalancerAddresses(services: readonly Json[]): string[] {
  const addresses = new Set<string>();
  for (const service of services) {
    const status = isObject(service.status) ? service.status : {};
    const lb = isObject(status.loadBalancer) ? status.loadBalancer : {};
    for (const ingress of Array.isArray(lb.ingress) ? lb.ingress : [])
      if (isObject(ingress) && typeof ingress.ip === 'string') addresses.add(ingress.ip);
  }
  return [...addresses].sort();
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** A pod of the user's (not kube-system, not host network) to start a first check from, as written. */
function samplePod(pods: readonly Json[]): string | undefined {
  const names = pods
    .filter((p) => isObject(p.spec) && p.spec.hostNetwork !== true)
    .map((p) => (isObject(p.metadata) ? `${String(p.metadata.namespace)}/${String(p.metadata.name)}` : ''))
    .filter((n) => n !== '' && !n.startsWith('kube-system/'))
    .sort();
  return names[0];
}

export async function runCollect(
  options: CollectOptions,
  io: CollectIo,
  deps: CollectDeps = DEFAULT_DEPS,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`podreach collect: ${message}\n`);
    return COLLECT_EXIT.usage;
  };
  if (!options.dryRun) {
    const folder = await checkOutputFolder(options.out);
    if (!folder.ok) return fail(folder.message);
  }
  const kube = await deps.setUpKubernetes({
    timeoutMs: deps.timeoutMs,
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  if (!kube.ok) return fail(kube.message);

  const source = await deps.credentialSource();
  if (options.dryRun) {
    const provider = await source.providerName();
    io.stdout(
      renderPlan({
        context: kube.context,
        server: kube.server,
        namespaces: options.namespaces,
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.clusterId === undefined ? {} : { clusterId: options.clusterId }),
        endpoints: options.endpoints,
        credentialProvider: provider.ok ? provider.name : `no provider found (${provider.message})`,
      }),
    );
    return COLLECT_EXIT.complete;
  }

  const progress = progressReporter(io.stderr, io.isTTY);
  const write = folderWriter(options.out);
  const redactor = options.redact ? deps.redactor() : identityRedactor;

  // Kubernetes
  const outcomes = await collectKubernetes(kube.api, {
    namespaces: options.namespaces,
    pageLimit: deps.kubePageLimit,
    maxPages: deps.maxPages,
    onProgress: (line) => progress.event(line),
  });
  for (const ns of SYSTEM_NAMESPACES) redactor.keep(ns);
  for (const outcome of outcomes)
    for (const item of outcome.items) {
      const meta = isObject(item.metadata) ? item.metadata : {};
      if (typeof meta.name === 'string' && (outcome.spec.kind === 'Node' || meta.namespace === 'kube-system'))
        redactor.keep(meta.name);
    }
  const nodes = outcomes.find((o) => o.spec.kind === 'Node')?.items ?? [];
  const hints = cloudHintsFromNodes(nodes);
  const calls: ManifestCall[] = [];
  let objects = 0;
  let writtenPods: Json[] = [];
  for (const outcome of outcomes) {
    const items = outcome.items
      .map((item) =>
        sanitiseObject(outcome.spec.kind, structuredClone(item), { redactor, redact: options.redact }),
      )
      .filter((item): item is Json => item !== undefined);
    const files: string[] = [];
    if (items.length > 0) {
      const file = `kubernetes/${outcome.spec.file}.json`;
      await write(file, { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });
      files.push(file);
    }
    objects += items.length;
    if (outcome.spec.kind === 'Pod') writtenPods = items;
    calls.push(kubernetesCall(outcome, items.length, files));
  }

  // Alibaba Cloud
  const region = options.region ?? (hints.regions.length === 1 ? hints.regions[0] : undefined);
  const clusterId = options.clusterId ?? (hints.clusterIds.length === 1 ? hints.clusterIds[0] : undefined);
  let findings: AlibabaFindings = {};
  let credentialProvider: string | undefined;
  let session: CloudSession | undefined;
  if (region === undefined) {
    findings.stopped =
      hints.regions.length > 1
        ? `the nodes are in several regions (${hints.regions.join(', ')}); pass --region`
        : 'the region is unknown: pass --region';
  } else {
    const provider = await source.providerName();
    if (!provider.ok) {
      findings.stopped = `no Alibaba Cloud credentials found (${provider.message}); see docs/collect.md, "Credentials"`;
    } else {
      credentialProvider = provider.name;
      const settings: TransportSettings = { region, endpoints: options.endpoints, timeoutMs: deps.timeoutMs };
      const transport = await deps.transport(settings, source);
      const call = withRetry(transport, deps.retry, deps.sleep);
      const writeBody = (file: string, body: Json) =>
        write(file, options.redact ? redactBody(body, redactor) : body);
      session = new CloudSession(
        (request: CloudRequest) => call(request),
        writeBody,
        { pageSize: deps.pageSize, maxPages: deps.maxPages },
        (line) => progress.event(line),
        (line) => progress.step(line),
      );
      findings = await collectAlibaba(session, {
        region,
        ...(clusterId === undefined ? {} : { clusterId }),
        nodeInstanceIds: hints.instanceIds,
        serviceAddresses: loadBalancerAddresses(outcomes.find((o) => o.spec.kind === 'Service')?.items ?? []),
      });
    }
  }
  if (findings.stopped !== undefined) progress.event(`alibaba: not collected: ${findings.stopped}`);
  progress.done();
  const records = session?.records ?? [];
  for (const record of records) calls.push({ source: 'alibaba', ...record });

  const endpoints: Record<string, string> = {};
  if (region !== undefined)
    for (const product of PRODUCTS) {
      const e = endpointFor(product, { region, endpoints: options.endpoints, timeoutMs: deps.timeoutMs });
      endpoints[product] = `${e.protocol.toLowerCase()}://${e.host}`;
    }
  const kubeFailure = outcomes.find((o) => o.outcome === 'failed');
  const manifest: Manifest = {
    apiVersion: 'podreach/v1',
    kind: 'Collection',
    collectedAt: deps.now().toISOString(),
    podreachVersion: deps.version,
    redacted: options.redact,
    kubernetes: {
      context: options.redact ? redactor.name(kube.context) : kube.context,
      server: kube.server,
      namespaces:
        options.namespaces.length === 0 ? 'all' : [...new Set([...options.namespaces, 'kube-system'])].sort(),
    },
    alibaba: {
      ...(region === undefined ? {} : { region }),
      ...(findings.clusterId === undefined ? {} : { clusterId: findings.clusterId }),
      ...(findings.vpcId === undefined ? {} : { vpcId: findings.vpcId }),
      ...(findings.accountId === undefined ? {} : { accountId: findings.accountId }),
      ...(credentialProvider === undefined ? {} : { credentialProvider }),
      endpoints,
      ...(findings.stopped === undefined ? {} : { stopped: findings.stopped }),
    },
    calls,
  };
  await write('collection.json', manifest);

  // Summary
  const failedCloud = records.filter((r) => r.outcome !== 'ok');
  const okCloud = records.length - failedCloud.length;
  const files = calls.reduce((n, c) => n + c.files.length, 0);
  const lines: string[] = [];
  lines.push(`Collected into ${options.out}: ${files} files.`);
  lines.push(
    `  Kubernetes: ${objects} objects of ${outcomes.filter((o) => o.outcome === 'ok').length} kinds` +
      (kubeFailure === undefined
        ? ''
        : `; failed: ${outcomes
            .filter((o) => o.outcome === 'failed')
            .map((o) => o.spec.resource)
            .join(', ')}`),
  );
  lines.push(
    findings.stopped !== undefined && records.length === 0
      ? `  Alibaba Cloud: not collected: ${findings.stopped}`
      : `  Alibaba Cloud: ${okCloud} of ${records.length} calls complete` +
          (findings.vpcId === undefined ? '' : ` (VPC ${findings.vpcId})`),
  );
  for (const r of failedCloud)
    lines.push(
      `    missing: ${r.product} ${r.action} ${Object.entries(r.parameters)
        .filter(([k]) => k !== 'RegionId')
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ' ',
        )}${r.outcome === 'truncated' ? ' (stopped at the page limit)' : ''}${r.error === undefined ? '' : `: ${r.error.kind}${r.error.ramAction === undefined ? '' : `, grant ${r.error.ramAction}`}`}`,
    );
  const partial = kubeFailure !== undefined || failedCloud.length > 0 || findings.stopped !== undefined;
  if (partial)
    lines.push('  Some data is missing (see collection.json); checks that need it will say "unknown".');
  const dir = shellQuote(options.out);
  const pod = samplePod(writtenPods);
  lines.push('', 'Next:', `  podreach inspect --snapshot ${dir}`);
  if (pod !== undefined) {
    const rds = records.find((r) => r.action === 'DescribeDBInstanceNetInfo' && r.outcome === 'ok')
      ?.parameters.DBInstanceId;
    lines.push(
      rds !== undefined
        ? `  podreach check --snapshot ${dir} ${shellQuote(pod)} ${rds}`
        : `  podreach check --snapshot ${dir} ${shellQuote(pod)} 8.8.8.8 --port 443`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return partial ? COLLECT_EXIT.partial : COLLECT_EXIT.complete;
}
