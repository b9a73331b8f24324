import { describe, expect, it } from 'vitest';
import type { RouteEntry } from '../model/cloud.js';
import { classifyNextHop, describeRouteEntry, lookupRoute, matchingRoutes } from './route.js';

const origin = { file: 'routes.json', path: '' };

function entry(
  id: string,
  destinationCidr: string,
  hopType: string,
  extra: Partial<RouteEntry> = {},
): RouteEntry {
  return {
    id,
    routeTableId: 'vtb-1',
    destinationCidr,
    type: 'Custom',
    status: 'Available',
    nextHops: [{ type: hopType, id: hopType === 'local' ? '' : `${hopType.toLowerCase()}-1` }],
    origin,
    ...extra,
  };
}

const table: RouteEntry[] = [
  entry('rte-default', '0.0.0.0/0', 'NatGateway'),
  entry('rte-vpc', '10.0.0.0/16', 'local', { type: 'System' }),
  entry('rte-node', '10.0.1.0/24', 'local', { type: 'System' }),
  entry('rte-v6', '::/0', 'IPv6Gateway'),
  entry('rte-v6-local', '2408:4005:300:aa00::/56', 'local', { type: 'System' }),
];

describe('lookupRoute', () => {
  it('sends Internet addresses to the /0 entry', () => {
    expect(lookupRoute(table, '140.82.112.5')?.id).toBe('rte-default');
  });

  it('prefers /16 over /0 for a VPC address', () => {
    expect(lookupRoute(table, '10.0.8.5')?.id).toBe('rte-vpc');
  });

  it('prefers /24 over /16 for the node vSwitch', () => {
    expect(lookupRoute(table, '10.0.1.23')?.id).toBe('rte-node');
  });

  it('routes IPv6 by ::/0 and never by an IPv4 entry', () => {
    expect(lookupRoute(table, '2001:db8::1')?.id).toBe('rte-v6');
    expect(lookupRoute(table, '2408:4005:300:aa00::1a')?.id).toBe('rte-v6-local');
  });

  it('finds nothing when no entry of the family covers the destination', () => {
    const v4Only = table.filter((e) => !e.destinationCidr.includes(':'));
    expect(lookupRoute(v4Only, '2001:db8::1')).toBeUndefined();
    expect(lookupRoute([entry('rte-vpc', '10.0.0.0/16', 'local')], '140.82.112.5')).toBeUndefined();
  });

  it('ignores entries that are not Available', () => {
    const pending = [entry('rte-default', '0.0.0.0/0', 'NatGateway', { status: 'Pending' })];
    expect(lookupRoute(pending, '140.82.112.5')).toBeUndefined();
    const { status: _status, ...noStatus } = entry('rte-default', '0.0.0.0/0', 'NatGateway');
    expect(lookupRoute([noStatus], '140.82.112.5')?.id).toBe('rte-default');
  });

  it('at equal prefix prefers Custom over System, then the smaller id, whatever the order', () => {
    const system = entry('rte-a', '10.0.0.0/16', 'local', { type: 'System' });
    const custom = entry('rte-z', '10.0.0.0/16', 'Instance');
    expect(lookupRoute([system, custom], '10.0.0.1')?.id).toBe('rte-z');
    expect(lookupRoute([custom, system], '10.0.0.1')?.id).toBe('rte-z');
    const b = entry('rte-b', '10.0.0.0/16', 'Instance');
    const a = entry('rte-a', '10.0.0.0/16', 'Instance');
    expect(lookupRoute([b, a], '10.0.0.1')?.id).toBe('rte-a');
  });

  it('returns undefined for a destination that is not an IP', () => {
    expect(lookupRoute(table, 'github.com')).toBeUndefined();
  });

  it('matchingRoutes lists every covering entry, best first', () => {
    expect(matchingRoutes(table, '10.0.1.23').map((m) => m.entry.id)).toEqual([
      'rte-node',
      'rte-vpc',
      'rte-default',
    ]);
  });
});

describe('classifyNextHop', () => {
  it('classifies the known next hop types case-insensitively', () => {
    expect(classifyNextHop(entry('r', '10.0.0.0/16', 'local'))).toBe('local');
    expect(classifyNextHop(entry('r', '0.0.0.0/0', 'NatGateway'))).toBe('nat-gateway');
    expect(classifyNextHop(entry('r', '0.0.0.0/0', 'natgateway'))).toBe('nat-gateway');
    expect(classifyNextHop(entry('r', '::/0', 'IPv6Gateway'))).toBe('ipv6-gateway');
    expect(classifyNextHop(entry('r', '0.0.0.0/0', 'Ipv4Gateway'))).toBe('ipv4-gateway');
    expect(classifyNextHop(entry('r', '172.20.1.0/25', 'Instance'))).toBe('instance');
  });

  it('calls anything else, no hop, or disagreeing ECMP hops other', () => {
    expect(classifyNextHop(entry('r', '0.0.0.0/0', 'VpcPeer'))).toBe('other');
    expect(classifyNextHop({ ...entry('r', '0.0.0.0/0', 'x'), nextHops: [] })).toBe('other');
    const ecmp = {
      ...entry('r', '0.0.0.0/0', 'x'),
      nextHops: [
        { type: 'Instance', id: 'i-1' },
        { type: 'NatGateway', id: 'ngw-1' },
      ],
    };
    expect(classifyNextHop(ecmp)).toBe('other');
  });

  it('keeps the class of agreeing ECMP hops', () => {
    const ecmp = {
      ...entry('r', '0.0.0.0/0', 'x'),
      nextHops: [
        { type: 'Instance', id: 'i-1' },
        { type: 'Instance', id: 'i-2' },
      ],
    };
    expect(classifyNextHop(ecmp)).toBe('instance');
  });
});

describe('describeRouteEntry', () => {
  it('prints destination, hops and id', () => {
    expect(describeRouteEntry(entry('rte-1', '0.0.0.0/0', 'NatGateway'))).toBe(
      '0.0.0.0/0 → NatGateway natgateway-1 (rte-1)',
    );
    expect(describeRouteEntry(entry('rte-2', '10.0.0.0/16', 'local'))).toBe('10.0.0.0/16 → local (rte-2)');
  });
});
