/**
 * Connectivity expectations as code: the format of examples/*\/expectations.yaml — a YAML list of `from`, `to`,
 * `port`, `protocol`, `family`, `expect` (reachable|blocked|unresolved|unknown), optional `sourceAddress` (one
 * address, or a list when a SNAT entry picks one of several: then all must be reported), `blockedAt` (a hop kind),
 * `name` and `why`. Every entry is checked by the engine; a workload source must hold for every pod group.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { formatDestination, formatSource } from '../engine/check.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import { HOP_KINDS, type Trace, type Verdict } from '../model/trace.js';
import { parseQuery, type QueryInput } from '../query/parse-query.js';
import type { CheckFn } from './matrix.js';

export interface Expectation {
  readonly index: number;
  readonly line: number;
  readonly name: string;
  readonly query: Query;
  readonly expect: Verdict;
  /** Every address the destination may see; one for a plain address. */
  readonly sourceAddress?: readonly string[];
  readonly blockedAt?: string;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  readonly passed: boolean;
  /** What was observed, one phrase per pod group: `reachable as 47.98.210.15`, `blocked at internet-exit`. */
  readonly observed: string;
  /** Why it failed, empty when it passed. */
  readonly failures: readonly string[];
}

const VERDICTS: readonly Verdict[] = ['reachable', 'blocked', 'unresolved', 'unknown'];
const KEYS = new Set([
  'name',
  'from',
  'to',
  'port',
  'protocol',
  'family',
  'expect',
  'sourceAddress',
  'blockedAt',
  'why',
]);

export type ExpectationParse =
  | { readonly ok: true; readonly expectations: readonly Expectation[] }
  | { readonly ok: false; readonly errors: readonly string[] };

function entryError(file: string, line: number, index: number, message: string): string {
  return `${file}:${line}: entry [${index}]: ${message}`;
}

function addressList(value: unknown): readonly string[] | string {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== ''))
    return value as string[];
  return '"sourceAddress" must be an address or a non-empty list of addresses';
}

/**
 * `expectRequired: false` reads a plain query list (`diff --queries`, `check --batch` files, or expectations whose
 * `expect` is ignored): entries without `expect` get `reachable`.
 */
export function parseExpectations(
  file: string,
  text: string,
  options: { readonly expectRequired?: boolean } = {},
): ExpectationParse {
  const expectRequired = options.expectRequired ?? true;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map(
        (e) => `${file}:${lineOf(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0] ?? ''}`,
      ),
    };
  }
  const root = document.contents;
  if (!isSeq(root)) {
    return {
      ok: false,
      errors: [
        `${file}:${lineOf(root?.range?.[0])}: expected a list of expectations (- { from, to, port, expect })`,
      ],
    };
  }
  const expectations: Expectation[] = [];
  const errors: string[] = [];
  const fail = (message: string): string => message;
  const readEntry = (item: unknown, index: number, line: number): string | undefined => {
    if (!isMap(item)) return fail('expected a map with from, to, port, expect');
    const value = item.toJSON() as Record<string, unknown>;
    const unknownKeys = Object.keys(value).filter((k) => !KEYS.has(k));
    if (unknownKeys.length > 0) {
      return fail(
        `unknown key${unknownKeys.length === 1 ? '' : 's'} ${unknownKeys.map((k) => `"${k}"`).join(', ')} (expected ${[...KEYS].join(', ')})`,
      );
    }
    const parsed = parseQuery(
      {
        from: value.from,
        to: value.to,
        port: value.port,
        protocol: value.protocol,
        family: value.family,
      } as QueryInput,
      'batch',
    );
    if (!parsed.ok) return fail(parsed.error);
    const expect = VERDICTS.find((v) => v === (value.expect ?? (expectRequired ? undefined : 'reachable')));
    if (expect === undefined) return fail(`"expect" must be one of ${VERDICTS.join(', ')}`);
    let sourceAddress: readonly string[] | undefined;
    if (value.sourceAddress !== undefined) {
      const list = addressList(value.sourceAddress);
      if (typeof list === 'string') return fail(list);
      sourceAddress = list;
    }
    const blockedAt = value.blockedAt;
    if (blockedAt !== undefined && !HOP_KINDS.some((k) => k === blockedAt)) {
      return fail(`"blockedAt" must be a hop kind: ${HOP_KINDS.join(', ')}`);
    }
    if (value.name !== undefined && typeof value.name !== 'string') return fail('"name" must be text');
    const name =
      typeof value.name === 'string' && value.name !== ''
        ? value.name
        : `${formatSource(parsed.value.from)} → ${formatDestination(parsed.value.to)}`;
    expectations.push({
      index,
      line,
      name,
      query: parsed.value,
      expect,
      ...(sourceAddress === undefined ? {} : { sourceAddress }),
      ...(typeof blockedAt === 'string' ? { blockedAt } : {}),
    });
  };
  root.items.forEach((item, index) => {
    const line = lineOf((item as { range?: [number, number, number] } | null)?.range?.[0]);
    const error = readEntry(item, index, line);
    if (error !== undefined) errors.push(entryError(file, line, index, error));
  });
  return errors.length === 0 ? { ok: true, expectations } : { ok: false, errors };
}

