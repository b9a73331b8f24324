/** The path: hop boxes from the source to the destination, the packet's rewrites written on the edges between them. */
import { Fragment } from 'preact';
import type { Hop, Trace } from '../../../src/model/trace.js';
import { rewrites } from '../trace-view-model.js';
import { HopBox } from './HopBox.js';

function Edge({ before, after }: { readonly before: Hop | undefined; readonly after: Hop }) {
  const changes = before === undefined ? [] : rewrites(before.packet, after.packet);
  return (
    <li class={`edge${changes.length > 0 ? ' rewritten' : ''}`} aria-hidden={changes.length === 0}>
      <span class="arrow" aria-hidden="true">
        ↓
      </span>
      {changes.length > 0 && (
        <span class="rewrite">
          {changes.map((change) => (
            <span key={change.field}>
              {change.field} <code>{change.before}</code> → <code>{change.after}</code>{' '}
            </span>
          ))}
        </span>
      )}
    </li>
  );
}

export function TracePath({ trace, prefix }: { readonly trace: Trace; readonly prefix: string }) {
  const blockers = new Set(trace.blockers.map((blocker) => blocker.hopIndex));
  return (
    <ol class="path" aria-label="Path from source to destination">
      {trace.hops.map((hop, index) => (
        <Fragment key={hop.kind + String(index)}>
          {index > 0 && <Edge before={trace.hops[index - 2]} after={trace.hops[index - 1] as Hop} />}
          <li class="hop-item">
            <HopBox hop={hop} index={index} blocker={blockers.has(index)} prefix={prefix} />
          </li>
        </Fragment>
      ))}
    </ol>
  );
}
