/**
 * What the modelled CoreDNS plugins of a parsed Corefile mean (https://coredns.io/plugins/): `kubernetes`,
 * `hosts`, `rewrite name`, `forward`, `template` (simple forms). Every other plugin is listed in `unmodelled` so a
 * trace can say it was not taken into account; plugins that change no answer (errors, log, cache, health...) are
 * listed as `inert`. Plugin order inside a server block follows CoreDNS's plugin.cfg, not the Corefile order:
 * rewrite → template → hosts → kubernetes → forward.
 */
import { type Directive, parseCorefile, type ServerBlockSyntax } from './parse.js';

export type PodsMode = 'disabled' | 'insecure' | 'verified';

export interface KubernetesPlugin {
  /** Zones it is authoritative for, lower-case, no trailing dot (e.g. `cluster.local`, `in-addr.arpa`). */
  readonly zones: readonly string[];
  readonly pods: PodsMode;
  /** Zones for which a missing name passes on to the next plugin; `['.']`-like `[]` with `all` means every zone. */
  readonly fallthrough: FallthroughSpec;
  readonly line: number;
}

export type FallthroughSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'zones'; readonly zones: readonly string[] };

export interface HostsEntry {
  readonly address: string;
  readonly names: readonly string[];
}

export interface HostsPlugin {
  /** The hosts file named, when one is (`/etc/hosts` by default). */
  readonly file?: string;
  readonly inline: readonly HostsEntry[];
  readonly zones: readonly string[];
  readonly fallthrough: FallthroughSpec;
  readonly line: number;
}

export type RewriteMatch = 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';

export interface RewriteRule {
  readonly match: RewriteMatch;
  readonly from: string;
  readonly to: string;
  /** `answer auto` / `answer name`: the reply is rewritten back; informational only here. */
  readonly answerRewrite: boolean;
  /** `continue` or `stop` (default stop). */
  readonly continue: boolean;
  readonly line: number;
}

export interface ForwardPlugin {
  /** `.` or a zone, lower-case, no trailing dot (`.` stays `.`). */
  readonly from: string;
  /** Upstream addresses (`IP[:port]`, `dns://IP`, `tls://IP`) or `/etc/resolv.conf`. */
  readonly to: readonly string[];
  /** Domains listed by `except`. */
  readonly except: readonly string[];
  readonly line: number;
}

export interface TemplateRule {
  readonly qclass: string;
  readonly qtype: string;
  readonly zones: readonly string[];
  readonly match: readonly string[];
  /** Resource records with `{{ .Name }}`, `{{ .Zone }}`, `{{ .Type }}` already understood. */
  readonly answers: readonly string[];
  readonly rcode?: string;
  readonly fallthrough: FallthroughSpec;
  readonly line: number;
}

export interface ServerBlock {
  /** Zones, lower-case, no trailing dot; `.` is the root. */
  readonly zones: readonly string[];
  readonly port: number;
  readonly line: number;
  readonly kubernetes?: KubernetesPlugin;
  readonly hosts?: HostsPlugin;
  readonly rewrites: readonly RewriteRule[];
  readonly forward?: ForwardPlugin;
  readonly templates: readonly TemplateRule[];
  /** Plugins not modelled that may change answers, with their line. */
  readonly unmodelled: readonly { readonly name: string; readonly line: number }[];
  /** Problems reading a modelled plugin (bad regex, missing argument...). */
  readonly problems: readonly { readonly message: string; readonly line: number }[];
}

export interface Corefile {
  readonly servers: readonly ServerBlock[];
}

export type CorefileResult =
  | { readonly ok: true; readonly corefile: Corefile }
  | { readonly ok: false; readonly error: string; readonly line: number };

/** Plugins that never change which name maps to which address. */
const INERT = new Set([
  'errors',
  'log',
  'health',
  'ready',
  'prometheus',
  'cache',
  'loop',
  'reload',
  'loadbalance',
  'kubeapi',
  'k8s_event',
  'debug',
  'whoami',
  'bind',
  'bufsize',
  'pprof',
  'trace',
  'nsid',
  'cancel',
  'timeouts',
  'any',
  'minimal',
  'metadata',
  'dnstap',
  'tls',
]);

