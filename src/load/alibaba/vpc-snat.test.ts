import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeSnatTableEntries } from './vpc-snat.js';

const SNAT = `{"RequestId": "R", "TotalCount": 3, "PageNumber": 1, "PageSize": 50,
 "SnatTableEntries": {"SnatTableEntry": [
  {"SnatEntryId": "snat-gw8node0000001", "SnatEntryName": "node-vsw", "SnatTableId": "stb-gw8snat00000001",
   "NatGatewayId": "ngw-gw8inet000000001", "SourceVSwitchId": "vsw-gw8node00000001", "SourceCIDR": "10.1.0.0/24",
   "SnatIp": "8.130.1.10", "NetworkInterfaceId": "", "EipAffinity": "0", "Status": "Available"},
  {"SnatEntryId": "snat-gw8pod00000001", "SnatEntryName": "pod-vsw", "SnatTableId": "stb-gw8snat00000001",
   "NatGatewayId": "ngw-gw8inet000000001", "SourceVSwitchId": "vsw-gw8pod000000001", "SourceCIDR": "",
   "SnatIp": "8.130.1.10,8.130.1.11", "EipAffinity": "1", "Status": "Pending"},
  {"SnatEntryId": "snat-gw8one00000001", "SnatEntryName": "", "SnatTableId": "stb-gw8snat00000001",
   "NatGatewayId": "ngw-gw8inet000000001", "SourceVSwitchId": "", "SourceCIDR": "10.1.0.23/32",
   "SnatIp": "8.130.1.12", "Status": "Available"}]}}`;

describe('vpc DescribeSnatTableEntries', () => {
  it('splits SnatIp on commas and leaves empty source fields out', () => {
    const { builder, errors, recognised } = loadBodies([describeSnatTableEntries], ['snat.json', SNAT]);
    expect(recognised).toEqual([['vpc DescribeSnatTableEntries']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.snatEntries.map(({ origin, ...entry }) => entry)).toEqual([
      {
        id: 'snat-gw8node0000001',
        name: 'node-vsw',
        snatTableId: 'stb-gw8snat00000001',
        natGatewayId: 'ngw-gw8inet000000001',
        sourceVSwitchId: 'vsw-gw8node00000001',
        sourceCidr: '10.1.0.0/24',
        snatIps: ['8.130.1.10'],
        status: 'Available',
      },
      {
        id: 'snat-gw8one00000001',
        snatTableId: 'stb-gw8snat00000001',
        natGatewayId: 'ngw-gw8inet000000001',
        sourceCidr: '10.1.0.23/32',
        snatIps: ['8.130.1.12'],
        status: 'Available',
      },
      {
        id: 'snat-gw8pod00000001',
        name: 'pod-vsw',
        snatTableId: 'stb-gw8snat00000001',
        natGatewayId: 'ngw-gw8inet000000001',
        sourceVSwitchId: 'vsw-gw8pod000000001',
        snatIps: ['8.130.1.10', '8.130.1.11'],
        status: 'Pending',
      },
    ]);
  });

  it('merges pages: an identical repeat is silent, a changed entry is a warning naming both places', () => {
    const page2 = `{"SnatTableEntries": {"SnatTableEntry": [
  {"SnatEntryId": "snat-gw8pod00000002", "SnatTableId": "stb-gw8snat00000001", "SourceCIDR": "10.1.64.0/18", "SnatIp": "8.130.1.10"},
  {"SnatEntryId": "snat-gw8node0000001", "SnatEntryName": "node-vsw", "SnatTableId": "stb-gw8snat00000001",
   "NatGatewayId": "ngw-gw8inet000000001", "SourceVSwitchId": "vsw-gw8node00000001", "SourceCIDR": "10.1.0.0/24",
   "SnatIp": "8.130.1.10", "Status": "Available"},
  {"SnatEntryId": "snat-gw8one00000001", "SnatTableId": "stb-gw8snat00000001", "SourceCIDR": "10.1.0.23/32", "SnatIp": "8.130.1.99"}
]}}`;
    const { builder, warnings } = loadBodies(
      [describeSnatTableEntries],
      ['page1.json', SNAT],
      ['page2.json', page2],
    );
    expect(builder.cloud.snatEntries.map((entry) => entry.id)).toEqual([
      'snat-gw8node0000001',
      'snat-gw8one00000001',
      'snat-gw8pod00000001',
      'snat-gw8pod00000002',
    ]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'page2.json',
        line: 6,
        column: 3,
        path: 'SnatTableEntries.SnatTableEntry[2]',
        message:
          'SNAT entry snat-gw8one00000001 is also listed at page1.json:9:3 (SnatTableEntries.SnatTableEntry[2]) with different content; the first one is kept',
        hint: 'keep one response per resource, taken at the same moment',
      },
    ]);
    expect(builder.cloud.snatEntries[1]?.snatIps).toEqual(['8.130.1.12']);
  });

  it('gives the same entries, silently, for any order and any repetition of overlapping pages', () => {
    const entry = (n: number) =>
      `{"SnatEntryId": "snat-${n}", "SnatTableId": "stb-1", "SourceCIDR": "10.1.${n}.0/24", "SnatIp": "8.130.1.${n}"}`;
    const pageOf = (ids: readonly number[]) =>
      `{"SnatTableEntries": {"SnatTableEntry": [${ids.map(entry).join(',')}]}}`;
    const pages = [pageOf([1, 2, 3]), pageOf([3, 4]), pageOf([5]), pageOf([1, 5])];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), (picks) => {
        const { builder } = loadBodies(
          [describeSnatTableEntries],
          ...picks.map((pick, index) => [`page-${index}.json`, pages[pick] ?? ''] as const),
        );
        const expected = [...new Set(picks.flatMap((pick) => [[1, 2, 3], [3, 4], [5], [1, 5]][pick] ?? []))]
          .sort()
          .map((n) => `snat-${n}`);
        expect(builder.problems).toEqual([]);
        expect(builder.cloud.snatEntries.map((e) => e.id)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('reports SnatTableEntries whose item list is not a list', () => {
    const { errors } = loadBodies(
      [describeSnatTableEntries],
      ['bad.json', '{"SnatTableEntries": {"SnatTableEntry": {"SnatEntryId": "snat-1"}}}'],
    );
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      [
        'SnatTableEntries.SnatTableEntry',
        'SnatTableEntry is an object; the whole body is skipped',
        'a list: "SnatTableEntries": {"SnatTableEntry": [ … ]}',
      ],
    ]);
  });
});
