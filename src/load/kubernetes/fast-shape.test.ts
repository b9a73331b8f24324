import { describe, expect, it } from 'vitest';
import { isEndpointSliceShape } from './endpoint-slice.js';
import {
  isMetadata,
  isNullishArrayOf,
  isObjectValue,
  isOptionalProtocol,
  isOptionalSafeInteger,
  isPortNumber,
  isStringMap,
} from './fast-shape.js';
import { isNodeShape } from './node.js';
import { isPodShape } from './pod.js';
import { withoutFastShapes } from './problems.js';
import { isWorkloadShape } from './workload.js';

describe('fast shape building blocks', () => {
  it('isObjectValue: objects only, not null or arrays', () => {
    expect([{}, { a: 1 }, null, [], 'x', 1].map(isObjectValue)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('isStringMap: plain objects of strings, without a __proto__ key', () => {
    expect(isStringMap({ a: 'b', '1': 'c' })).toBe(true);
    expect(isStringMap({})).toBe(true);
    expect(isStringMap({ a: 1 })).toBe(false);
    expect(isStringMap(JSON.parse('{"__proto__": "x"}'))).toBe(false);
    expect(isStringMap(Object.create(null))).toBe(false);
    expect(isStringMap(['a'])).toBe(false);
    expect(isStringMap(null)).toBe(false);
  });

  it('isPortNumber and isOptionalSafeInteger: integers in range', () => {
    expect([1, 65535, 0, 65536, 80.5, '80', Number.NaN].map(isPortNumber)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([undefined, -3, 2 ** 53 - 1, 2 ** 53, null, 1.5].map(isOptionalSafeInteger)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('isOptionalProtocol: absent or one of the API protocols, upper case', () => {
    expect([undefined, 'TCP', 'UDP', 'SCTP', 'tcp', null].map(isOptionalProtocol)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('isNullishArrayOf: null, absent, or a list of objects each accepted', () => {
    const named = (o: Record<string, unknown>) => typeof o.name === 'string';
    expect(isNullishArrayOf(null, named)).toBe(true);
    expect(isNullishArrayOf(undefined, named)).toBe(true);
    expect(isNullishArrayOf([{ name: 'a' }], named)).toBe(true);
    expect(isNullishArrayOf([{ name: 1 }], named)).toBe(false);
    expect(isNullishArrayOf([null], named)).toBe(false);
    expect(isNullishArrayOf({}, named)).toBe(false);
  });

  it('isMetadata: a non-empty name, an optional non-empty namespace, string maps, owner references', () => {
    expect(isMetadata({ name: 'a' })).toBe(true);
    expect(
      isMetadata({ name: 'a', namespace: 'n', labels: null, ownerReferences: [{ kind: 'K', name: 'o' }] }),
    ).toBe(true);
    expect(isMetadata({ name: '' })).toBe(false);
    expect(isMetadata({ name: 'a', namespace: '' })).toBe(false);
    expect(isMetadata({ name: 'a', namespace: null })).toBe(false);
    expect(isMetadata({ name: 'a', ownerReferences: [{ kind: 'K', name: 'o', controller: 'yes' }] })).toBe(
      false,
    );
  });
});

describe('the checks of each kind', () => {
  it('accept what kubectl prints and refuse a wrong type anywhere they read', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'n' },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
      status: { podIPs: [{ ip: '10.0.0.1' }] },
    };
    expect(isPodShape(pod)).toBe(true);
    expect(isPodShape({ ...pod, spec: { ...pod.spec, dnsPolicy: 'Bogus' } })).toBe(false);
    expect(isPodShape({ ...pod, status: { podIPs: [{ ip: 1 }] } })).toBe(false);
    const slice = {
      metadata: { name: 's', namespace: 'n' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['a'] }],
    };
    expect(isEndpointSliceShape(slice)).toBe(true);
    expect(isEndpointSliceShape({ ...slice, addressType: undefined })).toBe(false);
    expect(isNodeShape({ metadata: { name: 'n' }, spec: { podCIDRs: ['10.0.0.0/24'] } })).toBe(true);
    expect(isNodeShape({ metadata: { name: 'n' }, status: { addresses: [{ type: 'InternalIP' }] } })).toBe(
      false,
    );
    expect(
      isWorkloadShape({ metadata: { name: 'w' }, spec: { template: { spec: { containers: null } } } }),
    ).toBe(true);
    expect(isWorkloadShape({ metadata: { name: 'w' }, spec: { template: null } })).toBe(false);
  });
});

describe('withoutFastShapes', () => {
  it('returns what the function returns and switches the checks back on, even when it throws', () => {
    expect(withoutFastShapes(() => 42)).toBe(42);
    expect(() =>
      withoutFastShapes(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
  });
});
