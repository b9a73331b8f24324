#!/usr/bin/env node
// `npm run demo`: podreach on the bundled example clusters. It runs `inspect`, then one `check` per point of the
// seed page (shared/seed/ack-pod-external-access.en.md), each under a heading that says what it shows. The queries
// come from the examples' hand-written expectations.yaml (picked by the words of their names), so the demo follows
// the examples when they change. A blocked check is the point, not a failure: the demo fails only when podreach
// crashes or refuses its input (exit code 2).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));

let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('demo: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(1);
}
const { run } = cli;
const { captureIo, nodeIo } = await import('../dist/cli/io.js');
const { colorEnabled, palette } = await import('../dist/render/colors.js');

// The demo's snapshots sit beside their expectations.yaml, which the loader reports once as a warning; `inspect`
// shows it, so the one-line reminder that `check` prints about it is left out here.
const realIo = nodeIo();
const io = {
  ...realIo,
  stderr: (text) => {
    if (!/^podreach: \d+ warnings? while loading /.test(text)) realIo.stderr(text);
  },
};
const c = palette(colorEnabled(process.env, process.stdout.isTTY === true));
const VERDICT_BY_EXIT = { 0: 'reachable', 1: 'blocked or unresolved', 2: 'bad input', 3: 'unknown' };

/** Each point: the example, what it demonstrates, and words that pick its query from expectations.yaml. */
const TOUR = [
  {
    example: 'terway-dualstack',
    points: [
      [
        'NAT gateway, Terway: an SNAT entry covers the pod vSwitch, so the pod is seen as the NAT EIPs',
        /covered pod vSwitch/i,
      ],
      [
        'NAT gateway, Terway: a newly added pod vSwitch has no SNAT entry, so the Internet is blocked',
        /no SNAT entry/i,
      ],
      ['A whole Deployment at once: its pods are grouped by outcome', /whole Deployment/i],
      ['EIP bound to the pod (Terway): the pod leaves as its own EIP, not through SNAT', /own EIP/i],
      [
        'Dual stack: a pod IPv6 address with public bandwidth reaches the IPv6 Internet',
        /IPv6 with public bandwidth/i,
      ],
      ['Dual stack: without IPv6 public bandwidth (the default) it cannot', /IPv6 without public bandwidth/i],
      ['Security group: a higher-priority Drop rule beats Accept-all', /higher-priority Drop/i],
      [
        'NetworkPolicy: a default-deny egress namespace blocks the Internet',
        /default-deny egress namespace: Internet/i,
      ],
      [
        'RDS whitelist, Terway: the pod is seen with its own IP, which a node-IP whitelist does not hold',
        /RDS whitelist holds node IPs/i,
      ],
      [
        'ack-kubernetes-webhook-injector: an annotated pod counts as whitelisted (stated as an assumption)',
        /webhook-injector/i,
      ],
      ['ECS security group: admits the zone-j pod vSwitch...', /ECS security group admits/i],
      ['...and not the zone-k one: the fix names the address to add', /ECS security group does not admit/i],
      [
        "The cluster's own LoadBalancer IP is short-circuited inside the cluster (Terway >= 1.2, in_cluster_loadbalance)",
        /short-circuited/i,
      ],
    ],
  },
  {
    example: 'flannel-ipv4',
    points: [
      [
        'NAT gateway, Flannel: the SNAT entry must cover the node, and the pod is seen as the NAT EIP',
        /node vSwitch SNAT/i,
      ],
      ['EIP bound to the node (Flannel): pods on that node leave as the node EIP', /node with an EIP/i],
      ['EIP bound to the pod (Flannel): the annotation is not honoured', /not honoured/i],
      [
        'RDS whitelist, Flannel: RDS sees the node IP; a newer node missing from the whitelist is blocked',
        /misses the newer node/i,
      ],
      ['IPv4 single stack: a pod never reaches an IPv6-only name', /IPv4-only cluster cannot reach an AAAA/i],
    ],
  },
  // The cluster's own CLB IPs (docs/services.md): three clusters that differ only in what decides the short-circuit.
  {
    example: 'terway-ipvlan-legacy',
    points: [
      [
        'Terway IPvlan v1.1.0: no short-circuit, the pod reaches the CLB, whose only backend is its own ECS (Layer-4 hairpin)',
        /hairpin: a pod on the CLB's only backend node/i,
      ],
      [
        '...from a node that is no backend, the CLB forwards to the NodePort and the pod',
        /from a node that is no backend/i,
      ],
      ["The CLB's ACL (a whitelist without the zone-k pod vSwitch) blocks the pod IP", /ACL block/i],
      ['The documented fix: the Service name', /documented fix/i],
    ],
  },
  {
    example: 'terway-no-in-cluster-lb',
    points: [
      [
        'Terway v1.9.3 in a cluster created before v1.2.0 (no in_cluster_loadbalance): still no short-circuit',
        /hairpin: a pod on the CLB's only backend node/i,
      ],
    ],
  },
  {
    example: 'terway-in-cluster-lb',
    points: [
      [
        'in_cluster_loadbalance "true": short-circuited; externalTrafficPolicy Local works on the endpoint node...',
        /client on the endpoint's node/i,
      ],
      ['...and fails from a node without a local endpoint (ACK FAQ)', /without a local endpoint/i],
    ],
  },
];

