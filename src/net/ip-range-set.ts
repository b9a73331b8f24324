/**
 * An immutable set of IP addresses as sorted, disjoint, non-adjacent `[start, end]` bigint intervals, one list per
 * family so IPv4 and IPv6 never mix (shared/reference/ecosystem.md §4). It is the algebra behind ipBlock
 * (`cidr − ⋃except`), security group peers, SNAT sources and "what is needed minus what is allowed".
 */
import type { IpFamily } from '../model/protocol.js';
import { type Cidr, cidrBounds, familyBits, makeCidr, type ParsedIp, parseCidr, parseIp } from './ip.js';

/** Inclusive interval of addresses of one family. */
export type IpInterval = readonly [start: bigint, end: bigint];

type Intervals = readonly IpInterval[];

/** Sorts and merges overlapping or adjacent intervals. */
function normalise(intervals: readonly IpInterval[]): Intervals {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1] + 1n) {
      if (end > last[1]) last[1] = end;
    } else {
      out.push([start, end]);
    }
  }
  return out;
}

// Math.min/max do not take bigint.
function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  const out: IpInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as IpInterval;
    const y = b[j] as IpInterval;
    const start = maxBigint(x[0], y[0]);
    const end = minBigint(x[1], y[1]);
    if (start <= end) out.push([start, end]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  const out: IpInterval[] = [];
  let j = 0;
  for (const [aStart, aEnd] of a) {
    let start = aStart;
    // Skip subtrahends entirely before this interval; they cannot touch later ones either (both lists are sorted).
    while (j < b.length && (b[j] as IpInterval)[1] < start) j++;
    let k = j;
    while (k < b.length && start <= aEnd) {
      const [bStart, bEnd] = b[k] as IpInterval;
      if (bStart > aEnd) break;
      if (bStart > start) out.push([start, bStart - 1n]);
      if (bEnd + 1n > start) start = bEnd + 1n;
      k++;
    }
    if (start <= aEnd) out.push([start, aEnd]);
  }
  return out;
}

/** Minimal list of CIDRs exactly covering one interval. */
function intervalToCidrs(family: IpFamily, [start, end]: IpInterval): Cidr[] {
  const bits = familyBits(family);
  const out: Cidr[] = [];
  let cursor = start;
  while (cursor <= end) {
    // Largest aligned block starting at `cursor` that does not pass `end`.
    let hostBits = 0;
    while (hostBits < bits) {
      const size = 1n << BigInt(hostBits + 1);
      if (cursor % size !== 0n || cursor + size - 1n > end) break;
      hostBits++;
    }
    out.push(makeCidr(family, cursor, bits - hostBits));
    cursor += 1n << BigInt(hostBits);
  }
  return out;
}

export class IpRangeSet {
  private static readonly EMPTY = new IpRangeSet([], []);

  private constructor(
    private readonly v4: Intervals,
    private readonly v6: Intervals,
  ) {}

  static empty(): IpRangeSet {
    return IpRangeSet.EMPTY;
  }

  /** Every address of the family (`0.0.0.0/0` or `::/0`). */
  static all(family: IpFamily): IpRangeSet {
    return IpRangeSet.fromIntervals(family, [[0n, (1n << BigInt(familyBits(family))) - 1n]]);
  }

  static fromIntervals(family: IpFamily, intervals: readonly IpInterval[]): IpRangeSet {
    const limit = (1n << BigInt(familyBits(family))) - 1n;
    for (const [start, end] of intervals) {
      if (start < 0n || end > limit || start > end) throw new RangeError(`invalid IPv${family} interval`);
    }
    return family === 4 ? new IpRangeSet(normalise(intervals), []) : new IpRangeSet([], normalise(intervals));
  }

  /**
   * The union of the given CIDRs (bare IPs are /32 or /128). Text that does not parse is skipped: callers that must
   * report bad input use {@link IpRangeSet.parse}.
   */
  static fromCidrs(list: readonly (Cidr | string)[]): IpRangeSet {
    return IpRangeSet.parse(list).set;
  }

  /** Like {@link IpRangeSet.fromCidrs}, also returning the entries that did not parse, in input order. */
  static parse(list: readonly (Cidr | string)[]): {
    readonly set: IpRangeSet;
    readonly invalid: readonly string[];
  } {
    const v4: IpInterval[] = [];
    const v6: IpInterval[] = [];
    const invalid: string[] = [];
    for (const item of list) {
      const cidr = typeof item === 'string' ? parseCidr(item) : item;
      if (cidr === undefined) {
        invalid.push(item as string);
        continue;
      }
      (cidr.family === 4 ? v4 : v6).push(cidrBounds(cidr));
    }
    return { set: new IpRangeSet(normalise(v4), normalise(v6)), invalid };
  }

  /** The sorted disjoint intervals of one family. */
  intervals(family: IpFamily): readonly IpInterval[] {
    return family === 4 ? this.v4 : this.v6;
  }

  isEmpty(family?: IpFamily): boolean {
    if (family === 4) return this.v4.length === 0;
    if (family === 6) return this.v6.length === 0;
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Number of addresses (of one family, or both). */
  size(family?: IpFamily): bigint {
    const count = (list: Intervals) => list.reduce((acc, [start, end]) => acc + end - start + 1n, 0n);
    if (family === 4) return count(this.v4);
    if (family === 6) return count(this.v6);
    return count(this.v4) + count(this.v6);
  }

  union(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(normalise([...this.v4, ...other.v4]), normalise([...this.v6, ...other.v6]));
  }

  intersect(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(intersectIntervals(this.v4, other.v4), intersectIntervals(this.v6, other.v6));
  }

  subtract(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(subtractIntervals(this.v4, other.v4), subtractIntervals(this.v6, other.v6));
  }

  /** Whether the address is in the set; false for text that does not parse. */
  contains(ip: ParsedIp | string): boolean {
    const address = typeof ip === 'string' ? parseIp(ip) : ip;
    if (address === undefined) return false;
    const list = address.family === 4 ? this.v4 : this.v6;
    // Binary search for the last interval starting at or before the address.
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [start, end] = list[mid] as IpInterval;
      if (address.value < start) high = mid - 1;
      else if (address.value > end) low = mid + 1;
      else return true;
    }
    return false;
  }

  /** Whether every address of `other` is in this set. */
  containsSet(other: IpRangeSet): boolean {
    return other.subtract(this).isEmpty();
  }

  equals(other: IpRangeSet): boolean {
    const same = (a: Intervals, b: Intervals) =>
      a.length === b.length && a.every(([start, end], i) => start === b[i]?.[0] && end === b[i]?.[1]);
    return same(this.v4, other.v4) && same(this.v6, other.v6);
  }

  /** The minimal CIDR cover, IPv4 first, each family in address order. */
  toCidrs(): Cidr[] {
    return [
      ...this.v4.flatMap((interval) => intervalToCidrs(4, interval)),
      ...this.v6.flatMap((interval) => intervalToCidrs(6, interval)),
    ];
  }

  /** Comma-separated canonical CIDRs, `(none)` when empty. */
  toString(): string {
    const cidrs = this.toCidrs();
    return cidrs.length === 0 ? '(none)' : cidrs.map((cidr) => cidr.text).join(', ');
  }
}