function describe(trace: Trace): string {
  if (trace.verdict === 'reachable') {
    const as =
      trace.sourceAddressCandidates.length > 1
        ? trace.sourceAddressCandidates.join(' or ')
        : trace.sourceAddressSeen;
    return as === null ? 'reachable' : `reachable as ${as}`;
  }
  return trace.blockedAt === null ? trace.verdict : `${trace.verdict} at ${trace.blockedAt.kind}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Failures of one trace against the expectation (empty when it holds). */
export function judge(expectation: Expectation, trace: Trace): string[] {
  const failures: string[] = [];
  if (trace.verdict !== expectation.expect)
    failures.push(`expected ${expectation.expect}, got ${trace.verdict}`);
  if (expectation.blockedAt !== undefined && trace.blockedAt?.kind !== expectation.blockedAt) {
    failures.push(
      `expected blocked at ${expectation.blockedAt}, got ${trace.blockedAt?.kind ?? 'no blocking hop'}`,
    );
  }
  const wanted = expectation.sourceAddress;
  if (wanted !== undefined) {
    const seen = trace.sourceAddressSeen;
    if (!sameSet(trace.sourceAddressCandidates, wanted) || seen === null || !wanted.includes(seen)) {
      failures.push(
        `expected source address ${wanted.join(' or ')}, got ${trace.sourceAddressCandidates.length > 0 ? trace.sourceAddressCandidates.join(' or ') : 'none'}`,
      );
    }
  }
  return failures;
}

export function runExpectations(
  snapshot: Snapshot,
  check: CheckFn,
  expectations: readonly Expectation[],
): ExpectationResult[] {
  return expectations.map((expectation) => {
    const result = check(snapshot, expectation.query);
    if (!result.ok) {
      const hint = result.error.hint === undefined ? '' : ` — ${result.error.hint}`;
      return {
        expectation,
        passed: false,
        observed: 'not checked',
        failures: [`cannot be checked: ${result.error.message}${hint}`],
      };
    }
    const groups =
      'trace' in result
        ? [{ pods: [] as readonly string[], trace: result.trace }]
        : result.workload.groups.map((g) => ({ pods: g.pods, trace: g.trace }));
    const failures: string[] = [];
    const observed: string[] = [];
    for (const group of groups) {
      const who = groups.length > 1 ? `${group.pods.join(', ')}: ` : '';
      observed.push(`${who}${describe(group.trace)}`);
      for (const f of judge(expectation, group.trace)) failures.push(`${who}${f}`);
    }
    return { expectation, passed: failures.length === 0, observed: observed.join('; '), failures };
  });
}

export function summaryLine(results: readonly ExpectationResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  return `${passed} passed, ${results.length - passed} failed`;
}
