/**
 * Matrix cells shared between sources the trace cannot tell apart. For one column, a source's *class key* is its
 * profile (source-profile.ts), what the destination's ingress NetworkPolicies would say about it, and whether it
 * or its node is one the destination relates to (column-reach.ts). The first source of a class is traced by the
 * engine's `check`; its cell becomes a template with holes for its identity (source-identity.ts), and every other
 * source of the class gets the template filled with its own `ns/name`, addresses, node, ENI and instance. A
 * cell's trace is traced on first read (a direct `check` of that pod; kept traces would not fit in memory for a
 * large cluster), so what a cell holds is always what `podreach check` prints for that pod.
 */

import { memoByIdentity } from '../engine/memo.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { Pod } from '../model/kubernetes.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Trace, Verdict } from '../model/trace.js';
import { type ColumnReach, columnReach } from './column-reach.js';
import type { Column } from './columns.js';
import { Interner } from './interner.js';
import type { CheckFn, MatrixCell } from './matrix-cell.js';
import { cellOf, podQuery } from './matrix-cell.js';
import { fill, IdentityMatcher, type Template } from './source-identity.js';
import { type SourceFacts, SourceProfiler } from './source-profile.js';

interface CellTemplate {
  /** Equal keys: cells equal once each is filled with the same identity. */
  readonly key: string;
  readonly verdict: Verdict | 'error';
  readonly seen: Template | null;
  readonly candidates: readonly Template[];
  readonly blockedAt: {
    readonly kind: string;
    readonly resource: Template | null;
    readonly rule: Template | null;
    readonly reason: Template;
  } | null;
  readonly error?: Template;
  readonly leader: string;
  /** The filled fields, shared by every cell of the class, when no field names the source. */
  readonly fixed?: Pick<MatrixCell, 'sourceAddressSeen' | 'sourceAddressCandidates' | 'blockedAt' | 'error'>;
}

/** A cell whose trace is traced on first read. `trace` is a getter: not enumerable, not in JSON. */
class SharedCell implements MatrixCell {
  readonly verdict: Verdict | 'error';
  readonly sourceAddressSeen: string | null;
  readonly sourceAddressCandidates: readonly string[];
  readonly blockedAt: MatrixCell['blockedAt'];
  declare readonly error?: string;
  #trace: Trace | undefined;
  #traced = false;
  readonly #shared: SharedCells;
  readonly #facts: SourceFacts;
  readonly #column: number;

  constructor(template: CellTemplate, facts: SourceFacts, shared: SharedCells, column: number) {
    this.verdict = template.verdict;
    const fixed = template.fixed;
    if (fixed !== undefined) {
      this.sourceAddressSeen = fixed.sourceAddressSeen;
      this.sourceAddressCandidates = fixed.sourceAddressCandidates;
      this.blockedAt = fixed.blockedAt;
      if (fixed.error !== undefined) this.error = fixed.error;
    } else {
      const id = facts.identity;
      this.sourceAddressSeen = template.seen === null ? null : fill(template.seen, id);
      this.sourceAddressCandidates = template.candidates.map((t) => fill(t, id));
      const b = template.blockedAt;
      this.blockedAt =
        b === null
          ? null
          : {
              kind: b.kind,
              resource: b.resource === null ? null : fill(b.resource, id),
              rule: b.rule === null ? null : fill(b.rule, id),
              reason: fill(b.reason, id),
            };
      if (template.error !== undefined) this.error = fill(template.error, id);
    }
    this.#shared = shared;
    this.#facts = facts;
    this.#column = column;
  }

  get trace(): Trace | undefined {
    if (!this.#traced) {
      this.#trace = this.#shared.trace(this.#facts, this.#column);
      this.#traced = true;
    }
    return this.#trace;
  }
}

/** One matcher per source, reused for every column it leads. */
const matcherOf = memoByIdentity((facts: SourceFacts) => new IdentityMatcher(facts.identity));

