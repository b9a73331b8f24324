/** docs/collect.md must grant exactly what collect uses: every RAM action and every Kubernetes resource it lists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIBABA_ACTIONS } from './alibaba/collect-alibaba.js';
import { KINDS } from './kubernetes/kinds.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'collect.md'), 'utf8');

function policyActions(): string[] {
  const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '{}';
  const policy = JSON.parse(json) as { Statement: { Action: string[] }[] };
  return policy.Statement.flatMap((s) => s.Action).sort();
}

describe('docs/collect.md', () => {
  it('the RAM policy lists exactly the actions collect calls', () => {
    const used = Object.entries(ALIBABA_ACTIONS)
      .flatMap(([product, actions]) => actions.map((a) => `${product}:${a}`))
      .sort();
    expect(policyActions()).toEqual(used);
    expect(used).toHaveLength(25);
  });

  it('the RBAC rules name every resource collect lists, in its API group, and never secrets', () => {
    const rbac = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    for (const kind of KINDS) {
      const group = kind.group === '' ? '""' : kind.group;
      const rule = new RegExp(
        `apiGroups: \\[${group.replaceAll('.', '\\.')}\\]\\n\\s+resources: \\[[^\\]]*\\b${kind.resource}\\b`,
      );
      expect(rbac, `${kind.resource} in ${group}`).toMatch(rule);
    }
    expect(rbac).not.toContain('secrets');
  });
});
