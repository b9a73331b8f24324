/** Every blocker with its fixes: commands and manifests to copy, values still needed, and the proof after the fix. */
import type { Blocker, Fix, Trace } from '../../../src/model/trace.js';
import { focusTarget } from '../focus.js';
import { t } from '../text.js';
import { VERDICT_MARK } from '../trace-view-model.js';
import { CopyButton } from './CopyButton.js';

function FixCard({ fix }: { readonly fix: Fix }) {
  return (
    <li class="fix">
      <p>
        <strong>{t(fix.summary)}</strong> <span class="muted">({fix.kind})</span>
      </p>
      {fix.tradeoffs !== undefined && <p class="muted">{t(fix.tradeoffs)}</p>}
      {fix.commands.map((command) => (
        <div class="copyable" key={command}>
          <pre>
            <code>{t(command)}</code>
          </pre>
          <CopyButton text={command} label="command" />
        </div>
      ))}
      {fix.manifests.map((manifest) => (
        <div class="copyable" key={manifest}>
          <pre>
            <code>{t(manifest)}</code>
          </pre>
          <CopyButton text={manifest} label="manifest" />
        </div>
      ))}
      {fix.needs.length > 0 && (
        <p>
          Fill in:{' '}
          {fix.needs.map((need) => (
            <code key={need}>{t(need)} </code>
          ))}
        </p>
      )}
      {fix.proof === undefined ? (
        <p class="muted proof">Not proven by a re-trace.</p>
      ) : (
        <p class={`proof verdict-${fix.proof.verdict}`}>
          <span aria-hidden="true">{VERDICT_MARK[fix.proof.verdict].symbol} </span>
          After this fix: {VERDICT_MARK[fix.proof.verdict].word}
          {fix.proof.sourceAddressSeen !== null && <> as {fix.proof.sourceAddressSeen}</>}
        </p>
      )}
    </li>
  );
}

function BlockerCard({ blocker, prefix }: { readonly blocker: Blocker; readonly prefix: string }) {
  return (
    <li class="blocker-card">
      <p>
        <a href={`#${prefix}hop-${blocker.hopIndex}`} onClick={focusTarget}>
          <span aria-hidden="true">✗ </span>
          {blocker.kind}
        </a>
        {blocker.resource !== null && (
          <>
            {' '}
            at <code>{t(blocker.resource.id)}</code>
          </>
        )}
        {blocker.rule !== null && (
          <>
            {' '}
            by rule <code>{t(blocker.rule.id)}</code>
          </>
        )}
      </p>
      <p>{t(blocker.reason)}</p>
      {blocker.fixes.length === 0 ? (
        <p class="muted">No fix computed for this blocker.</p>
      ) : (
        <>
          <h4>Fixes</h4>
          <ol class="fixes">
            {blocker.fixes.map((fix) => (
              <FixCard key={fix.summary} fix={fix} />
            ))}
          </ol>
        </>
      )}
    </li>
  );
}

export function Blockers({ trace, prefix }: { readonly trace: Trace; readonly prefix: string }) {
  if (trace.blockers.length === 0) return null;
  return (
    <section class="panel blockers" aria-labelledby="blockers-title">
      <h3 id="blockers-title">Blockers</h3>
      <ol>
        {trace.blockers.map((blocker) => (
          <BlockerCard key={blocker.hopIndex} blocker={blocker} prefix={prefix} />
        ))}
      </ol>
    </section>
  );
}
