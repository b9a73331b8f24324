/** The snapshot as `podreach inspect` sees it: cluster, derived facts with evidence, counts, NAT coverage, gaps. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, type InspectReport } from '../api.js';
import { t } from '../text.js';

function Counts({
  title,
  counts,
}: {
  readonly title: string;
  readonly counts: Readonly<Record<string, number>>;
}) {
  return (
    <div>
      <h4>{title}</h4>
      <dl class="counts">
        {Object.entries(counts).map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function SnapshotSummary() {
  const [answer, setAnswer] = useState<Answer<InspectReport> | null>(null);
  useEffect(() => {
    void api.summary().then(setAnswer);
  }, []);
  if (answer === null) return <p class="muted">Loading the snapshot…</p>;
  if (!answer.ok) return <p class="error">{answer.message}</p>;
  const report = answer.value;
  return (
    <div class="summary">
      <section class="panel">
        <h2>Snapshot {t(report.snapshot)}</h2>
        {report.cluster === null ? (
          <p class="muted">No cluster detail in the snapshot.</p>
        ) : (
          <p>
            Cluster <code>{t(report.cluster.id)}</code> {t(report.cluster.name ?? '')}{' '}
            {t(report.cluster.type ?? '')} {t(report.cluster.version ?? '')}
          </p>
        )}
        <p class="muted">
          {report.recognisedFiles} files read, {report.ignored.length} ignored, {report.problems.length}{' '}
          problems.
        </p>
      </section>
      <section class="panel">
        <h3>Cluster facts</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Fact</th>
              <th scope="col">Value</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {report.facts.map((fact) => (
              <tr key={fact.name}>
                <th scope="row">{fact.label}</th>
                {fact.known ? (
                  <>
                    <td>
                      <code>{t(fact.value)}</code>
                    </td>
                    <td>
                      {t(fact.evidence)}
                      {fact.origin !== undefined && <span class="origin"> ({t(fact.origin)})</span>}
                    </td>
                  </>
                ) : (
                  <>
                    <td>
                      <span aria-hidden="true">? </span>unknown
                    </td>
                    <td class="muted">{t(fact.missing)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel counts-panel">
        <h3>Objects</h3>
        <div class="columns">
          <Counts title="Kubernetes" counts={report.counts.kubernetes} />
          <Counts title="Cloud" counts={report.counts.cloud} />
          <Counts title="World" counts={report.counts.world} />
        </div>
      </section>
      {report.natGateways.length > 0 && (
        <section class="panel">
          <h3>NAT gateways and the vSwitches their SNAT entries cover</h3>
          {report.natGateways.map((gateway) => (
            <div key={gateway.id}>
              <h4>
                <code>{t(gateway.id)}</code> {t(gateway.name ?? '')} ({gateway.ips.join(', ')})
              </h4>
              <table>
                <thead>
                  <tr>
                    <th scope="col">vSwitch</th>
                    <th scope="col">CIDR</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Covered by</th>
                  </tr>
                </thead>
                <tbody>
                  {gateway.coverage.map((row) => {
                    const covered = row.coveredBy.length > 0;
                    return (
                      <tr key={row.vSwitchId} class={covered ? '' : 'uncovered'}>
                        <td>
                          <code>{t(row.vSwitchId)}</code>
                        </td>
                        <td>{row.cidr}</td>
                        <td>{row.roles.join(', ')}</td>
                        <td>
                          {covered ? (
                            <>
                              <span aria-hidden="true">✓ </span>
                              {row.coveredBy.join(', ')}
                            </>
                          ) : row.partlyCoveredBy.length > 0 ? (
                            <>
                              <span aria-hidden="true">? </span>partly: {row.partlyCoveredBy.join(', ')}
                            </>
                          ) : (
                            <>
                              <span aria-hidden="true">✗ </span>no SNAT entry
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
      {report.gaps.length > 0 && (
        <section class="panel">
          <h3>Checks this snapshot cannot support</h3>
          <ul>
            {report.gaps.map((gap) => (
              <li key={gap.check}>
                <strong>{t(gap.check)}</strong>: {t(gap.missing)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.problems.length > 0 && (
        <section class="panel">
          <h3>Load problems</h3>
          <ul>
            {report.problems.map((problem, index) => (
              <li key={index}>
                <span class="label">{problem.severity}</span> {t(problem.message)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
