/**
 * `podreach inspect` as one screen of text. Every snapshot string goes through `visible` (src/render/sanitize.ts).
 */
import { formatProblem } from '../load/problem.js';
import { type Palette, palette } from './colors.js';
import type { InspectReport, NatGatewayReport, SnatCoverage } from './inspect-report.js';
import { visible } from './sanitize.js';

export interface InspectTextOptions {
  readonly color: boolean;
}

const LABEL_WIDTH = 20;

function section(title: string, c: Palette): string {
  return `\n${c.bold(title)}`;
}

function countLine(label: string, counts: Readonly<Record<string, number>>, c: Palette): string {
  const parts = Object.entries(counts).map(([kind, count]) =>
    count === 0 ? c.dim(`${kind} 0`) : `${kind} ${count}`,
  );
  return `  ${label.padEnd(11)} ${parts.join(' · ')}`;
}

function coverageText(coverage: SnatCoverage, c: Palette): string {
  const roles = coverage.roles.length === 0 ? '' : `${coverage.roles.join('+')} `;
  const where = `${visible(coverage.vSwitchId)} (${roles}${visible(coverage.cidr)}, ${visible(coverage.zoneId)})`;
  if (coverage.coveredBy.length > 0)
    return `${c.green('✓')} ${where} by ${coverage.coveredBy.map(visible).join(', ')}`;
  if (coverage.partlyCoveredBy.length > 0) {
    return `${c.yellow('?')} ${where} only partly, by ${coverage.partlyCoveredBy.map(visible).join(', ')}`;
  }
  return `${c.red('✗')} ${where} ${c.red('not covered')}`;
}

function natLines(gateway: NatGatewayReport, c: Palette): string[] {
  const name = gateway.name === undefined ? '' : ` (${visible(gateway.name)})`;
  const status = gateway.status === undefined ? '' : `, ${visible(gateway.status)}`;
  const ips = gateway.ips.length === 0 ? 'no EIP' : `EIPs ${gateway.ips.map(visible).join(', ')}`;
  const lines = [`  ${visible(gateway.id)}${name}  ${visible(gateway.networkType)}${status}, ${ips}`];
  for (const entry of gateway.snatEntries) {
    const entryStatus = entry.status === undefined ? '' : `  ${c.dim(visible(entry.status))}`;
    lines.push(
      `    SNAT ${visible(entry.id)}  ${visible(entry.source)} → ${entry.snatIps.map(visible).join(', ')}${entryStatus}`,
    );
  }
  if (gateway.snatEntries.length === 0)
    lines.push(`    ${c.yellow('no SNAT entry: nothing leaves through this gateway')}`);
  if (gateway.coverage.length > 0) {
    lines.push(`    ${c.dim('SNAT coverage by vSwitch:')}`);
    for (const coverage of gateway.coverage) lines.push(`      ${coverageText(coverage, c)}`);
  }
  return lines;
}

