import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace.js';
import { hiddenCodePoints } from './test-fixtures/hidden.js';
import { blockedAtSnat, hostile, reachableViaSnat, workload } from './test-fixtures/traces.js';
import { renderTraceJson } from './trace-json.js';

/** The same trace with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, member]) => [key, reversedKeys(member)]),
    );
  }
  return value;
}

describe('renderTraceJson', () => {
  it('gives byte-identical output for the same trace', () => {
    expect(renderTraceJson(blockedAtSnat)).toBe(renderTraceJson(structuredClone(blockedAtSnat)));
  });

  it('does not depend on the order the producer built its objects in', () => {
    expect(renderTraceJson(reversedKeys(blockedAtSnat) as Trace)).toBe(renderTraceJson(blockedAtSnat));
    expect(renderTraceJson(reversedKeys(workload) as Trace)).toBe(renderTraceJson(workload));
  });

  it('orders keys as the model declares them', () => {
    const parsed = JSON.parse(renderTraceJson(reversedKeys(reachableViaSnat) as Trace)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'query',
      'verdict',
      'sourceAddressSeen',
      'sourceAddressCandidates',
      'blockedAt',
      'blockers',
      'assumptions',
      'missing',
      'hops',
    ]);
    const hop = (parsed.hops as Record<string, unknown>[])[1] ?? {};
    expect(Object.keys(hop)).toEqual(['kind', 'result', 'resource', 'rule', 'packet', 'reason']);
    expect(Object.keys(hop.packet as object)).toEqual(['family', 'src', 'dst', 'protocol', 'port']);
    expect(Object.keys(hop.rule as object)).toEqual(['id', 'description', 'origin']);
  });

  it('sorts the keys of free-form hop details', () => {
    const json = renderTraceJson(blockedAtSnat);
    expect(json).toContain('"details":{"answers":["140.82.112.5"],"server":"172.16.0.10"}');
  });

  it('keeps fields the schema does not know yet, after the known ones, sorted', () => {
    const extended = { ...reachableViaSnat, zeta: 1, alpha: { b: 2, a: 1 } } as Trace;
    expect(renderTraceJson(extended).endsWith('"alpha":{"a":1,"b":2},"zeta":1}')).toBe(true);
  });

  it('prints one line by default and indents on request', () => {
    expect(renderTraceJson(workload)).not.toContain('\n');
    expect(renderTraceJson(reachableViaSnat, { indent: 2 })).toContain(
      '\n  "query": {\n    "from": "shop/web-7c9d-fghij",',
    );
  });

  it('round-trips: parsing the output gives back the trace', () => {
    expect(JSON.parse(renderTraceJson(workload))).toEqual(workload);
    expect(JSON.parse(renderTraceJson(hostile))).toEqual(hostile);
  });

  it('escapes terminal, bidi and zero-width characters so the raw JSON is safe to print', () => {
    const json = renderTraceJson(hostile);
    expect(hiddenCodePoints(json)).toEqual([]);
    expect(json).toContain('"id":"np\\u001b[2J"');
    expect(json).toContain('"description":"abc\\u202edef"');
    expect(json).toContain('"reason":"line one\\nline two\\u200b"');
    expect(json).toContain('"name":"<script>alert(1)</script>"');
  });

  it('property: any strings in a trace round-trip through the JSON and never appear raw as hidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, reason) => {
        const trace: Trace = {
          ...hostile,
          hops: hostile.hops.map((hop) => ({ ...hop, resource: { type: 'pod', id: name }, reason })),
        };
        const json = renderTraceJson(trace);
        expect(JSON.parse(json)).toEqual(trace);
        expect(hiddenCodePoints(json)).toEqual([]);
        expect(renderTraceJson(structuredClone(trace))).toBe(json);
      }),
    );
  });
});
