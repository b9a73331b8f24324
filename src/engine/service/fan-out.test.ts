import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../model/index.js';
import { TraceState } from '../context.js';
import { resolvePodSource } from '../hops/source.js';
import { indexSnapshot } from '../snapshot-index.js';
import { fixtureSnapshot, WEB_A } from '../test-fixtures/cluster.js';
import { query } from '../test-fixtures/query.js';
import type { ServiceEndpoint } from './endpoints.js';
import { fanOut, MAX_TRACED } from './fan-out.js';

function state(): TraceState {
  const snapshot = fixtureSnapshot({});
  const index = indexSnapshot(snapshot);
  const pod = index.pod('shop', WEB_A);
  if (pod === undefined) throw new Error('fixture pod missing');
  const s = new TraceState(
    snapshot,
    index,
    query(`shop/${WEB_A}`, '192.168.10.10', { port: 80 }),
    resolvePodSource(index, pod),
    4,
  );
  s.setDestination('192.168.10.10');
  return s;
}

const slice = {
  namespace: 'shop',
  name: 's',
  addressType: 'IPv4',
  endpoints: [],
  ports: [],
} as unknown as EndpointSlice;
function endpoint(address: string): ServiceEndpoint {
  return {
    address,
    port: 9000,
    endpoint: { addresses: [address], ready: true, serving: true, terminating: false },
    slice,
    terminatingFallback: false,
  };
}

/** A continuation that reaches every address but 10.0.0.2. */
const rest = [
  (s: TraceState) =>
    s.add({
      kind: 'destination',
      result: s.packet.dst === '10.0.0.2' ? 'drop' : 'pass',
      resource: null,
      rule: null,
      reason: 'test',
    }),
];
const point = (s: TraceState, e: ServiceEndpoint) => s.setDestination(e.address, e.port);

describe('fanOut', () => {
  it('traces each endpoint on a fork and picks the first reachable as the representative', () => {
    const s = state();
    const fan = fanOut(s, [endpoint('10.0.0.2'), endpoint('10.0.0.3')], point, rest);
    expect(fan.outcomes.map((o) => o.verdict)).toEqual(['blocked', 'reachable']);
    expect(fan.representative.address).toBe('10.0.0.3');
    expect(fan.summary).toBe('1 of 2 endpoints reachable');
  });

  it('leaves the trace itself untouched', () => {
    const s = state();
    fanOut(s, [endpoint('10.0.0.2'), endpoint('10.0.0.3')], point, rest);
    expect(s.hops).toEqual([]);
    expect(s.packet.dst).toBe('192.168.10.10');
  });

  it('none reachable: the first is the representative', () => {
    const fan = fanOut(state(), [endpoint('10.0.0.2'), endpoint('10.0.0.2')], point, rest);
    expect(fan.reachable).toBe(0);
    expect(fan.summary).toBe('0 of 2 endpoints reachable');
  });

  it('is bounded: endpoints beyond MAX_TRACED are listed as not traced', () => {
    const many = Array.from({ length: MAX_TRACED + 2 }, (_, i) => endpoint(`10.0.1.${i + 1}`));
    const fan = fanOut(state(), many, point, rest);
    expect(fan.traced).toBe(MAX_TRACED);
    expect(fan.outcomes.at(-1)?.verdict).toBeNull();
    expect(fan.summary).toBe(`${MAX_TRACED} of ${MAX_TRACED} endpoints reachable; 2 more not traced`);
  });
});
