/** One hop of the path: its result mark (symbol, shape and colour), resource, deciding rule, reason and details. */
import type { Hop } from '../../../src/model/trace.js';
import { t } from '../text.js';
import { RESULT_MARK } from '../trace-view-model.js';
import { Details } from './Details.js';

function originText(origin: { file: string; line?: number } | undefined): string {
  if (origin === undefined) return '';
  return origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;
}

export function HopBox({
  hop,
  index,
  blocker,
  prefix,
}: {
  readonly hop: Hop;
  readonly index: number;
  readonly blocker: boolean;
  readonly prefix: string;
}) {
  const mark = RESULT_MARK[hop.result];
  const hasDetails = hop.details !== undefined && Object.keys(hop.details).length > 0;
  const considered = hop.considered ?? [];
  return (
    <article
      id={`${prefix}hop-${index}`}
      class={`hop result-${hop.result}${blocker ? ' blocker' : ''}`}
      aria-label={`Hop ${index + 1}: ${hop.kind}, ${mark.word}`}
      tabIndex={-1}
    >
      <header>
        <span class={`mark mark-${hop.result}`} aria-hidden="true">
          {mark.symbol}
        </span>
        <span class="kind">{hop.kind}</span>
        <span class="result-word">{mark.word}</span>
        {blocker && <strong class="blocker-tag">blocker</strong>}
      </header>
      {hop.resource !== null && (
        <p class="resource">
          <span class="label">{hop.resource.type}</span> <code>{t(hop.resource.id)}</code>
          {hop.resource.name !== undefined && <span class="muted"> {t(hop.resource.name)}</span>}
        </p>
      )}
      {hop.rule !== null && (
        <p class="rule">
          <span class="label">rule</span> <code>{t(hop.rule.id)}</code> {t(hop.rule.description)}
          {hop.rule.origin !== undefined && <span class="origin"> ({t(originText(hop.rule.origin))})</span>}
        </p>
      )}
      <p class="reason">{t(hop.reason)}</p>
      {(hasDetails || considered.length > 0) && (
        <details>
          <summary>{hop.kind === 'dns' ? 'DNS resolution' : 'Details'}</summary>
          {hasDetails && hop.details !== undefined && <Details details={hop.details} />}
          {considered.length > 0 && (
            <>
              <h4>Also considered</h4>
              <ul>
                {considered.map((rule) => (
                  <li key={rule.id}>
                    <code>{t(rule.id)}</code> {t(rule.description)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </details>
      )}
    </article>
  );
}
