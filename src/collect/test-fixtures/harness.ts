/** Starts both stand-in servers for an example and builds the options and deps for runCollect against them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Product } from '../alibaba/products.js';
import type { CollectOptions } from '../options.js';
import { hashRedactor } from '../redact.js';
import { type CollectDeps, type CollectIo, DEFAULT_DEPS } from '../run.js';
import {
  type AlibabaTestServer,
  type OpenApiReply,
  type OpenApiRequestSeen,
  startAlibabaServer,
} from './alibaba-server.js';
import { exampleKubernetesObjects } from './example-files.js';
import {
  type KubernetesServerOptions,
  type KubernetesTestServer,
  startKubernetesServer,
  testKubeconfig,
} from './kubernetes-server.js';
import { recordedAlibaba } from './recorded-alibaba.js';

export const TEST_TOKEN = 'test-token-0123456789';
export const TEST_SECRET = 'test-secret-do-not-print-9876543210';

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export interface Harness {
  readonly kube: KubernetesTestServer;
  readonly cloud: AlibabaTestServer;
  readonly dir: string;
  readonly kubeconfig: string;
  options(extra?: Partial<CollectOptions>): CollectOptions;
  readonly deps: CollectDeps;
  io(isTTY?: boolean): CollectIo & { out: string[]; err: string[] };
  close(): Promise<void>;
}

export async function startHarness(
  example: string,
  settings: {
    override?: (request: OpenApiRequestSeen, seen: number) => OpenApiReply | undefined;
    kube?: Partial<KubernetesServerOptions>;
    deps?: Partial<CollectDeps>;
  } = {},
): Promise<Harness> {
  const savedEnv = {
    id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  };
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'LTAI-test-key-id';
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = TEST_SECRET;
  const kube = await startKubernetesServer({
    objects: exampleKubernetesObjects(example),
    token: TEST_TOKEN,
    missing: ['podnetworkings'],
    ...settings.kube,
  });
  const recorded = recordedAlibaba(example);
  const counts = new Map<string, number>();
  const cloud = await startAlibabaServer((request) => {
    const seen = (counts.get(request.action) ?? 0) + 1;
    counts.set(request.action, seen);
    return settings.override?.(request, seen) ?? recorded(request);
  });
  const dir = mkdtempSync(join(tmpdir(), 'podreach-collect-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, testKubeconfig(kube.url, TEST_TOKEN));
  const endpoints: Partial<Record<Product, { protocol: 'HTTP'; host: string }>> = {};
  for (const p of ['cs', 'vpc', 'ecs', 'rds', 'slb'] as const)
    endpoints[p] = { protocol: 'HTTP', host: `127.0.0.1:${cloud.port}` };
  const deps: CollectDeps = {
    ...DEFAULT_DEPS,
    now: () => new Date('2026-11-26T05:00:00Z'),
    version: '0.0.0-test',
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4 },
    timeoutMs: 1500,
    redactor: () => hashRedactor(new Uint8Array(32).fill(7)),
    ...settings.deps,
  };
  return {
    kube,
    cloud,
    dir,
    kubeconfig,
    deps,
    options: (extra = {}) => ({
      out: join(dir, 'snapshot'),
      kubeconfig,
      namespaces: [],
      endpoints,
      dryRun: false,
      redact: false,
      ...extra,
    }),
    io: (isTTY = false) => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, isTTY, stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
    },
    close: async () => {
      await kube.close();
      await cloud.close();
      restore('ALIBABA_CLOUD_ACCESS_KEY_ID', savedEnv.id);
      restore('ALIBABA_CLOUD_ACCESS_KEY_SECRET', savedEnv.secret);
    },
  };
}
