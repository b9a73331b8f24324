/** The audit findings as a list sortable by severity, check or subject. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, type FindingView } from '../api.js';
import { t } from '../text.js';

type Key = 'severity' | 'check' | 'subject';
const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'];

function compare(key: Key, a: FindingView, b: FindingView): number {
  if (key === 'severity') return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  return a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
}

export function AuditView() {
  const [answer, setAnswer] = useState<Answer<{ findings: FindingView[] }> | null>(null);
  const [sort, setSort] = useState<{ key: Key; descending: boolean }>({ key: 'severity', descending: false });
  useEffect(() => {
    void api.audit().then(setAnswer);
  }, []);
  if (answer === null) return <p class="muted">Auditing the snapshot…</p>;
  if (!answer.ok) return <p class="error">{answer.message}</p>;
  const findings = [...answer.value.findings].sort(
    (a, b) => (sort.descending ? -1 : 1) * compare(sort.key, a, b) || compare('severity', a, b),
  );
  const header = (key: Key, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        class="sort"
        onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : false })}
      >
        {label} {sort.key === key ? (sort.descending ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <section class="panel audit" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit: {findings.length} findings</h2>
      <table>
        <thead>
          <tr>
            {header('severity', 'Severity')}
            {header('check', 'Check')}
            {header('subject', 'Subject')}
            <th scope="col">Finding</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr
              key={`${finding.check} ${finding.subject} ${finding.title}`}
              class={`finding-${finding.severity}`}
            >
              <td>
                <span class={`severity severity-${finding.severity}`}>{finding.severity}</span>
              </td>
              <td>
                <code>{t(finding.check)}</code>
              </td>
              <td>{t(finding.subject)}</td>
              <td>
                <p>{t(finding.title)}</p>
                {finding.evidence.length > 0 && (
                  <details>
                    <summary>Evidence</summary>
                    <ul>
                      {finding.evidence.map((line) => (
                        <li key={line}>{t(line)}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
