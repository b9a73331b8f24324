import { z } from 'zod';
import { formatOrigin } from '../../model/origin.js';
import type { DnsRecordSet, PrivateZone, ThirdPartyAllowList } from '../../model/world.js';
import type { Adapter } from '../adapter.js';
import { isCidr, isIpAddress, isIpv6 } from '../kubernetes/ip-text.js';
import { problemAt, problemAtOrigin, validate } from '../kubernetes/problems.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';

const recordSchema = z.looseObject({
  a: z.array(z.string()).nullish(),
  aaaa: z.array(z.string()).nullish(),
  cname: z.string().nullish(),
  nxdomain: z.boolean().nullish(),
});

const allowListSchema = z.looseObject({
  name: z.string().min(1),
  addresses: z.array(z.string()),
  ports: z.array(z.number().int().min(1).max(65535)).nullish(),
  protocol: z.enum(['tcp', 'udp', 'sctp', 'icmp']).nullish(),
  allowedSources: z.array(z.string()),
});

const privateZoneSchema = z.looseObject({
  zone: z.string().min(1),
  vpcs: z.array(z.string()),
  records: z.record(z.string(), recordSchema).nullish(),
});

const schema = z.looseObject({
  dns: z.record(z.string(), recordSchema).nullish(),
  allowLists: z.array(allowListSchema).nullish(),
  privateZones: z.array(privateZoneSchema).nullish(),
});

type Path = readonly (string | number)[];
const HINT = 'fix world.yaml (format: docs/snapshot.md)';

/** Names as resolvers compare them: lower-case, without the root's trailing dot. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function isWorld(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return apiVersion === 'podreach/v1' && kind === 'World';
}

/** `world.yaml` (apiVersion podreach/v1, kind World): DNS answers and third-party allow-lists. */
export const worldAdapter: Adapter = {
  name: 'world',
  recognise: (doc) => (isWorld(doc.value) ? 'podreach World' : undefined),
  load(doc, builder) {
    const raw = validate(schema, doc, builder.problems, 'World');
    if (!raw) return;
    for (const [name, record] of Object.entries(raw.dns ?? {})) {
      const set = readRecord(doc, ['dns', name], name, record, builder.problems);
      if (set) builder.world.dns.push(set);
    }
    (raw.allowLists ?? []).forEach((list, i) => {
      const read = readAllowList(doc, ['allowLists', i], list, builder.problems);
      if (read) builder.world.allowLists.push(read);
    });
    (raw.privateZones ?? []).forEach((zone, i) => {
      const read = readPrivateZone(doc, ['privateZones', i], zone, builder.problems);
      if (read) builder.world.privateZones = [...(builder.world.privateZones ?? []), read];
    });
  },
  finish(builder) {
    const seen = new Map<string, DnsRecordSet>();
    const kept: DnsRecordSet[] = [];
    for (const set of builder.world.dns) {
      const earlier = seen.get(set.name);
      if (earlier === undefined) {
        seen.set(set.name, set);
        kept.push(set);
        continue;
      }
      builder.problems.push(
        problemAtOrigin(set.origin, {
          severity: 'warning',
          message: `DNS name ${set.name} is declared twice; this entry was ignored, the first is at ${formatOrigin(earlier.origin)}`,
          expected: 'each name once (names are compared lower-case, without a trailing dot)',
          hint: HINT,
        }),
      );
    }
    builder.world.dns.splice(0, builder.world.dns.length, ...kept);
  },
};

function isDnsName(name: string): boolean {
  return /^[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name);
}

/** A PrivateZone zone: a valid zone name, its records all inside it (a zone holds only its own names). */
function readPrivateZone(
  doc: RawDocument,
  path: Path,
  raw: z.infer<typeof privateZoneSchema>,
  problems: LoadProblem[],
): PrivateZone | undefined {
  const zone = normaliseName(raw.zone);
  let valid = true;
  if (!isDnsName(zone) || zone.includes('*')) {
    problems.push(
      problemAt(doc, [...path, 'zone'], {
        message: `"${raw.zone}" is not a valid zone name`,
        expected: 'a zone such as corp.internal',
        hint: HINT,
      }),
    );
    valid = false;
  }
  const records: DnsRecordSet[] = [];
  for (const [rawName, record] of Object.entries(raw.records ?? {})) {
    const at: Path = [...path, 'records', rawName];
    const name = normaliseName(rawName);
    if (valid && name !== zone && !name.endsWith(`.${zone}`)) {
      problems.push(
        problemAt(doc, at, {
          message: `${name} is not inside the zone ${zone}`,
          expected: `a name ending in .${zone} (a PrivateZone answers only its own names)`,
          hint: HINT,
        }),
      );
      valid = false;
      continue;
    }
    const set = readRecord(doc, at, rawName, record, problems);
    if (set) records.push(set);
    else valid = false;
  }
  if (!valid) return undefined;
  return { zone, vpcs: raw.vpcs.map((v) => v.trim()), records, origin: doc.locate(path) };
}

