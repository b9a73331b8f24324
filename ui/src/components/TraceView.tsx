/** A trace (or a workload's groups of pods, one path per group): verdict, path, blockers, assumptions. */
import type { Trace, WorkloadTrace } from '../../../src/model/trace.js';
import { focusTarget } from '../focus.js';
import { t } from '../text.js';
import { VERDICT_MARK } from '../trace-view-model.js';
import { Blockers } from './Blockers.js';
import { Notes } from './Notes.js';
import { TracePath } from './TracePath.js';

function Verdict({ trace }: { readonly trace: Trace | WorkloadTrace }) {
  const mark = VERDICT_MARK[trace.verdict];
  const single = 'hops' in trace ? trace : undefined;
  const port = trace.query.port === null ? '' : `:${trace.query.port}`;
  return (
    <div class={`verdict verdict-${trace.verdict}`} role="status">
      <span class="mark" aria-hidden="true">
        {mark.symbol}
      </span>
      <div>
        <p class="verdict-word">
          {mark.word}
          {single?.blockedAt != null && (
            <>
              {' '}
              at{' '}
              <a href={`#hop-${single.blockedAt.hopIndex}`} onClick={focusTarget}>
                {single.blockedAt.kind}
              </a>
            </>
          )}
        </p>
        <p>
          <code>{t(trace.query.from)}</code> → <code>{t(`${trace.query.to}${port}`)}</code>{' '}
          {trace.query.protocol}
        </p>
        {single !== undefined && single.sourceAddressCandidates.length > 0 && (
          <p>
            The destination sees the source as <code>{t(single.sourceAddressCandidates.join(', '))}</code>
          </p>
        )}
      </div>
    </div>
  );
}

function SingleTrace({ trace, prefix }: { readonly trace: Trace; readonly prefix: string }) {
  return (
    <div class="trace">
      <TracePath trace={trace} prefix={prefix} />
      <div class="side">
        <Blockers trace={trace} prefix={prefix} />
        <Notes trace={trace} />
      </div>
    </div>
  );
}

export function TraceView({ trace }: { readonly trace: Trace | WorkloadTrace }) {
  return (
    <div class="trace-view">
      <Verdict trace={trace} />
      {'hops' in trace ? (
        <SingleTrace trace={trace} prefix="" />
      ) : (
        trace.groups.map((group, groupIndex) => (
          <section class="group" key={group.pods.join(',')} aria-label={`${group.pods.length} pods`}>
            <h3>
              <span aria-hidden="true">{VERDICT_MARK[group.trace.verdict].symbol} </span>
              {group.pods.length} pod{group.pods.length === 1 ? '' : 's'}:{' '}
              {VERDICT_MARK[group.trace.verdict].word}
            </h3>
            <p class="muted">{t(group.pods.join(', '))}</p>
            <SingleTrace trace={group.trace} prefix={`g${groupIndex}-`} />
          </section>
        ))
      )}
    </div>
  );
}