/** Text form of the inspect report; ends with a newline. */
export function renderInspectText(report: InspectReport, options: InspectTextOptions): string {
  const c = palette(options.color);
  const lines: string[] = [`${c.bold('podreach inspect')}  ${visible(report.snapshot)}`];

  lines.push(section('cluster', c));
  if (report.cluster !== null) {
    const { id, name, type, version } = report.cluster;
    const extra = [name, type, version].filter((part) => part !== undefined).map((part) => visible(part));
    lines.push(`  ${visible(id)}${extra.length === 0 ? '' : `  ${extra.join(' · ')}`}`);
  } else {
    lines.push(`  ${c.dim('no DescribeClusterDetail in the snapshot')}`);
  }
  for (const fact of report.facts) {
    const label = fact.label.padEnd(LABEL_WIDTH);
    if (fact.known) {
      const origin = fact.origin === undefined ? '' : ` @ ${visible(fact.origin)}`;
      lines.push(
        `  ${label}${c.bold(visible(fact.value))}  ${c.dim(`← ${visible(fact.evidence)}${origin}`)}`,
      );
    } else {
      lines.push(`  ${label}${c.yellow('? unknown')}  ${c.dim(`add: ${visible(fact.missing)}`)}`);
    }
  }

  lines.push(section('objects', c));
  lines.push(countLine('kubernetes', report.counts.kubernetes, c));
  lines.push(countLine('cloud', report.counts.cloud, c));
  lines.push(countLine('world', report.counts.world, c));
  lines.push(
    `  ${c.dim(`${report.recognisedFiles} file${report.recognisedFiles === 1 ? '' : 's'} recognised`)}`,
  );

  lines.push(section('NAT gateways', c));
  if (report.natGateways.length === 0) lines.push(`  ${c.dim('none in the snapshot')}`);
  for (const gateway of report.natGateways) lines.push(...natLines(gateway, c));

  lines.push(section('EIPs', c));
  if (report.eips.length === 0) lines.push(`  ${c.dim('none in the snapshot')}`);
  for (const eip of report.eips) {
    const bound = eip.boundTo === undefined ? c.dim('not bound') : `→ ${visible(eip.boundTo)}`;
    lines.push(
      `  ${visible(eip.ip).padEnd(16)} ${visible(eip.allocationId)}  ${visible(eip.status)}  ${bound}`,
    );
  }

  lines.push(section('IPv6 egress', c));
  const gateways =
    report.ipv6.gateways.length === 0
      ? 'no IPv6 gateway'
      : `IPv6 gateway ${report.ipv6.gateways
          .map(
            (gateway) =>
              `${visible(gateway.id)}${gateway.status === undefined ? '' : ` (${visible(gateway.status)})`}`,
          )
          .join(', ')}`;
  lines.push(
    `  ${gateways}; ${report.ipv6.addresses} IPv6 address${report.ipv6.addresses === 1 ? '' : 'es'}, ${report.ipv6.withInternetBandwidth} with Internet bandwidth`,
  );

  lines.push(section('security groups', c));
  if (report.securityGroups.length === 0) lines.push(`  ${c.dim('none in the snapshot')}`);
  for (const group of report.securityGroups) {
    const name = group.name === undefined ? '' : ` (${visible(group.name)})`;
    const rules =
      group.rules === null
        ? c.yellow('rules not in the snapshot')
        : `ingress ${group.rules.ingress.accept} accept, ${group.rules.ingress.drop} drop · egress ${group.rules.egress.accept} accept, ${group.rules.egress.drop} drop`;
    lines.push(`  ${visible(group.id)}${name}  ${group.type}  ${rules}`);
  }

  lines.push(section('RDS', c));
  if (report.rdsInstances.length === 0) lines.push(`  ${c.dim('none in the snapshot')}`);
  for (const instance of report.rdsInstances) {
    const whitelist =
      instance.whitelist === null
        ? c.yellow('whitelist not in the snapshot')
        : `whitelist ${instance.whitelist.groups} group${instance.whitelist.groups === 1 ? '' : 's'}, ${instance.whitelist.entries} entr${instance.whitelist.entries === 1 ? 'y' : 'ies'}`;
    const engine = instance.engine === undefined ? '' : ` ${visible(instance.engine)}`;
    const endpoints =
      instance.endpoints.length === 0 ? c.dim('(no endpoint)') : instance.endpoints.map(visible).join(', ');
    lines.push(`  ${visible(instance.id)}${engine}  ${endpoints}  ${whitelist}`);
  }

  lines.push(section('SLB', c));
  if (report.loadBalancers.length === 0) lines.push(`  ${c.dim('none in the snapshot')}`);
  for (const balancer of report.loadBalancers) {
    const name = balancer.name === undefined ? '' : ` (${visible(balancer.name)})`;
    const type = balancer.addressType === undefined ? '' : ` ${visible(balancer.addressType)}`;
    const listeners =
      balancer.listeners === null
        ? c.yellow('listeners not in the snapshot')
        : `${balancer.listeners.count} listener${balancer.listeners.count === 1 ? '' : 's'}, ${balancer.listeners.withAcl} with an ACL`;
    lines.push(`  ${visible(balancer.id)}${name}  ${visible(balancer.address)}${type}  ${listeners}`);
  }

  lines.push(section('checks this snapshot cannot support yet', c));
  if (report.gaps.length === 0) lines.push(`  ${c.green('none: every check of the seed page has its data')}`);
  for (const gap of report.gaps)
    lines.push(`  ${c.yellow('?')} ${visible(gap.check)}: ${visible(gap.missing)}`);

  const errors = report.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = report.problems.length - errors;
  lines.push(
    section(
      `load problems (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
      c,
    ),
  );
  if (report.problems.length === 0) lines.push(`  ${c.green('none')}`);
  for (const problem of report.problems) {
    const text = visible(formatProblem(problem));
    lines.push(`  ${problem.severity === 'error' ? c.red(text) : c.yellow(text)}`);
  }

  lines.push(section('ignored files', c));
  if (report.ignored.length === 0) lines.push(`  ${c.dim('none')}`);
  for (const entry of report.ignored) lines.push(`  ${visible(entry.file)} — ${visible(entry.reason)}`);

  return `${lines.join('\n')}\n`;
}
