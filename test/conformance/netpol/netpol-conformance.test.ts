/**
 * NetworkPolicy conformance: each case in cases/ is the e2e layout (base.yaml) plus the case's own objects, with a
 * hand-written pod×pod×(TCP|UDP)×(80|81) reachability matrix. A connection is reachable when the source's egress AND
 * the destination's ingress allow it (netpol-semantics.md rule 5).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { evaluateEgress, evaluateIngress, type PolicyContext } from '../../../src/eval/network-policy.js';
import type { Labels, Pod } from '../../../src/model/kubernetes.js';
import { type ConformanceCase, objectKey, PODS, PROBES, parseCaseFile } from './case-file.js';
import { type FixtureObjects, readFixtureDocuments } from './fixture-parser.js';

const here = dirname(fileURLToPath(import.meta.url));
const caseDir = join(here, 'cases');
const baseDocuments = parseAllDocuments(readFileSync(join(here, 'base.yaml'), 'utf8'));
const base = (Array.isArray(baseDocuments) ? baseDocuments : []).map((d) => d.toJS() as unknown);
const caseFiles = readdirSync(caseDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function objectsFor(c: ConformanceCase): FixtureObjects {
  const replaced = new Set(c.documents.map(objectKey));
  const merged = [...base.filter((d) => !replaced.has(objectKey(d))), ...c.documents];
  return readFixtureDocuments(merged, c.file);
}

function observed(
  objects: FixtureObjects,
  ctx: PolicyContext,
  from: Pod,
  to: Pod,
  probe: (typeof PROBES)[number],
) {
  const nsLabels = (ns: string): Labels => objects.namespaces.find((n) => n.name === ns)?.labels ?? {};
  const egress = evaluateEgress(
    ctx,
    from,
    nsLabels(from.namespace),
    { kind: 'pod', pod: to, namespaceLabels: nsLabels(to.namespace) },
    probe.protocol,
    probe.port,
  );
  const ingress = evaluateIngress(
    ctx,
    to,
    nsLabels(to.namespace),
    { kind: 'pod', pod: from, namespaceLabels: nsLabels(from.namespace) },
    probe.protocol,
    probe.port,
  );
  const allowed = egress.verdict === 'allow' && ingress.verdict === 'allow';
  return { allowed, why: egress.verdict === 'deny' ? egress.reason : ingress.reason };
}

describe('NetworkPolicy conformance suite', () => {
  it('holds at least 50 cases, each citing its upstream test', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(50);
  });

  for (const file of caseFiles) {
    const c = parseCaseFile(readFileSync(join(caseDir, file), 'utf8'), file);
    it(`${file}: ${c.name}`, () => {
      const objects = objectsFor(c);
      const ctx: PolicyContext = {
        policies: objects.networkPolicies,
        ipBlockMatchesPods: c.ipBlockMatchesPods,
      };
      const podOf = (ref: string): Pod => {
        const [ns, name] = ref.split('/');
        const pod = objects.pods.find((p) => p.namespace === ns && p.name === name);
        if (pod === undefined) throw new Error(`${file}: pod ${ref} missing`);
        return pod;
      };
      const mismatches: string[] = [];
      for (const from of PODS) {
        for (const to of PODS) {
          const cells = c.expected.get(from)?.get(to) ?? [];
          PROBES.forEach((probe, i) => {
            const want = cells[i];
            if (want === undefined) return;
            const got = observed(objects, ctx, podOf(from), podOf(to), probe);
            if (got.allowed !== want) {
              mismatches.push(
                `${from} -> ${to} ${probe.label}: expected ${want ? 'connected' : 'blocked'}, got ${got.allowed ? 'connected' : 'blocked'} (${got.why})`,
              );
            }
          });
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
