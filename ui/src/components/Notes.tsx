/** What the answer rests on: assumptions the engine made and data the snapshot lacks (with how to collect it). */
import type { Trace } from '../../../src/model/trace.js';
import { t } from '../text.js';
import { CopyButton } from './CopyButton.js';

export function Notes({ trace }: { readonly trace: Trace }) {
  return (
    <section class="panel notes" aria-labelledby="notes-title">
      <h3 id="notes-title">Assumptions and unknowns</h3>
      {trace.assumptions.length === 0 && trace.missing.length === 0 && (
        <p class="muted">None: every hop was decided from the snapshot.</p>
      )}
      {trace.missing.length > 0 && (
        <>
          <h4>
            <span aria-hidden="true">? </span>Missing data
          </h4>
          <ul>
            {trace.missing.map((item) => (
              <li key={item.hop + item.what}>
                <span class="label">{item.hop}</span> {t(item.what)}
                <div class="copyable">
                  <pre>
                    <code>{t(item.collect)}</code>
                  </pre>
                  <CopyButton text={item.collect} label="collect command" />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {trace.assumptions.length > 0 && (
        <>
          <h4>Assumptions</h4>
          <ul>
            {trace.assumptions.map((item) => (
              <li key={item.hop + item.statement}>
                <span class="label">{item.hop}</span> {t(item.statement)}{' '}
                <span class="muted">— {t(item.basis)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
