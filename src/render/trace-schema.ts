/**
 * The zod mirror of src/model/trace.ts: the machine-checkable form of the `--output json` contract. It serves three
 * purposes: docs/trace.schema.json is generated from it (a test fails when the committed file drifts), tests
 * validate real engine traces against it, and its declared key order is the key order of the JSON we print.
 *
 * Keep it in step with src/model/trace.ts: trace-schema.test.ts fails to compile when a model interface gains or
 * loses a field this schema does not have. Objects are strict so an engine field missing here fails the tests too.
 */
import { z } from 'zod';
import { HOP_KINDS } from '../model/trace.js';

const verdict = z.enum(['reachable', 'blocked', 'unresolved', 'unknown']).meta({
  id: 'Verdict',
  description:
    '`reachable`; `blocked` at a hop; `unresolved`: the name does not resolve; `unknown`: the snapshot lacks data.',
});

const hopKind = z.literal(HOP_KINDS).meta({ id: 'HopKind' });

const hopResult = z.enum(['pass', 'drop', 'rewrite', 'skip', 'unknown']).meta({
  id: 'HopResult',
  description:
    '`pass`: goes on unchanged; `rewrite`: goes on with an address changed; `drop`: stops here; `skip`: the hop does not apply; `unknown`: the snapshot lacks what decides it.',
});

const protocol = z.enum(['tcp', 'udp', 'sctp', 'icmp']).meta({ id: 'Protocol' });

const family = z.union([z.literal(4), z.literal(6)]).meta({ id: 'IpFamily' });

const port = z.number().int().min(1).max(65535);

export const originSchema = z
  .strictObject({
    file: z.string(),
    line: z.number().int().min(1).exactOptional(),
    column: z.number().int().min(1).exactOptional(),
    path: z.string(),
  })
  .meta({ id: 'Origin', description: 'Where a rule is written: file, 1-based line and column, field path.' });

export const packetSchema = z
  .strictObject({
    family,
    src: z.string(),
    dst: z.string(),
    protocol,
    port: port.nullable(),
  })
  .meta({ id: 'Packet', description: 'The flow as it leaves a hop.' });

export const resourceRefSchema = z
  .strictObject({
    type: z.string(),
    id: z.string(),
    name: z.string().exactOptional(),
  })
  .meta({ id: 'ResourceRef' });

export const ruleRefSchema = z
  .strictObject({
    id: z.string(),
    description: z.string(),
    origin: originSchema.exactOptional(),
  })
  .meta({ id: 'RuleRef', description: 'The rule that decided a hop and where it is written.' });

export const assumptionSchema = z
  .strictObject({
    hop: hopKind,
    statement: z.string(),
    basis: z.string(),
  })
  .meta({ id: 'Assumption' });

export const missingDataSchema = z
  .strictObject({
    hop: hopKind,
    what: z.string(),
    collect: z.string(),
  })
  .meta({ id: 'MissingData' });

export const hopSchema = z
  .strictObject({
    kind: hopKind,
    result: hopResult,
    resource: resourceRefSchema.nullable(),
    rule: ruleRefSchema.nullable(),
    considered: z.array(ruleRefSchema).exactOptional(),
    packet: packetSchema,
    reason: z.string(),
    details: z.record(z.string(), z.unknown()).exactOptional(),
  })
  .meta({ id: 'Hop' });

export const fixSchema = z
  .strictObject({
    kind: z.string(),
    summary: z.string(),
    tradeoffs: z.string().exactOptional(),
    commands: z.array(z.string()),
    manifests: z.array(z.string()),
    needs: z.array(z.string()),
    proof: z.strictObject({ verdict, sourceAddressSeen: z.string().nullable() }).exactOptional(),
  })
  .meta({ id: 'Fix' });

export const blockerSchema = z
  .strictObject({
    hopIndex: z.number().int().min(0),
    kind: hopKind,
    resource: resourceRefSchema.nullable(),
    rule: ruleRefSchema.nullable(),
    reason: z.string(),
    fixes: z.array(fixSchema),
  })
  .meta({ id: 'Blocker' });

export const traceQuerySchema = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    protocol,
    port: port.nullable(),
    family: family.nullable(),
  })
  .meta({ id: 'TraceQuery' });

export const traceSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    query: traceQuerySchema,
    verdict,
    sourceAddressSeen: z.string().nullable(),
    sourceAddressCandidates: z.array(z.string()),
    blockedAt: blockerSchema.nullable(),
    blockers: z.array(blockerSchema),
    assumptions: z.array(assumptionSchema),
    missing: z.array(missingDataSchema),
    hops: z.array(hopSchema),
  })
  .meta({ id: 'Trace', description: 'The answer for one source pod (or address) and one destination.' });

export const workloadGroupSchema = z
  .strictObject({
    pods: z.array(z.string()),
    trace: traceSchema,
  })
  .meta({ id: 'WorkloadGroup', description: 'Pods of a workload whose traces agree.' });

export const workloadTraceSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    query: traceQuerySchema,
    verdict,
    groups: z.array(workloadGroupSchema),
  })
  .meta({
    id: 'WorkloadTrace',
    description: 'The answer for a workload: its pods grouped by identical outcome.',
  });

/** What `podreach check --output json` prints: a Trace, or a WorkloadTrace when FROM names a workload. */
export const checkOutputSchema = z.union([traceSchema, workloadTraceSchema]);

/** The JSON Schema (draft 2020-12) committed as docs/trace.schema.json. */
export function traceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(checkOutputSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'podreach check --output json',
    description:
      'One Trace, or one WorkloadTrace when FROM names a workload; with --batch, one of these per line. Fields may be added in later versions (never renamed or removed without a deprecation note): consumers should ignore fields they do not know. See docs/trace.md.',
    ...rest,
  };
}
