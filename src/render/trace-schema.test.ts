import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Origin } from '../model/origin.js';
import type {
  Assumption,
  Blocker,
  Fix,
  Hop,
  MissingData,
  Packet,
  ResourceRef,
  RuleRef,
  Trace,
  TraceQuery,
  WorkloadTrace,
} from '../model/trace.js';
import {
  blockedAtSnat,
  hostile,
  reachableViaSnat,
  unknownWithMissing,
  workload,
} from './test-fixtures/traces.js';
import {
  type assumptionSchema,
  type blockerSchema,
  checkOutputSchema,
  type fixSchema,
  type hopSchema,
  type missingDataSchema,
  type originSchema,
  type packetSchema,
  type resourceRefSchema,
  type ruleRefSchema,
  traceJsonSchema,
  type traceQuerySchema,
  traceSchema,
  type workloadTraceSchema,
} from './trace-schema.js';

/**
 * Compile-time drift guard: each schema's keys equal its model interface's keys, and what the schema accepts is a
 * valid model value. Adding a field to src/model/trace.ts without adding it here fails `tsc`.
 */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mirrors<S extends z.ZodType, M> =
  Equal<keyof z.output<S>, keyof M> extends true ? (z.output<S> extends M ? true : false) : false;
const mirrors: {
  origin: Mirrors<typeof originSchema, Origin>;
  packet: Mirrors<typeof packetSchema, Packet>;
  resource: Mirrors<typeof resourceRefSchema, ResourceRef>;
  rule: Mirrors<typeof ruleRefSchema, RuleRef>;
  assumption: Mirrors<typeof assumptionSchema, Assumption>;
  missing: Mirrors<typeof missingDataSchema, MissingData>;
  hop: Mirrors<typeof hopSchema, Hop>;
  fix: Mirrors<typeof fixSchema, Fix>;
  blocker: Mirrors<typeof blockerSchema, Blocker>;
  query: Mirrors<typeof traceQuerySchema, TraceQuery>;
  trace: Mirrors<typeof traceSchema, Trace>;
  workload: Mirrors<typeof workloadTraceSchema, WorkloadTrace>;
} = {
  origin: true,
  packet: true,
  resource: true,
  rule: true,
  assumption: true,
  missing: true,
  hop: true,
  fix: true,
  blocker: true,
  query: true,
  trace: true,
  workload: true,
};

describe('trace schema', () => {
  it('mirrors src/model/trace.ts (checked by the compiler)', () => {
    expect(Object.values(mirrors).every(Boolean)).toBe(true);
  });

  it('matches the committed docs/trace.schema.json (regenerate: npm run build && node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../docs/trace.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(traceJsonSchema());
  });

  it('accepts well-formed traces', () => {
    for (const trace of [blockedAtSnat, reachableViaSnat, unknownWithMissing, hostile, workload]) {
      expect(checkOutputSchema.safeParse(trace).success).toBe(true);
    }
  });

  it('rejects a trace with an unknown hop kind', () => {
    const bad = { ...reachableViaSnat, hops: [{ ...reachableViaSnat.hops[0], kind: 'firewall' }] };
    expect(traceSchema.safeParse(bad).success).toBe(false);
  });

  it('rejects a trace with a field the contract does not declare', () => {
    expect(traceSchema.safeParse({ ...reachableViaSnat, extra: 1 }).success).toBe(false);
  });

  it('rejects a port out of range and an absent optional written as undefined-typed null', () => {
    const badPort = { ...reachableViaSnat, query: { ...reachableViaSnat.query, port: 70000 } };
    expect(traceSchema.safeParse(badPort).success).toBe(false);
    const badName = {
      ...reachableViaSnat,
      hops: [{ ...reachableViaSnat.hops[0], resource: { type: 'pod', id: 'a/b', name: null } }],
    };
    expect(traceSchema.safeParse(badName).success).toBe(false);
  });
});
