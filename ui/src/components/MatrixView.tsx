/** The reachability matrix as a heat map: a row per group of pods, a column per destination; a cell opens its trace. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, type MatrixView as Matrix, type QueryParams } from '../api.js';
import { t } from '../text.js';

const MARK: Readonly<Record<string, string>> = {
  reachable: '✓',
  blocked: '✗',
  unresolved: '✗',
  unknown: '?',
  error: '!',
};

export function MatrixView({ onOpen }: { readonly onOpen: (query: QueryParams) => void }) {
  const [answer, setAnswer] = useState<Answer<Matrix> | null>(null);
  useEffect(() => {
    void api.matrix().then(setAnswer);
  }, []);
  if (answer === null) return <p class="muted">Tracing every row to every column…</p>;
  if (!answer.ok) return <p class="error">{answer.message}</p>;
  const { rows, columns, cells } = answer.value;
  return (
    <section class="panel matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Reachability matrix</h2>
      <p class="muted">
        {rows.length} rows (a workload, split where its pods differ) × {columns.length} destinations. ✓
        reachable · ✗ blocked · ? unknown · ! cannot be asked. Open a cell for its trace.
      </p>
      <div class="matrix-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">From ↓ · to →</th>
              {columns.map((column) => (
                <th scope="col" key={column.id} class="column-head">
                  <span>{t(column.label)}</span>
                  <span class="muted">
                    {column.port === null ? column.protocol : `${column.port}/${column.protocol}`}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.id}>
                <th scope="row" title={t(row.pods.join(', '))}>
                  {t(row.id)}
                </th>
                {columns.map((column, c) => {
                  const cell = cells[r]?.[c];
                  const verdict = cell?.verdict ?? 'error';
                  const query: QueryParams = {
                    from: row.representative,
                    to: column.to,
                    port: column.port === null ? '' : String(column.port),
                    protocol: column.protocol,
                    family: '',
                  };
                  const label = `${row.id} to ${column.label}: ${verdict}${cell?.blockedAt == null ? '' : ` at ${cell.blockedAt.kind}`}`;
                  return (
                    <td key={column.id} class={`cell cell-${verdict}`}>
                      {verdict === 'error' ? (
                        <span title={t(`${label}: ${cell?.error ?? ''}`)}>!</span>
                      ) : (
                        <button
                          type="button"
                          class="cell-button"
                          aria-label={t(label)}
                          title={t(label)}
                          onClick={() => onOpen(query)}
                        >
                          {MARK[verdict]}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
