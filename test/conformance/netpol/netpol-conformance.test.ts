/**
 * NetworkPolicy conformance: each case in cases/ is the e2e layout (base.yaml) plus the case's own objects, with a
 * hand-written pod×pod×(TCP|UDP)×(80|81) reachability matrix. A connection is reachable when the source's egress AND
 * the destination's ingress allow it (netpol-semantics.md rule 5). The YAML goes through the real snapshot loader,
 * so its API defaulting (policyTypes, protocol TCP, the implied namespace name label) is under test too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { evaluateEgress, evaluateIngress, type PolicyContext } from '../../../src/eval/network-policy.js';
import { formatProblem, loadSnapshotFromFiles } from '../../../src/load/index.js';
import type { KubernetesObjects, Labels, Pod } from '../../../src/model/kubernetes.js';
import { type ConformanceCase, objectKey, PODS, PROBES, parseCaseFile } from './case-file.js';

const here = dirname(fileURLToPath(import.meta.url));
const caseDir = join(here, 'cases');
const baseDocuments = parseAllDocuments(readFileSync(join(here, 'base.yaml'), 'utf8'));
const base = (Array.isArray(baseDocuments) ? baseDocuments : []).map((d) => ({
  value: d.toJS() as unknown,
  text: d.toString(),
}));
const caseFiles = readdirSync(caseDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Base objects the case does not redefine, plus the case's objects, read by the snapshot loader. */
function objectsFor(c: ConformanceCase): { objects: KubernetesObjects; problems: string[] } {
  const replaced = new Set(c.documents.map((d) => objectKey(d.value)));
  const kept = base.filter((d) => !replaced.has(objectKey(d.value)));
  const result = loadSnapshotFromFiles([
    { path: 'base.yaml', content: kept.map((d) => d.text).join('---\n') },
    { path: c.file, content: c.documents.map((d) => d.text).join('---\n') },
  ]);
  return { objects: result.snapshot.kubernetes, problems: result.problems.map(formatProblem) };
}

function observed(
  objects: KubernetesObjects,
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
      const { objects, problems } = objectsFor(c);
      expect(problems).toEqual([]);
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
