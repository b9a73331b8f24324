import { describe, expect, it } from 'vitest';
import { hiddenCodePoints } from './test-fixtures/hidden.js';
import {
  blockedAtSnat,
  hostile,
  reachableViaSnat,
  unknownWithMissing,
  withBlockers,
  workload,
} from './test-fixtures/traces.js';
import { renderTraceText } from './trace-text.js';

const plain = { color: false };

describe('renderTraceText', () => {
  it('prints a header with the query', () => {
    const text = renderTraceText(blockedAtSnat, plain);
    expect(text.split('\n')[0]).toBe('podreach check  shop/web-7c9d-abcde → api.github.com:443/tcp');
  });

  it('marks each hop by its result: ✓ pass, – skip, ✗ drop', () => {
    const lines = renderTraceText(blockedAtSnat, plain).split('\n');
    expect(lines).toContain(' 1 ✓ source                pod shop/web-7c9d-abcde');
    expect(lines).toContain(' 3 – service');
    expect(lines).toContain(' 4 ✓ egress-security-group security-group sg-bp1pods');
    expect(lines).toContain(' 5 ✗ internet-exit         nat-gateway ngw-bp1main (main-nat)');
  });

  it('marks an unknown hop with ? and lists the missing data with its command', () => {
    const text = renderTraceText(unknownWithMissing, plain);
    expect(text).toContain(' 1 ? destination-access    rds-instance rm-bp1orders');
    expect(text).toContain('verdict   UNKNOWN');
    expect(text).toContain('  ? [destination-access] the whitelist of RDS instance rm-bp1orders');
    expect(text).toContain(
      '      collect: aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId rm-bp1orders > DescribeDBInstanceIPArrayList.rm-bp1orders.json',
    );
  });

  it('shows the deciding rule with its file and line, and the rules considered', () => {
    const text = renderTraceText(blockedAtSnat, plain);
    expect(text).toContain(
      'rule    sgr-allow-all-egress — egress accept all 0.0.0.0/0 priority 100  @ cloud/DescribeSecurityGroupAttribute.sg-bp1pods.json:12 (Permissions.Permission[0])',
    );
    expect(text).toContain('also    sgr-drop-smtp — egress drop tcp 25/25 priority 1');
    expect(text).toContain(
      'rule    world.dns/api.github.com — A 140.82.112.5  @ world.yaml:4:3 (dns.api.github.com)',
    );
  });

  it('shows the reason of every hop, and the packet where it starts, changes, or is dropped', () => {
    const lines = renderTraceText(blockedAtSnat, plain).split('\n');
    expect(lines).toContain('       why     140.82.112.5 is not an address of a Service of the cluster');
    expect(lines.filter((line) => line.includes('packet  '))).toEqual([
      '       packet  10.8.3.21 → 140.82.112.5:443/tcp',
      '       packet  10.8.3.21 → 140.82.112.5:443/tcp',
    ]);
    const reachable = renderTraceText(reachableViaSnat, plain).split('\n');
    expect(reachable.filter((line) => line.includes('packet  '))).toEqual([
      '       packet  10.8.1.5 → 140.82.112.5:443/tcp',
      '       packet  47.98.1.10 → 140.82.112.5:443/tcp  (source was 10.8.1.5)',
    ]);
  });

  it('shows the packet of an unknown hop', () => {
    expect(renderTraceText(unknownWithMissing, plain)).toContain(
      '       packet  10.8.1.9 → 10.0.5.20:3306/tcp',
    );
  });

  it('prints hop details sorted by key only when asked', () => {
    expect(renderTraceText(blockedAtSnat, plain)).not.toContain('answers:');
    const text = renderTraceText(blockedAtSnat, { color: false, details: true });
    expect(text).toContain('answers: ["140.82.112.5"]\n       server: 172.16.0.10');
  });

  it('says which address a rewrite changed', () => {
    const text = renderTraceText(reachableViaSnat, plain);
    expect(text).toContain('packet  47.98.1.10 → 140.82.112.5:443/tcp  (source was 10.8.1.5)');
  });

  it('highlights the rewritten address when colour is on', () => {
    const text = renderTraceText(reachableViaSnat, { color: true });
    expect(text).toContain('\u001b[33m\u001b[1m47.98.1.10\u001b[22m\u001b[39m');
  });

  it('prints the verdict and the source address seen', () => {
    const text = renderTraceText(reachableViaSnat, plain);
    expect(text).toContain('verdict   REACHABLE\n');
    expect(text).toContain('seen as   47.98.1.10\n');
  });

  it('prints where it is blocked, the blockers and their fixes with proof', () => {
    const text = renderTraceText(withBlockers, plain);
    expect(text).toContain('verdict   BLOCKED at hop 5 internet-exit (nat-gateway ngw-bp1main (main-nat))');
    expect(text).toContain('seen as   — (nothing arrives, or not known)');
    expect(text).toContain('blockers\n  ✗ hop 5 internet-exit  nat-gateway ngw-bp1main (main-nat)');
    expect(text).toContain('      fix  Add an SNAT entry for vsw-pod-c');
    expect(text).toContain(
      '           $ aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-bp1main --SourceVSwitchId vsw-pod-c --SnatIp 47.98.1.10',
    );
    expect(text).toContain('proof: traced again with the fix: REACHABLE as 47.98.1.10');
  });

  it('lists assumptions with their basis', () => {
    const text = renderTraceText(blockedAtSnat, plain);
    expect(text).toContain(
      'assumptions\n  • [internet-exit] SNAT entries whose status is Pending are not effective\n      basis: alibaba-semantics.md §5 (UNCONFIRMED)',
    );
  });

  it('brackets an IPv6 destination before its port', () => {
    expect(renderTraceText(hostile, plain)).toContain('packet  2001:db8:1::5 → [2001:db8::10]:53/udp');
  });

  it('never lets a snapshot string reach the terminal raw', () => {
    const text = renderTraceText(hostile, plain);
    expect(hiddenCodePoints(text)).toEqual([]);
    expect(text).toContain('pod evil/\\x1b[31mred (<script>alert(1)</script>)');
    expect(text).toContain('np\\x1b[2J — abc\\u202edef  @ x\\x07.yaml:1 (metadata.name)');
    expect(text).toContain('why     line one\\nline two\\u200b');
    expect(text.split('\n')[0]).toBe('podreach check  evil/\\x1b[31mred → [2001:db8::10]:53/udp  IPv6');
  });

  it('has no ANSI codes without colour, and has them with colour', () => {
    expect(renderTraceText(blockedAtSnat, plain)).not.toContain('\u001b');
    expect(renderTraceText(blockedAtSnat, { color: true })).toContain('\u001b[31m');
  });

  it('groups a workload trace by outcome, worst verdict first in the header', () => {
    const text = renderTraceText(workload, plain);
    expect(text).toContain('verdict   BLOCKED  (worst of 2 groups of pods with the same outcome)');
    expect(text).toContain('── group 1 of 2: 1 pod → REACHABLE\n   pods shop/web-7c9d-fghij');
    expect(text).toContain(
      '── group 2 of 2: 2 pods → BLOCKED\n   pods shop/web-7c9d-abcde, shop/web-7c9d-klmno',
    );
    expect(text).toContain('    5 ✗ internet-exit');
  });
});
