/** A hop's `details` (any JSON) as nested key/value lists; every value is text, escaped by Preact. */
import type { ComponentChildren } from 'preact';
import { t } from '../text.js';

function Value({ value }: { readonly value: unknown }): ComponentChildren {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">none</span>;
    if (value.every((item) => typeof item !== 'object' || item === null))
      return <span>{t(value.map(String).join(', '))}</span>;
    return (
      <ol class="detail-list">
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') return <Details details={value as Record<string, unknown>} />;
  return <span>{t(String(value))}</span>;
}

export function Details({ details }: { readonly details: Readonly<Record<string, unknown>> }) {
  return (
    <dl class="details">
      {Object.entries(details).map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