function templateOf(cell: MatrixCell, facts: SourceFacts): CellTemplate {
  const m = matcherOf(facts);
  const b = cell.blockedAt;
  const shape = {
    verdict: cell.verdict,
    seen: cell.sourceAddressSeen === null ? null : m.template(cell.sourceAddressSeen),
    candidates: cell.sourceAddressCandidates.map((c) => m.template(c)),
    blockedAt:
      b === null
        ? null
        : {
            kind: b.kind,
            resource: b.resource === null ? null : m.template(b.resource),
            rule: b.rule === null ? null : m.template(b.rule),
            reason: m.template(b.reason),
          },
    ...(cell.error === undefined ? {} : { error: m.template(cell.error) }),
  };
  const key = JSON.stringify(shape);
  // No hole (a number) anywhere: every source of the class gets the very same fields.
  const holes = /[[,]\d/.test(key);
  return {
    ...shape,
    key,
    leader: facts.label,
    ...(holes
      ? {}
      : {
          fixed: {
            sourceAddressSeen: cell.sourceAddressSeen,
            sourceAddressCandidates: cell.sourceAddressCandidates,
            blockedAt: cell.blockedAt,
            ...(cell.error === undefined ? {} : { error: cell.error }),
          },
        }),
  };
}

export interface SharingStats {
  /** Engine checks run for the cells (traces read later run more). */
  checks: number;
  /** Cells answered by filling another source's template. */
  shared: number;
}

export class SharedCells {
  readonly profiler;
  readonly stats: SharingStats = { checks: 0, shared: 0 };
  private readonly reach: ColumnReach[];
  private readonly policiesKeys: string[];
  private readonly templates: Map<string, CellTemplate>[];
  private readonly ingressKeys = new Interner<string>();

  constructor(
    private readonly snapshot: Snapshot,
    private readonly check: CheckFn,
    private readonly columns: readonly Column[],
    sources: readonly Pod[],
  ) {
    const index = indexSnapshot(snapshot);
    this.profiler = new SourceProfiler(index);
    this.reach = columns.map((column) => columnReach(index, column, sources));
    this.policiesKeys = this.reach.map((r) =>
      r.ingressPolicies === 'all'
        ? 'all'
        : JSON.stringify(r.ingressPolicies.map((p) => `${p.namespace}/${p.name}`)),
    );
    this.templates = columns.map(() => new Map());
  }

  get columnCount(): number {
    return this.columns.length;
  }

  /** The facts of a pod named `ns/name` (a row's representative or member). */
  factsOf(label: string): SourceFacts {
    const slash = label.indexOf('/');
    const pod = this.profiler.index.pod(label.slice(0, slash), label.slice(slash + 1));
    if (pod === undefined) throw new Error(`no pod ${label}`);
    return this.profiler.of(pod);
  }

  /** The source's class in column c. */
  classKey(facts: SourceFacts, c: number): string {
    const reach = this.reach[c] as ColumnReach;
    const unsure = reach.unsureResolvers.has(facts.resolverKey);
    const ingress = this.ingressKeys.id(
      unsure
        ? this.profiler.ingressKey(facts, 'all', 'all')
        : this.profiler.ingressKey(facts, reach.ingressPolicies, this.policiesKeys[c] as string),
    );
    return `${facts.profile}|${ingress}|${this.relation(facts, c)}`;
  }

  /** '' unless the source or its node is one the column's destination relates to. */
  relation(facts: SourceFacts, c: number): string {
    const reach = this.reach[c] as ColumnReach;
    if (reach.pods.has(facts.label)) return `pod ${facts.label}`;
    const node = facts.identity[5] ?? '';
    if (reach.nodes === 'all' || reach.nodes.has(node) || reach.unsureResolvers.has(facts.resolverKey))
      return `node ${node} ${facts.identity[10] ?? ''} ${facts.identity[11] ?? ''}`;
    return '';
  }

  template(facts: SourceFacts, c: number): CellTemplate {
    const key = this.classKey(facts, c);
    const map = this.templates[c] as Map<string, CellTemplate>;
    const found = map.get(key);
    if (found !== undefined) return found;
    this.stats.checks++;
    const cell = cellOf(this.check(this.snapshot, podQuery(facts.label, this.columns[c] as Column)));
    const made = templateOf(cell, facts);
    map.set(key, made);
    return made;
  }

  cell(facts: SourceFacts, c: number): MatrixCell {
    const template = this.template(facts, c);
    if (template.leader !== facts.label) this.stats.shared++;
    return new SharedCell(template, facts, this, c);
  }

  /** The trace `check` gives for this source and column. */
  trace(facts: SourceFacts, c: number): Trace | undefined {
    return cellOf(this.check(this.snapshot, podQuery(facts.label, this.columns[c] as Column))).trace;
  }
}
