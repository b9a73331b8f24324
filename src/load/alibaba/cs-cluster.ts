/**
 * cs DescribeClusterDetail: the ROA body is snake_case with bare arrays, and `meta_data` is a JSON-encoded string
 * holding the add-ons (§12 quirk 14).
 */
import * as z from 'zod';
import type { ClusterDetail } from '../../model/cloud.js';
import { type BodyContext, isRecord, reportWarning, validate } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { optString } from './wire.js';

const clusterBody = z.looseObject({
  cluster_id: z.string().min(1),
  name: optString,
  cluster_type: optString,
  region_id: optString,
  vpc_id: optString,
  vswitch_id: optString,
  vswitch_ids: z.array(z.string()).nullish(),
  security_group_id: optString,
  container_cidr: optString,
  service_cidr: optString,
  proxy_mode: optString,
  ip_stack: optString,
  cluster_domain: optString,
  init_version: optString,
  current_version: optString,
  created: optString,
  meta_data: optString,
});

type Addon = ClusterDetail['addons'][number];

/** Add-ons from `meta_data`; a `meta_data` that does not read is a warning, and the add-ons are left empty. */
function addonsOf(ctx: BodyContext, metaData: string | undefined): Addon[] {
  if (metaData === undefined) return [];
  const hint = 'add-on versions (such as Terway) are taken from the DaemonSets instead';
  let parsed: unknown;
  try {
    parsed = JSON.parse(metaData);
  } catch {
    reportWarning(ctx, ['meta_data'], {
      message: 'meta_data is not valid JSON; the cluster add-ons are left unknown',
      expected:
        'a string holding a JSON object such as {"Addons":[{"name":"terway-eniip","version":"v1.9.3"}]}',
      hint,
    });
    return [];
  }
  if (!isRecord(parsed) || parsed.Addons === undefined) return [];
  if (!Array.isArray(parsed.Addons)) {
    reportWarning(ctx, ['meta_data'], {
      message: 'meta_data.Addons is not a list; the cluster add-ons are left unknown',
      expected: 'a list of {"name": …, "version": …}',
      hint,
    });
    return [];
  }
  const addons: Addon[] = [];
  for (const addon of parsed.Addons) {
    if (!isRecord(addon) || typeof addon.name !== 'string' || addon.name.trim() === '') continue;
    const version = typeof addon.version === 'string' ? opt(addon.version) : undefined;
    addons.push(strip({ name: addon.name.trim(), version }));
  }
  return addons;
}

function loadClusterDetail(ctx: BodyContext): void {
  const body = validate(ctx, clusterBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const vSwitchIds = (body.vswitch_ids ?? []).map((id) => id.trim()).filter((id) => id !== '');
  const single = opt(body.vswitch_id);
  if (vSwitchIds.length === 0 && single !== undefined) vSwitchIds.push(single);
  const cluster: ClusterDetail = strip({
    clusterId: body.cluster_id,
    name: opt(body.name),
    clusterType: opt(body.cluster_type),
    regionId: opt(body.region_id),
    vpcId: opt(body.vpc_id),
    vSwitchIds,
    securityGroupId: opt(body.security_group_id),
    containerCidr: opt(body.container_cidr),
    serviceCidr: opt(body.service_cidr),
    proxyMode: opt(body.proxy_mode),
    ipStack: opt(body.ip_stack),
    clusterDomain: opt(body.cluster_domain),
    initVersion: opt(body.init_version),
    currentVersion: opt(body.current_version),
    created: opt(body.created),
    addons: addonsOf(ctx, opt(body.meta_data)),
    origin: ctx.doc.locate([]),
  });
  stateOf(ctx.builder).clusters.add(ctx, cluster.clusterId, [], cluster, cluster.origin);
}

export const describeClusterDetail = defineAdapter({
  action: { service: 'cs', name: 'DescribeClusterDetail' },
  recognise: (body) =>
    hasKeys(body, 'cluster_id') &&
    (hasKeys(body, 'cluster_type') || hasKeys(body, 'meta_data') || hasKeys(body, 'vpc_id')),
  load: loadClusterDetail,
});
