import { describe, expect, it } from 'vitest';
import { dnsSnapshot } from '../engine/dns/test-fixtures/dns-cluster.js';
import { closeNames, editDistance } from './names.js';

describe('editDistance (optimal string alignment)', () => {
  it('counts inserts, deletes, substitutions and swapped neighbours, one each', () => {
    expect(editDistance('api', 'api')).toBe(0);
    expect(editDistance('apii', 'api')).toBe(1);
    expect(editDistance('aip', 'api')).toBe(1);
    expect(editDistance('exmaple', 'example')).toBe(1);
    expect(editDistance('api', 'apx')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('gone.example.com', 'api.example.com')).toBe(4);
  });
});

describe('closeNames', () => {
  // dns-cluster: Services shop/api, shop/api-lb, kube-system/kube-dns; world.yaml api.example.com, v6.example.com...
  const snapshot = dnsSnapshot({});

  it('the same Service name in another namespace, the asked form kept', () => {
    expect(closeNames(snapshot, 'api.default.svc.cluster.local', 'shop')[0]).toEqual({
      name: 'api.shop.svc.cluster.local',
      why: 'Service api exists in namespace shop, not in default',
    });
    expect(closeNames(snapshot, 'kube-dns', 'shop')[0]?.name).toBe('kube-dns.kube-system');
    expect(closeNames(snapshot, 'api.kube-system', 'shop')[0]?.name).toBe('api.shop');
  });

  it('NAME.X where X is no namespace of the cluster is a domain, not a Service in the wrong namespace', () => {
    // api.prod could be a name of a search domain or an external one: not "Service api in namespace prod".
    expect(closeNames(snapshot, 'api.prod', 'shop')).toEqual([]);
    expect(closeNames(snapshot, 'kube-dns.io', 'shop')).toEqual([]);
    // With svc the Service form is explicit: the namespace is swapped even when unknown.
    expect(closeNames(snapshot, 'api.prod.svc', 'shop')[0]?.name).toBe('api.shop.svc');
  });

  it('a name within two edits, nearest first', () => {
    expect(closeNames(snapshot, 'apii.shop.svc.cluster.local', 'shop').map((c) => c.name)).toEqual([
      'api.shop.svc.cluster.local',
    ]);
    expect(closeNames(snapshot, 'api.exmaple.com', 'shop')).toEqual([
      { name: 'api.example.com', why: 'api.example.com exists, 1 edit from api.exmaple.com' },
    ]);
  });

  it('nothing for a name far from every known one, or a short name where two edits make another word', () => {
    expect(closeNames(snapshot, 'gone.example.com', 'shop')).toEqual([]);
    expect(closeNames(snapshot, 'ap', 'shop')).toEqual([]);
  });
});