function readRecord(
  doc: RawDocument,
  path: Path,
  rawName: string,
  record: z.infer<typeof recordSchema>,
  problems: LoadProblem[],
): DnsRecordSet | undefined {
  const name = normaliseName(rawName);
  let valid = true;
  const bad = (at: Path, message: string, expected: string) => {
    problems.push(problemAt(doc, at, { message, expected, hint: HINT }));
    valid = false;
  };
  if (!isDnsName(name)) {
    bad(path, `"${rawName}" is not a valid DNS name`, 'a name such as api.github.com');
  }
  (record.a ?? []).forEach((ip, i) => {
    if (!isIpAddress(ip) || isIpv6(ip))
      bad([...path, 'a', i], `"${ip}" is not an IPv4 address`, 'an IPv4 address such as 203.0.113.5');
  });
  (record.aaaa ?? []).forEach((ip, i) => {
    if (!isIpAddress(ip) || !isIpv6(ip))
      bad([...path, 'aaaa', i], `"${ip}" is not an IPv6 address`, 'an IPv6 address such as 2001:db8::10');
  });
  const cname = record.cname == null ? undefined : normaliseName(record.cname);
  const nxdomain = record.nxdomain ?? false;
  const answers = (record.a?.length ?? 0) + (record.aaaa?.length ?? 0) + (cname === undefined ? 0 : 1);
  if (nxdomain && answers > 0)
    bad(path, `${name} is NXDOMAIN and also has answers`, 'either nxdomain: true or answers');
  if (cname !== undefined && (record.a?.length ?? 0) + (record.aaaa?.length ?? 0) > 0) {
    bad(path, `${name} has a cname and addresses`, 'a cname alone (a CNAME excludes other records)');
  }
  if (!nxdomain && answers === 0) bad(path, `${name} has no answer`, 'a, aaaa, cname or nxdomain: true');
  if (!valid) return undefined;
  return {
    name,
    a: record.a ?? [],
    aaaa: record.aaaa ?? [],
    ...(cname === undefined ? {} : { cname }),
    nxdomain,
    origin: doc.locate(path),
  };
}

function readAllowList(
  doc: RawDocument,
  path: Path,
  list: z.infer<typeof allowListSchema>,
  problems: LoadProblem[],
): ThirdPartyAllowList | undefined {
  let valid = true;
  list.addresses.forEach((address, i) => {
    // Addresses may be IPs, CIDRs or names (names are resolved through the dns section).
    const looksLikeIp = /^[0-9.]+(\/\d+)?$/.test(address) || address.includes(':');
    if (looksLikeIp && !isIpAddress(address) && !isCidr(address)) {
      problems.push(
        problemAt(doc, [...path, 'addresses', i], {
          message: `"${address}" is not a valid IP address or CIDR`,
          expected: 'an IP address, a CIDR or a DNS name',
          hint: HINT,
        }),
      );
      valid = false;
    }
  });
  list.allowedSources.forEach((source, i) => {
    if (!isIpAddress(source) && !isCidr(source)) {
      problems.push(
        problemAt(doc, [...path, 'allowedSources', i], {
          message: `"${source}" is not a valid IP address or CIDR`,
          expected: 'an IP address or a CIDR such as 47.98.1.10/32',
          hint: HINT,
        }),
      );
      valid = false;
    }
  });
  if (!valid) return undefined;
  return {
    name: list.name,
    addresses: list.addresses.map((a) => (isIpAddress(a) || isCidr(a) ? a : normaliseName(a))),
    ports: list.ports ?? [],
    protocol: list.protocol ?? 'tcp',
    allowedSources: list.allowedSources,
    origin: doc.locate(path),
  };
}
