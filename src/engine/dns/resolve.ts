/**
 * One name through one nameserver, the way the pod's stub resolver asks: each search-list candidate in order
 * (expand.ts), A and AAAA for each (sent together, as glibc getaddrinfo(AF_UNSPEC) and Go's resolver do), stopping
 * at the first candidate that has an address or a CNAME. NXDOMAIN and NODATA move on to the next candidate (glibc
 * res_search). A CNAME is followed by the nameserver (CoreDNS and recursive resolvers return the whole chain).
 */
import type { RuleRef } from '../../model/index.js';
import { type AnswerContext, answerFrom, type Lookup } from './answer.js';
import type { Nameserver } from './resolv-conf.js';

export type RecordType = 'A' | 'AAAA';

export type QueryOutcome = 'answer' | 'cname' | 'nxdomain' | 'not-asked' | 'unknown';

export interface DnsQueryRecord {
  /** Fully qualified, with the trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  readonly outcome: QueryOutcome;
  /** For `answer` and `cname`: the addresses of this type (empty: NOERROR without records of the type). */
  readonly addresses?: readonly string[];
  readonly cname?: string;
  /** What decided the outcome, in words. */
  readonly by?: string;
}

export type ResolutionResult =
  | {
      readonly kind: 'answer';
      /** The candidate that answered, with the trailing dot. */
      readonly name: string;
      readonly addresses: readonly string[];
      readonly cnames: readonly string[];
      readonly rule: RuleRef;
      readonly live: boolean;
    }
  | {
      readonly kind: 'nxdomain';
      readonly cnames: readonly string[];
      readonly rule: RuleRef | null;
      readonly reason: string;
    }
  | {
      readonly kind: 'unknown';
      readonly name: string;
      readonly cnames: readonly string[];
      readonly reason: string;
      readonly collect: string;
    };

export interface Resolution {
  readonly queries: readonly DnsQueryRecord[];
  readonly result: ResolutionResult;
}

type Chased =
  | {
      kind: 'records';
      a: readonly string[];
      aaaa: readonly string[];
      cnames: string[];
      rule: RuleRef;
      live: boolean;
    }
  | { kind: 'nxdomain'; cnames: string[]; rule: RuleRef }
  | { kind: 'unknown'; cnames: string[]; reason: string; collect: string; name: string };

function chase(ctx: AnswerContext, ns: Nameserver, first: Lookup, name: string): Chased {
  const cnames: string[] = [];
  let lookup = first;
  let current = name;
  for (let depth = 0; depth < 16; depth++) {
    switch (lookup.kind) {
      case 'records':
        return {
          kind: 'records',
          a: lookup.a,
          aaaa: lookup.aaaa,
          cnames,
          rule: lookup.rule,
          live: lookup.live === true,
        };
      case 'nxdomain':
        return { kind: 'nxdomain', cnames, rule: lookup.rule };
      case 'unknown':
        return { kind: 'unknown', cnames, reason: lookup.reason, collect: lookup.collect, name: current };
      case 'cname':
        if (cnames.includes(lookup.target) || lookup.target === name) {
          return {
            kind: 'unknown',
            cnames,
            reason: `CNAME loop at ${lookup.target}`,
            collect: 'fix the CNAME chain',
            name: current,
          };
        }
        cnames.push(lookup.target);
        current = lookup.target;
        lookup = answerFrom(ctx, ns, current);
    }
  }
  return {
    kind: 'unknown',
    cnames,
    reason: 'CNAME chain longer than 16',
    collect: 'fix the CNAME chain',
    name: current,
  };
}

export function resolveCandidates(
  ctx: AnswerContext,
  nameserver: Nameserver,
  candidates: readonly string[],
  types: readonly RecordType[],
): Resolution {
  const queries: DnsQueryRecord[] = [];
  let result: ResolutionResult | undefined;
  let last: { rule: RuleRef; reason: string } | undefined;
  for (const fqdn of candidates) {
    if (result !== undefined) {
      for (const type of types) queries.push({ name: fqdn, type, outcome: 'not-asked' });
      continue;
    }
    const name = fqdn.replace(/\.$/, '');
    const lookup = answerFrom(ctx, nameserver, name);
    const chased = chase(ctx, nameserver, lookup, name);
    const by = lookup.kind === 'unknown' ? lookup.reason : lookup.rule.description;
    if (chased.kind === 'records') {
      const cname = lookup.kind === 'cname' ? lookup.target : undefined;
      for (const type of types) {
        queries.push({
          name: fqdn,
          type,
          outcome: cname === undefined ? 'answer' : 'cname',
          addresses: type === 'A' ? chased.a : chased.aaaa,
          ...(cname === undefined ? {} : { cname: `${cname}.` }),
          by,
        });
      }
      const addresses = [
        ...(types.includes('A') ? chased.a : []),
        ...(types.includes('AAAA') ? chased.aaaa : []),
      ];
      if (addresses.length > 0 || cname !== undefined) {
        result = {
          kind: 'answer',
          name: fqdn,
          addresses,
          cnames: chased.cnames,
          rule: chased.rule,
          live: chased.live,
        };
      } else {
        last = { rule: chased.rule, reason: `${fqdn} exists but has no ${types.join('/')} record (NODATA)` };
      }
      continue;
    }
    if (chased.kind === 'nxdomain') {
      for (const type of types) {
        queries.push({
          name: fqdn,
          type,
          outcome: lookup.kind === 'cname' ? 'cname' : 'nxdomain',
          ...(lookup.kind === 'cname' ? { cname: `${lookup.target}.`, addresses: [] } : {}),
          by,
        });
      }
      if (chased.cnames.length > 0) {
        result = {
          kind: 'nxdomain',
          cnames: chased.cnames,
          rule: chased.rule,
          reason: `${fqdn} is a CNAME to ${chased.cnames.join(' → ')}, which does not exist (NXDOMAIN)`,
        };
      } else {
        last = { rule: chased.rule, reason: `${fqdn}: NXDOMAIN (${chased.rule.description})` };
      }
      continue;
    }
    for (const type of types) queries.push({ name: fqdn, type, outcome: 'unknown', by });
    result = {
      kind: 'unknown',
      name: chased.name,
      cnames: chased.cnames,
      reason: chased.reason,
      collect: chased.collect,
    };
  }
  return {
    queries,
    result: result ?? {
      kind: 'nxdomain',
      cnames: [],
      rule: last?.rule ?? null,
      reason: last === undefined ? 'no name was asked' : `every candidate failed; last: ${last.reason}`,
    },
  };
}
