/**
 * `podreach matrix --policy-only` on the bundled examples. Every number below is derived by hand from the examples'
 * pods and NetworkPolicies (kubernetes/pods*.yaml, networkpolicies.yaml), not read from the command:
 *
 * Terway (NetworkPolicy enforced, disable_network_policy "false"): 34 Running pods with an IP — kube-system 14
 * (coredns ×2, and host-network kube-proxy ×4, node-local-dns ×4, terway-eniip ×4), media 4, monitoring 6 (grafana,
 * prometheus, host-network node-exporter ×4), payments 2, shop 8 (web ×3 :8080, cart-redis ×2 :6379,:9121,
 * checkout ×2 :8443, orders-worker :8080). kube-proxy and terway-eniip declare no port: 8 destinations never asked.
 * - payments is egress-isolated: only kube-system pods labelled k8s-app=kube-dns on 53 (coredns ×2, both
 *   declare 53) and an ipBlock outside the cluster; every other source's egress is open.
 * - shop is ingress-isolated: same namespace on any port; app=web from anywhere on 8080; namespace monitoring on
 *   8080 and 9121 — host-network node-exporters are seen as their node address, which no namespaceSelector matches.
 * So the 18 non-shop destinations with ports take the 32 non-payments sources (+2 payments → 2 coredns): 580;
 * shop: web 3×32 + cart-redis 2×(8 shop + grafana + prometheus) + checkout 2×8 + orders-worker (8+2) = 142.
 * Allowed 722 of 34² = 1156 pairs, none unknown. Rows: monitoring→shop = web 3×6 + cart-redis 2×2 + orders 2 = 24
 * of 6×8 = 48; kube-system→shop = web 3×14 = 42 of 112; payments→kube-system = 2×2 = 4 of 28, payments→shop 0.
 *
 * Flannel: ACK does not enforce NetworkPolicy with Flannel (`podreach inspect`: networkPolicyDisabled true), so the
 * policies there decide nothing and every asked pair is allowed (known, not unknown). 16 pods (batch 3, kube-system
 * 8, web 5); etl, kube-flannel-ds ×3 and kube-proxy-worker ×3 declare no port (7); the 9 others take all 16 sources:
 * 144 of 256. batch→kube-system = 3 sources × 2 coredns = 6 of 24.
 */
import { describe, expect, it } from 'vitest';
import { FLANNEL, TERWAY } from '../../fleet/test-fixtures/examples.js';
import { captureIo } from '../io.js';
import { run } from '../main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const policyOnly = (snapshot: string, ...rest: string[]) =>
  cli(['matrix', '--policy-only', '--snapshot', snapshot, ...rest]);

