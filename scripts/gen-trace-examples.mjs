#!/usr/bin/env node
// Regenerates the real outputs in docs/trace.md (between the `<!-- generated:… -->` markers) from the bundled
// examples, after `npm run build`: one trace per point of the seed page, chosen from each example's hand-written
// expectations.yaml by the words of its name, plus short "compare" lines for the contrasting cases.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const { run } = await import('../dist/cli/main.js');
const { captureIo } = await import('../dist/cli/io.js');

const EXAMPLES = {
  'terway-dualstack': parse(readFileSync('examples/terway-dualstack/expectations.yaml', 'utf8')),
  'flannel-ipv4': parse(readFileSync('examples/flannel-ipv4/expectations.yaml', 'utf8')),
};

/** [heading, example, words of the shown query, [example, words][] of the compared ones] */
const POINTS = [
  [
    'NAT gateway SNAT coverage (Terway: the pod vSwitch)',
    'terway-dualstack',
    /no SNAT entry/i,
    [['terway-dualstack', /covered pod vSwitch/i]],
  ],
  ['NAT gateway SNAT coverage (Flannel: the node)', 'flannel-ipv4', /node vSwitch SNAT/i, []],
  [
    'Pod EIP vs node EIP, by CNI',
    'flannel-ipv4',
    /not honoured/i,
    [
      ['terway-dualstack', /own EIP/i],
      ['terway-dualstack', /other zone/i],
      ['flannel-ipv4', /node with an EIP/i],
    ],
  ],
  [
    'IPv4 single stack never reaches IPv6',
    'flannel-ipv4',
    /IPv4-only cluster cannot reach an AAAA/i,
    [['flannel-ipv4', /IPv4-only cluster cannot reach an IPv6 address/i]],
  ],
  [
    'Dual stack: IPv6 public bandwidth',
    'terway-dualstack',
    /IPv6 without public bandwidth/i,
    [['terway-dualstack', /IPv6 with public bandwidth/i]],
  ],
  [
    'Whitelists: Terway pod IP',
    'terway-dualstack',
    /RDS whitelist holds node IPs/i,
    [['terway-dualstack', /webhook-injector/i]],
  ],
  [
    'Whitelists: Flannel node IP',
    'flannel-ipv4',
    /misses the newer node/i,
    [['flannel-ipv4', /RDS whitelist holds this node IP/i]],
  ],
  [
    'Security groups: allow and deny',
    'terway-dualstack',
    /higher-priority Drop/i,
    [
      ['terway-dualstack', /ECS security group admits/i],
      ['terway-dualstack', /ECS security group does not admit/i],
    ],
  ],
  [
    'NetworkPolicy deny',
    'terway-dualstack',
    /default-deny egress namespace: Internet/i,
    [['terway-dualstack', /behind default-deny ingress/i]],
  ],
  [
    "In-cluster load balancing: the cluster's own SLB is short-circuited",
    'terway-dualstack',
    /own LoadBalancer IP is short-circuited/i,
    [
      ['terway-dualstack', /bypasses the listener ACL/i],
      ['flannel-ipv4', /short-circuited by kube-proxy/i],
    ],
  ],
  ['DNS: a name that does not resolve', 'terway-dualstack', /NXDOMAIN/i, []],
];

function pick(example, words) {
  const entry = EXAMPLES[example].find((candidate) => words.test(String(candidate.name)));
  if (entry === undefined)
    throw new Error(`no query of examples/${example}/expectations.yaml matches ${words}`);
  return entry;
}

function argv(example, entry) {
  const args = ['check', '--snapshot', `examples/${example}`, String(entry.from), String(entry.to)];
  if (entry.port != null) args.push('--port', String(entry.port));
  if (entry.protocol != null && entry.protocol !== 'tcp') args.push('--protocol', String(entry.protocol));
  if (entry.family != null) args.push('--family', String(entry.family));
  return args;
}

const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
const commandLine = (args) => `podreach ${args.map(quote).join(' ')}`;

async function podreach(args) {
  const io = captureIo();
  const code = await run(args, io);
  if (code === 2) throw new Error(`${commandLine(args)} exited 2: ${io.err()}`);
  return io.out();
}

let examples = '';
for (const [title, example, words, compared] of POINTS) {
  const entry = pick(example, words);
  const args = argv(example, entry);
  examples += `### ${title}\n\n${entry.name} (\`examples/${example}\`):\n\n\`\`\`console\n$ ${commandLine(args)}\n`;
  examples += `${(await podreach(args)).trimEnd()}\n\`\`\`\n\n`;
  if (compared.length > 0) examples += 'Compare:\n\n';
  for (const [otherExample, otherWords] of compared) {
    const other = pick(otherExample, otherWords);
    const otherArgs = argv(otherExample, other);
    const answer = JSON.parse(await podreach([...otherArgs, '--output', 'json']));
    const trace = answer.groups === undefined ? answer : answer.groups[0].trace;
    const others = (trace.sourceAddressCandidates ?? []).filter((a) => a !== trace.sourceAddressSeen);
    const seen =
      trace.sourceAddressSeen === null
        ? ''
        : `, seen as ${trace.sourceAddressSeen}${others.length === 0 ? '' : ` (or ${others.join(', ')}: one per connection)`}`;
    const at = trace.blockedAt === null ? '' : ` at ${trace.blockedAt.kind}: ${trace.blockedAt.reason}`;
    examples += `- ${other.name}: \`${commandLine(otherArgs)}\` → **${answer.verdict}**${seen}${at}\n`;
  }
  if (compared.length > 0) examples += '\n';
}

const jsonArgs = [
  'check',
  '--snapshot',
  'examples/terway-dualstack',
  'shop/web-7d9f8b6c5-x2k4p',
  'missing.example.com',
  '--port',
  '443',
  '--output',
  'json',
];
const json = `\`${commandLine(jsonArgs)}\`:\n\n\`\`\`json\n${(await podreach(jsonArgs)).trimEnd()}\n\`\`\`\n`;

function replaceBetween(text, name, content) {
  const start = `<!-- generated:${name} (scripts/gen-trace-examples.mjs) -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/trace.md lacks the ${name} markers`);
  return `${text.slice(0, from + start.length)}\n\n${content.trimEnd()}\n\n${text.slice(to)}`;
}

const file = 'docs/trace.md';
let doc = readFileSync(file, 'utf8');
doc = replaceBetween(doc, 'json', json);
doc = replaceBetween(doc, 'examples', examples);
writeFileSync(file, doc);
process.stderr.write(`wrote ${file}\n`);