/**
 * One proven fix of each kind the examples can produce (docs/fixes.md): the queries whose blockers carry them, picked
 * from the examples' expectations.yaml by the words of their names. Every fix kind of docs/fixes.md is either here
 * or in NOT_IN_EXAMPLES with the reason; src/remedy/coverage.test.ts proves those on the test fixtures.
 */
const FIX_TOUR = [
  ['terway-dualstack', /no SNAT entry: Internet broken/i],
  ['terway-dualstack', /third-party allow-list rejects the pod EIP/i],
  ['terway-dualstack', /default-deny egress namespace: Internet/i],
  ['terway-dualstack', /higher-priority Drop/i],
  ['terway-dualstack', /IPv6 without public bandwidth/i],
  ['terway-dualstack', /ECS security group does not admit/i],
  ['terway-dualstack', /RDS whitelist holds node IPs/i],
  ['terway-dualstack', /behind default-deny ingress/i],
  ['terway-dualstack', /Service name in the wrong namespace/i],
  ['terway-dualstack', /forced to IPv4 towards an AAAA-only name/i],
  ['flannel-ipv4', /IPv4-only cluster cannot reach an IPv6 address/i],
  ['terway-ipvlan-legacy', /ACL block/i],
  ['terway-ipvlan-legacy', /hairpin: a pod on the CLB's only backend node/i],
  ['terway-ipvlan-legacy', /no listener on 8080/i],
  ['terway-ipvlan-legacy', /Service has no port 8080/i],
  ['terway-no-in-cluster-lb', /hairpin: a pod on the CLB's only backend node/i],
  ['terway-in-cluster-lb', /without a local endpoint/i],
];

/** Fix kinds no example holds a case for (the examples' data is the seed page's; only queries may be added). */
const NOT_IN_EXAMPLES = [
  ['security-group-ingress-revoke', 'no example security group has an ingress Drop rule'],
  ['network-acl-egress-accept, network-acl-ingress-accept', 'no example has a network ACL'],
  ['route-nat-gateway, route-ipv6-gateway', "every example vSwitch's route table has its default routes"],
  ['snat-entry-snat-ip', 'every example SNAT entry has its SnatIp'],
  ['slb-listener', 'every LoadBalancer Service port of the examples has its CLB listener'],
  ['service-internal-traffic-policy-cluster', 'no example Service has internalTrafficPolicy Local'],
  ['terway-host-stack-cidrs', 'no example pod depends on NodeLocal DNSCache alone without host_stack_cidrs'],
];

function heading(text) {
  io.stdout(`\n${c.bold(c.cyan(`━━ ${text}`))}\n`);
}

function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

let failures = 0;

/** The traces of a `check -o json` answer: one, or one per group of a workload. */
function tracesOf(json) {
  return Array.isArray(json.groups) ? json.groups.map((g) => g.trace) : [json];
}

/** Runs each FIX_TOUR query as JSON and prints the first fix of each kind not shown yet: one of each kind. */
async function fixTour() {
  heading(
    'Fixes: one of each kind the examples produce, each proven by tracing the query again with it applied',
  );
  const shown = new Set();
  for (const [example, words] of FIX_TOUR) {
    const snapshot = `examples/${example}`;
    const entries = parse(readFileSync(`${root}${snapshot}/expectations.yaml`, 'utf8'));
    const entry = entries.find((candidate) => words.test(String(candidate.name)));
    if (entry === undefined) {
      io.stdout(c.yellow(`(no query in ${snapshot}/expectations.yaml matches ${words}; skipped)\n`));
      continue;
    }
    const argv = [...argvFor(snapshot, entry), '--output', 'json'];
    const captured = captureIo();
    const code = await run(argv, captured);
    if (code === 2) {
      failures += 1;
      io.stdout(c.red(`podreach ${argv.join(' ')} was refused: ${captured.err()}\n`));
      continue;
    }
    const fixes = tracesOf(JSON.parse(captured.out()))
      .flatMap((t) => t.blockers)
      .flatMap((b) => b.fixes)
      .filter((f) => !shown.has(f.kind));
    for (const fix of fixes) {
      if (shown.has(fix.kind)) continue;
      shown.add(fix.kind);
      io.stdout(`\n${c.bold(c.cyan(fix.kind))}  ${c.dim(`${example}: ${entry.name}`)}\n`);
      io.stdout(`${c.dim('$')} ${['podreach', ...argv].map(shellQuote).join(' ')}\n`);
      io.stdout(`  ${fix.summary}\n`);
      for (const command of fix.commands) io.stdout(`  ${c.dim('$')} ${command}\n`);
      for (const manifest of fix.manifests) io.stdout(`${manifest.replace(/^/gm, '    ')}\n`);
      const proof = fix.proof;
      io.stdout(
        `  ${c.green('proof')}: traced again with the fix: ${proof?.verdict ?? 'not proven'}${
          proof?.sourceAddressSeen ? ` as ${proof.sourceAddressSeen}` : ''
        }\n`,
      );
    }
  }
  io.stdout(
    `\n${c.bold(`${shown.size} fix kinds shown.`)} Not in the examples (proven on the test fixtures, src/remedy/coverage.test.ts):\n`,
  );
  for (const [kinds, why] of NOT_IN_EXAMPLES) io.stdout(`  ${kinds}: ${why}\n`);
}

async function podreach(argv) {
  io.stdout(`${c.dim('$')} ${c.bold(['podreach', ...argv].map(shellQuote).join(' '))}\n\n`);
  const code = await run(argv, io);
  const meaning = argv[0] === 'check' ? VERDICT_BY_EXIT[code] : code === 0 ? 'ok' : VERDICT_BY_EXIT[code];
  io.stdout(c.dim(`\n(exit ${code}: ${meaning ?? 'unexpected'})\n`));
  if (code === 2 || VERDICT_BY_EXIT[code] === undefined) failures += 1;
}

function argvFor(snapshot, entry) {
  const argv = ['check', '--snapshot', snapshot, String(entry.from), String(entry.to)];
  if (entry.port !== undefined && entry.port !== null) argv.push('--port', String(entry.port));
  if (entry.protocol !== undefined && entry.protocol !== 'tcp')
    argv.push('--protocol', String(entry.protocol));
  if (entry.family !== undefined && entry.family !== null) argv.push('--family', String(entry.family));
  return argv;
}

try {
  for (const { example, points } of TOUR) {
    const snapshot = `examples/${example}`;
    const entries = parse(readFileSync(`${root}${snapshot}/expectations.yaml`, 'utf8'));
    heading(`${example}: what the snapshot holds`);
    await podreach(['inspect', '--snapshot', snapshot]);
    for (const [title, words] of points) {
      heading(title);
      const entry = entries.find((candidate) => words.test(String(candidate.name)));
      if (entry === undefined) {
        io.stdout(c.yellow(`(no query in ${snapshot}/expectations.yaml matches ${words}; skipped)\n`));
        continue;
      }
      io.stdout(c.dim(`${entry.name} — expected: ${entry.expect}\n`));
      await podreach(argvFor(snapshot, entry));
    }
  }
  await fixTour();
  // Fixes are proven (docs/fixes.md, docs/whatif.md): the SNAT fix `check` proposed above, applied in memory.
  heading('Fixes are proven: the SNAT entry check proposed, applied with whatif, before and after');
  const change = 'docs/whatif-examples/snat-for-new-vswitch.yaml';
  const whatif = ['whatif', '--snapshot', 'examples/terway-dualstack', '--change', change];
  await podreach([...whatif, 'shop/checkout-5b8c7d9f4-c3v4b', 'api.github.com', '--port', '443']);
  heading('...and what the same change newly allows across a list of queries');
  await podreach([...whatif, '--all', 'docs/whatif-examples/queries.yaml']);
  heading('A what-if that adds a Service port and the CLB listener CCM makes for it');
  await podreach([
    'whatif',
    '--snapshot',
    'examples/terway-ipvlan-legacy',
    '--change',
    'docs/whatif-examples/clb-port-8080.yaml',
    'shop/web-7d9c8b6f5-kp8z6',
    '10.1.1.200',
    '--port',
    '8080',
  ]);
} catch (error) {
  process.stderr.write(`demo: crashed: ${error?.stack ?? error}\n`);
  process.exit(1);
}

if (failures > 0) {
  process.stderr.write(`demo: ${failures} command(s) were refused as bad input (exit 2); see above\n`);
  process.exit(1);
}
io.stdout(
  `\n${c.green('demo done.')} Try your own: podreach check --snapshot examples/terway-dualstack NAMESPACE/POD DESTINATION --port N\n`,
);