export function normaliseZone(zone: string): string {
  const lower = zone.toLowerCase().replace(/^dns:\/\//, '');
  if (lower === '.' || lower === '') return '.';
  return lower.replace(/\.$/, '');
}

function serverKey(key: string): { zone: string; port: number } {
  const withoutScheme = key.replace(/^dns:\/\//, '');
  const colon = withoutScheme.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(withoutScheme.slice(colon + 1))) {
    return {
      zone: normaliseZone(withoutScheme.slice(0, colon)),
      port: Number(withoutScheme.slice(colon + 1)),
    };
  }
  if (withoutScheme.startsWith(':') && /^\d+$/.test(withoutScheme.slice(1))) {
    return { zone: '.', port: Number(withoutScheme.slice(1)) };
  }
  return { zone: normaliseZone(withoutScheme), port: 53 };
}

function fallthroughOf(directives: readonly Directive[]): FallthroughSpec {
  const ft = directives.find((d) => d.name === 'fallthrough');
  if (ft === undefined) return { kind: 'none' };
  return { kind: 'zones', zones: ft.args.length === 0 ? ['.'] : ft.args.map(normaliseZone) };
}

function kubernetesOf(d: Directive, serverZones: readonly string[]): KubernetesPlugin {
  const podsArg = d.block.find((b) => b.name === 'pods')?.args[0]?.toLowerCase();
  const pods: PodsMode = podsArg === 'insecure' || podsArg === 'verified' ? podsArg : 'disabled';
  return {
    zones: d.args.length > 0 ? d.args.map(normaliseZone) : serverZones,
    pods,
    fallthrough: fallthroughOf(d.block),
    line: d.line,
  };
}

function hostsOf(d: Directive, serverZones: readonly string[]): HostsPlugin {
  const [first, ...rest] = d.args;
  const inline: HostsEntry[] = [];
  for (const entry of d.block) {
    if (['fallthrough', 'ttl', 'reload', 'no_reverse'].includes(entry.name)) continue;
    inline.push({ address: entry.name, names: entry.args.map((n) => normaliseZone(n)) });
  }
  const file = first?.startsWith('/') ? first : undefined;
  const explicitFile = file !== undefined;
  return {
    // With no file argument the hosts plugin reads /etc/hosts of the CoreDNS container.
    file: file ?? '/etc/hosts',
    inline,
    zones:
      (explicitFile ? rest : d.args).length > 0
        ? (explicitFile ? rest : d.args).map(normaliseZone)
        : serverZones,
    fallthrough: fallthroughOf(d.block),
    line: d.line,
  };
}

const REWRITE_MATCHES: readonly RewriteMatch[] = ['exact', 'prefix', 'suffix', 'substring', 'regex'];

function rewriteOf(d: Directive): RewriteRule | { message: string } | undefined {
  const args = [...d.args];
  let cont = false;
  if (args[0] === 'continue' || args[0] === 'stop') cont = args.shift() === 'continue';
  if (args[0] !== 'name') return undefined;
  args.shift();
  let match: RewriteMatch = 'exact';
  const maybe = args[0]?.toLowerCase();
  if (maybe !== undefined && (REWRITE_MATCHES as readonly string[]).includes(maybe) && args.length >= 3) {
    match = maybe as RewriteMatch;
    args.shift();
  }
  const [from, to, ...rest] = args;
  if (from === undefined || to === undefined) return { message: 'rewrite name needs FROM and TO' };
  if (match === 'regex') {
    try {
      new RegExp(from);
    } catch {
      return { message: `rewrite name regex ${from} is not a valid regular expression` };
    }
  }
  const answerRewrite = rest[0] === 'answer' || d.block.some((b) => b.name === 'answer');
  const lower = (s: string) => (match === 'regex' ? s : s.toLowerCase());
  return { match, from: lower(from), to: lower(to), answerRewrite, continue: cont, line: d.line };
}

function forwardOf(d: Directive): ForwardPlugin | { message: string } {
  const [from, ...to] = d.args;
  if (from === undefined || to.length === 0) return { message: 'forward needs FROM and at least one TO' };
  const except = d.block.find((b) => b.name === 'except')?.args.map(normaliseZone) ?? [];
  return { from: normaliseZone(from), to, except, line: d.line };
}

function templateOf(d: Directive, serverZones: readonly string[]): TemplateRule {
  const [qclass = 'ANY', qtype = 'ANY', ...zones] = d.args;
  const all = (name: string) => d.block.filter((b) => b.name === name).flatMap((b) => b.args);
  const rcode = d.block.find((b) => b.name === 'rcode')?.args[0]?.toUpperCase();
  return {
    qclass: qclass.toUpperCase(),
    qtype: qtype.toUpperCase(),
    zones: zones.length > 0 ? zones.map(normaliseZone) : serverZones,
    match: all('match'),
    answers: all('answer'),
    ...(rcode === undefined ? {} : { rcode }),
    fallthrough: fallthroughOf(d.block),
    line: d.line,
  };
}

function serverOf(syntax: ServerBlockSyntax): ServerBlock[] {
  // Keys with different ports make separate servers; the same port shares one.
  const byPort = new Map<number, string[]>();
  for (const key of syntax.keys) {
    const { zone, port } = serverKey(key);
    byPort.set(port, [...(byPort.get(port) ?? []), zone]);
  }
  return [...byPort.entries()].map(([port, zones]) => {
    let kubernetes: KubernetesPlugin | undefined;
    let hosts: HostsPlugin | undefined;
    let forward: ForwardPlugin | undefined;
    const rewrites: RewriteRule[] = [];
    const templates: TemplateRule[] = [];
    const unmodelled: { name: string; line: number }[] = [];
    const problems: { message: string; line: number }[] = [];
    for (const d of syntax.directives) {
      switch (d.name) {
        case 'kubernetes':
          kubernetes = kubernetesOf(d, zones);
          break;
        case 'hosts':
          hosts = hostsOf(d, zones);
          break;
        case 'forward': {
          const f = forwardOf(d);
          if ('message' in f) problems.push({ message: f.message, line: d.line });
          else forward = f;
          break;
        }
        case 'rewrite': {
          const r = rewriteOf(d);
          if (r === undefined) unmodelled.push({ name: `rewrite ${d.args.join(' ')}`, line: d.line });
          else if ('message' in r) problems.push({ message: r.message, line: d.line });
          else rewrites.push(r);
          break;
        }
        case 'template':
          templates.push(templateOf(d, zones));
          break;
        default:
          if (!INERT.has(d.name)) unmodelled.push({ name: d.name, line: d.line });
      }
    }
    return {
      zones,
      port,
      line: syntax.line,
      ...(kubernetes === undefined ? {} : { kubernetes }),
      ...(hosts === undefined ? {} : { hosts }),
      rewrites,
      ...(forward === undefined ? {} : { forward }),
      templates,
      unmodelled,
      problems,
    };
  });
}

export function readCorefile(text: string): CorefileResult {
  const parsed = parseCorefile(text);
  if (!parsed.ok) return parsed;
  return { ok: true, corefile: { servers: parsed.servers.flatMap(serverOf) } };
}

/** Whether `name` (no trailing dot) is `zone` or below it; `.` holds every name. */
export function inZone(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`);
}

/** The server block that serves `name` on port 53: the longest matching zone wins (CoreDNS zone selection). */
export function serverFor(
  corefile: Corefile,
  name: string,
): { server: ServerBlock; zone: string } | undefined {
  let best: { server: ServerBlock; zone: string } | undefined;
  for (const server of corefile.servers) {
    if (server.port !== 53) continue;
    for (const zone of server.zones) {
      if (!inZone(name, zone)) continue;
      if (best === undefined || zoneDepth(zone) > zoneDepth(best.zone)) best = { server, zone };
    }
  }
  return best;
}

function zoneDepth(zone: string): number {
  return zone === '.' ? 0 : zone.split('.').length;
}

export function fallsThrough(spec: FallthroughSpec, name: string): boolean {
  return spec.kind === 'zones' && spec.zones.some((z) => inZone(name, z));
}

/** Applies `rewrite name` rules in order; returns the rewritten name and the rules that fired. */
export function applyRewrites(
  rules: readonly RewriteRule[],
  name: string,
): { name: string; applied: readonly RewriteRule[] } {
  let current = name;
  const applied: RewriteRule[] = [];
  for (const r of rules) {
    const next = rewriteOnce(r, current);
    if (next === undefined) continue;
    current = next;
    applied.push(r);
    if (!r.continue) break;
  }
  return { name: current, applied };
}

function trimDot(s: string): string {
  return s.endsWith('.') && s !== '.' ? s.slice(0, -1) : s;
}

function rewriteOnce(r: RewriteRule, name: string): string | undefined {
  const from = r.match === 'regex' ? r.from : trimDot(r.from);
  const to = r.match === 'regex' ? r.to : trimDot(r.to);
  switch (r.match) {
    case 'exact':
      return name === from ? to : undefined;
    case 'prefix':
      return name.startsWith(from) ? to + name.slice(from.length) : undefined;
    case 'suffix':
      return name.endsWith(from) ? name.slice(0, name.length - from.length) + to : undefined;
    case 'substring':
      return name.includes(from) ? name.replace(from, to) : undefined;
    case 'regex': {
      // CoreDNS matches the regex against the FQDN with its trailing dot and substitutes {1}, {2}...
      const m = new RegExp(r.from).exec(`${name}.`);
      if (m === null) return undefined;
      const out = r.to.replace(/\{(\d+)\}/g, (_, n: string) => m[Number(n)] ?? '');
      return trimDot(out.toLowerCase());
    }
  }
}
