import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import type { Snapshot } from '../model/snapshot.js';
import { buildAllowlist, workloadPods } from './allowlist.js';
import { FLANNEL, loadExample, TERWAY } from './test-fixtures/examples.js';

describe('allowlist', () => {
  let terway: Snapshot;
  let flannel: Snapshot;
  beforeAll(async () => {
    terway = await loadExample(TERWAY);
    flannel = await loadExample(FLANNEL);
  });

  it('finds a workload by NAMESPACE/NAME or NAMESPACE/KIND/NAME, and nothing for an unknown one', () => {
    expect(workloadPods(terway, 'shop/web').map((p) => p.name)).toEqual([
      'web-7d9f8b6c5-r8n3v',
      'web-7d9f8b6c5-t6y7u',
      'web-7d9f8b6c5-x2k4p',
    ]);
    expect(workloadPods(terway, 'shop/deployment/web')).toHaveLength(3);
    expect(workloadPods(terway, 'shop/statefulset/web')).toHaveLength(0);
    expect(buildAllowlist(terway, check, 'shop/nothing')).toEqual({
      ok: false,
      error: 'no pod of shop/nothing in the snapshot',
    });
  });

  it('Flannel: the RDS must admit the node IPs (one is missing) and the pod-CIDR group is useless', () => {
    const result = buildAllowlist(flannel, check, 'web/frontend', 'rm-bp14sqc6vulowiur9');
    if (!result.ok) throw new Error(result.error);
    const r = result.report;
    // By hand (expectations.yaml): group default lists 192.168.10.21,192.168.10.22; node .23 joined later;
    // group k8s_pod_cidr 172.20.0.0/16 is useless on Flannel (pods are seen as their node).
    expect(r.required.filter((e) => e.scope === 'now').map((e) => e.entry)).toEqual([
      '192.168.10.23',
      '192.168.10.21',
      '192.168.10.22',
    ]);
    expect(r.required.filter((e) => e.scope === 'scaling').map((e) => e.entry)).toEqual(['192.168.10.0/24']);
    expect(r.missing?.map((e) => e.entry)).toEqual(['192.168.10.23', '192.168.10.0/24']);
    expect(r.unneeded).toEqual(['172.20.0.0/16']);
  });

  it('Terway: the RDS must admit the pod IPs now and the pod vSwitches as it scales, not the node IPs', () => {
    const result = buildAllowlist(terway, check, 'shop/web', 'rm-bp1vy4p0kslx05iqw');
    if (!result.ok) throw new Error(result.error);
    const r = result.report;
    // The RDS is reached over IPv4 only: no IPv6 entry is required of it.
    expect(r.required.every((e) => !e.entry.includes(':'))).toBe(true);
    expect(r.required.filter((e) => e.scope === 'now').map((e) => e.entry)).toEqual([
      '10.0.70.21',
      '10.0.96.31',
      '10.0.64.11',
    ]);
    // eni-config pod vSwitches of zones j and k (both zones have nodes): seed "Terway -> allow the Pod IP / vSwitch".
    expect(r.required.filter((e) => e.scope === 'scaling').map((e) => e.entry)).toEqual([
      '10.0.64.0/19',
      '10.0.96.0/24',
      '10.0.128.0/19',
    ]);
    expect(r.missing?.map((e) => e.entry)).toContain('10.0.64.0/19');
    expect(r.unneeded).toEqual(expect.arrayContaining(['10.0.1.11', '10.0.1.12', '10.0.2.21', '10.0.2.22']));
  });

  it('a third-party allow-list: the NAT EIPs are admitted for payment-api, the pod EIP of streamer is missing', () => {
    const payments = buildAllowlist(terway, check, 'payments/payment-api', 'paygate');
    if (!payments.ok) throw new Error(payments.error);
    expect(payments.report.required.map((e) => e.entry).sort()).toEqual(['47.98.210.15', '47.98.210.16']);
    expect(payments.report.missing).toEqual([]);
    const streamer = buildAllowlist(terway, check, 'media/streamer', 'paygate');
    if (!streamer.ok) throw new Error(streamer.error);
    expect(streamer.report.missing?.filter((e) => e.scope === 'now').map((e) => e.entry)).toEqual([
      '47.110.56.200',
    ]);
  });

  it('refuses a resource the snapshot does not hold', () => {
    expect(buildAllowlist(terway, check, 'shop/web', 'rm-nothere')).toEqual({
      ok: false,
      error: 'no RDS instance rm-nothere in the snapshot',
    });
    expect(buildAllowlist(terway, check, 'shop/web', 'somebody').ok).toBe(false);
  });

  it('without --for: no comparison', () => {
    const result = buildAllowlist(flannel, check, 'batch/reporter');
    expect(result.ok && result.report.missing).toBeNull();
    expect(
      result.ok && result.report.required.some((e) => e.reach === 'internet' && e.entry === '47.97.33.120'),
    ).toBe(true);
  });
});