describe('podreach matrix --policy-only', () => {
  it('Terway: the namespace table and the totals, as derived above', async () => {
    const r = await policyOnly(TERWAY);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(
      [
        'from \\ to    kube-system  media  monitoring  payments    shop',
        'kube-system       84/196  56/56       84/84     28/28  42/112',
        'media              24/56  16/16       24/24       8/8   12/32',
        'monitoring         36/84  24/24       36/36     12/12   24/48',
        'payments            4/28    0/8        0/12       0/4    0/16',
        'shop              48/112  32/32       48/48     16/16   64/64',
        '',
        'pods: kube-system 14 · media 4 · monitoring 6 · payments 2 · shop 8',
        'whole snapshot: 34 pods, 1156 pod pairs, 722 allowed, 0 unknown; 8 destination pods declare no port (never asked)',
      ].join('\n'),
    );
    expect(r.out).toContain('security groups, routes, SNAT, whitelists and');
  });

  it('Flannel: NetworkPolicy not enforced, so every asked pair is allowed', async () => {
    const r = await policyOnly(FLANNEL, '--output', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.schemaVersion).toBe(1);
    expect(data.kind).toBe('policy-matrix');
    expect(data.totals).toEqual({
      pods: 16,
      podPairs: 256,
      allowedPairs: 144,
      unknownPairs: 0,
      destinationsWithoutPorts: 7,
    });
    expect(data.namespaces).toEqual([
      { name: 'batch', pods: 3 },
      { name: 'kube-system', pods: 8 },
      { name: 'web', pods: 5 },
    ]);
    expect(data.rows[1]).toEqual({ from: 'batch', to: 'kube-system', pairs: 24, allowed: 6, unknown: 0 });
    expect(data.rows).toHaveLength(9);
    // Unfiltered, the rows cover every pair: their sums are the totals (namespaceMatrix and count agree).
    const rows = data.rows as { pairs: number; allowed: number; unknown: number }[];
    expect([rows.reduce((n, r) => n + r.pairs, 0), rows.reduce((n, r) => n + r.allowed, 0)]).toEqual([
      256, 144,
    ]);
  });

  it('--from/--to filter rows and columns (sorted, duplicates once); CSV', async () => {
    const r = await policyOnly(
      TERWAY,
      '--from',
      'payments',
      '--from',
      'monitoring',
      '--from',
      'payments',
      '--to',
      'shop',
      '--to',
      'kube-system',
      '--output',
      'csv',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'from,to,pairs,allowed,unknown',
        'monitoring,kube-system,84,36,0',
        'monitoring,shop,48,24,0',
        'payments,kube-system,28,4,0',
        'payments,shop,16,0,0',
        '',
      ].join('\r\n'),
    );
  });

  it('one pod pair: the verdict per declared port, then per --port', async () => {
    // prometheus (monitoring) → cart-redis-0 (shop): monitoring is admitted on 8080 and 9121 only.
    const r = await policyOnly(
      TERWAY,
      '--from',
      'monitoring/prometheus-5f8c9d6b7-l2m4n',
      '--to',
      'shop/cart-redis-0',
      '--port',
      '443,9121',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      [
        'NetworkPolicy alone: monitoring/prometheus-5f8c9d6b7-l2m4n → shop/cart-redis-0',
        '  6379/tcp  declared  deny',
        '  9121/tcp  declared  allow',
        '  443/tcp   --port    deny',
        'pair: allowed (at least one declared port)',
      ].join('\n'),
    );
    // payment-api → shop/web: payments' egress admits only DNS to kube-dns; JSON names each port's origin.
    const json = await policyOnly(
      TERWAY,
      '--from',
      'payments/payment-api-6c4d8b7f9-h5t8n',
      '--to',
      'shop/web-7d9f8b6c5-r8n3v',
      '--output',
      'json',
    );
    expect(JSON.parse(json.out)).toEqual({
      schemaVersion: 1,
      kind: 'policy-pair',
      from: 'payments/payment-api-6c4d8b7f9-h5t8n',
      to: 'shop/web-7d9f8b6c5-r8n3v',
      ports: [{ protocol: 'tcp', port: 8080, source: 'declared', verdict: 'deny' }],
    });
    // kube-proxy declares no port: nothing asked unless --port.
    const none = await policyOnly(
      TERWAY,
      '--from',
      'shop/web-7d9f8b6c5-r8n3v',
      '--to',
      'kube-system/kube-proxy-worker-d8s4v',
    );
    expect(none.out).toContain('the destination declares no container port: ask with --port N');
    expect(none.out).toContain('pair: not asked (no declared port)');
  });

  it('exit 2 on bad usage, each with a message', async () => {
    const cases: [string[], string][] = [
      [['--output', 'html'], '--policy-only has no html output'],
      [['--port', '443'], '--port with --policy-only needs one --from NAMESPACE/POD'],
      [['--from', 'shop/deployment/web'], 'takes NAMESPACE or NAMESPACE/POD'],
      [['--from', 'shop/web-7d9f8b6c5-r8n3v'], 'needs exactly one --from NAMESPACE/POD and one --to'],
      [['--from', 'shop/web-7d9f8b6c5-r8n3v', '--to', 'media'], 'needs exactly one --from NAMESPACE/POD'],
      [['--from', 'nosuchnamespace'], 'no Running pod with an IP in namespace "nosuchnamespace"'],
      [['--from', 'shop/nosuchpod', '--to', 'shop/cart-redis-0'], 'shop/nosuchpod is not a Running pod'],
      [['--protocol', 'icmp'], 'is not tcp, udp or sctp'],
      [['--port', '0'], 'is not a port number'],
    ];
    for (const [argv, message] of cases) {
      const r = await policyOnly(TERWAY, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
  });

  it('exit 2 when the snapshot does not load', async () => {
    const r = await policyOnly('/nonexistent/podreach-snapshot');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
