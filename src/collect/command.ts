/**
 * The `collect` command for the podreach CLI. src/cli wires it in with either
 *   `program.addCommand(collectCommand(io, exit))`  or  `registerCollectCommand(program, io, exit)`;
 * `exit(code)` receives 0 (complete), 2 (bad usage) or 4 (partial), see exit-codes.ts.
 */
import { Command } from '@commander-js/extra-typings';
import { COLLECT_EXIT } from './exit-codes.js';
import { type CollectOptions, isNamespaceName, isRegionId, parseEndpoints } from './options.js';
import { type CollectDeps, type CollectIo, DEFAULT_DEPS, runCollect } from './run.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface RawCollectOptions {
  out?: string;
  context?: string;
  kubeconfig?: string;
  region?: string;
  clusterId?: string;
  namespace: string[];
  endpoint: string[];
  dryRun?: true;
  redact?: true;
}

/** Checks the raw flags; a message for the user when they are wrong. */
export function toCollectOptions(
  raw: RawCollectOptions,
): { ok: true; value: CollectOptions } | { ok: false; message: string } {
  if (raw.out === undefined || raw.out.trim() === '') {
    if (raw.dryRun !== true)
      return { ok: false, message: '--out DIR is required (the folder to write the snapshot into)' };
  }
  if (raw.region !== undefined && !isRegionId(raw.region))
    return { ok: false, message: `--region ${raw.region}: not a region id (e.g. cn-hangzhou)` };
  if (raw.clusterId !== undefined && !/^[a-z0-9]+$/i.test(raw.clusterId))
    return {
      ok: false,
      message: `--cluster-id ${raw.clusterId}: not an ACK cluster id (letters and digits)`,
    };
  const namespaces = raw.namespace
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const bad = namespaces.find((n) => !isNamespaceName(n));
  if (bad !== undefined) return { ok: false, message: `--namespace ${bad}: not a namespace name` };
  const endpoints = parseEndpoints(raw.endpoint);
  if (!endpoints.ok) return endpoints;
  return {
    ok: true,
    value: {
      out: raw.out ?? '',
      ...(raw.context === undefined ? {} : { context: raw.context }),
      ...(raw.kubeconfig === undefined ? {} : { kubeconfig: raw.kubeconfig }),
      ...(raw.region === undefined ? {} : { region: raw.region }),
      ...(raw.clusterId === undefined ? {} : { clusterId: raw.clusterId }),
      namespaces: [...new Set(namespaces)].sort(),
      endpoints: endpoints.value,
      dryRun: raw.dryRun === true,
      redact: raw.redact === true,
    },
  };
}

export function collectCommand(
  io: CollectIo,
  exit: (code: number) => void,
  deps: CollectDeps = DEFAULT_DEPS,
) {
  return new Command('collect')
    .description(
      'read a live cluster (kubeconfig) and its Alibaba Cloud account (read-only) and write a snapshot folder that inspect and check read',
    )
    .option('--out <dir>', 'the folder to write (new or empty)')
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else in-cluster)')
    .option('--region <region>', "Alibaba Cloud region (default: from the nodes' providerID)")
    .option('--cluster-id <id>', "ACK cluster id (default: from the nodes' ack.aliyun.com label)")
    .option(
      '--namespace <ns>',
      'read only these namespaces (repeatable; kube-system is always read)',
      collect,
      [] as string[],
    )
    .option(
      '--endpoint <product=url>',
      'send a product (cs, vpc, ecs, rds, slb) to another endpoint, e.g. vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com (repeatable)',
      collect,
      [] as string[],
    )
    .option('--dry-run', 'list the calls and the credential provider, without calling or writing anything')
    .option(
      '--redact',
      'hash names and labels (same name, same hash within the run) so the snapshot can be shared',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 everything collected · 4 written, but some calls failed (see collection.json) · 2 bad usage.
Permissions (RAM policy, Kubernetes ClusterRole) and troubleshooting: docs/collect.md.`,
    )
    .action(async (raw) => {
      const parsed = toCollectOptions(raw);
      if (!parsed.ok) {
        io.stderr(`podreach collect: ${parsed.message}\n`);
        exit(COLLECT_EXIT.usage);
        return;
      }
      exit(await runCollect(parsed.value, io, deps));
    });
}

/** Adds `collect` to a commander program. */
export function registerCollectCommand(
  program: Command<unknown[], Record<string, unknown>, Record<string, unknown>>,
  io: CollectIo,
  exit: (code: number) => void,
  deps: CollectDeps = DEFAULT_DEPS,
): void {
  program.addCommand(collectCommand(io, exit, deps));
}
