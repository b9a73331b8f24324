/** The page: a query form and its trace, or the snapshot summary; the URL holds the view and the query. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Trace, WorkloadTrace } from '../api.js';
import { type Answer, api, type DestinationChoice, type QueryParams, type SourceNamespace } from '../api.js';
import { isComplete, type PageState, pageSearch, readPageState, type View } from '../url-state.js';
import { AuditView } from './AuditView.js';
import { MatrixView } from './MatrixView.js';
import { QueryForm } from './QueryForm.js';
import { SnapshotSummary } from './SnapshotSummary.js';
import { TraceView } from './TraceView.js';

const TABS: readonly (readonly [View, string])[] = [
  ['trace', 'Trace'],
  ['matrix', 'Matrix'],
  ['audit', 'Audit'],
  ['snapshot', 'Snapshot'],
];

type TraceAnswer = {
  readonly params: QueryParams;
  readonly answer: Answer<{ trace: Trace | WorkloadTrace }>;
};

export function App() {
  const [state, setState] = useState<PageState>(() => readPageState(location.search));
  const [sources, setSources] = useState<SourceNamespace[]>([]);
  const [destinations, setDestinations] = useState<DestinationChoice[]>([]);
  const [result, setResult] = useState<TraceAnswer | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    void api.sources().then((answer) => answer.ok && setSources(answer.value.sources));
    void api.destinations().then((answer) => answer.ok && setDestinations(answer.value.destinations));
  }, []);

  const run = useCallback((params: QueryParams) => {
    if (!isComplete(params)) {
      setResult(null);
      return;
    }
    setLoading(true);
    void api.query(params).then((answer) => {
      setResult({ params, answer });
      setLoading(false);
    });
  }, []);

  useEffect(() => {
    if (state.view === 'trace') run(state.query);
    const onPop = () => {
      const next = readPageState(location.search);
      setState(next);
      if (next.view === 'trace') run(next.query);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [run]);

  const navigate = (next: PageState) => {
    history.pushState(null, '', `${location.pathname}${pageSearch(next)}`);
    setState(next);
    if (next.view === 'trace') run(next.query);
  };
  const setView = (view: View) => navigate({ ...state, view });

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>
          podreach <span class="tagline">can this pod reach that?</span>
        </h1>
        <nav aria-label="Views">
          {TABS.map(([view, label]) => (
            <button
              key={view}
              type="button"
              class="tab"
              aria-current={state.view === view ? 'page' : undefined}
              onClick={() => setView(view)}
            >
              {label}
            </button>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {state.view === 'trace' ? (
          <>
            <QueryForm
              initial={state.query}
              sources={sources}
              destinations={destinations}
              onSubmit={(query) => navigate({ view: 'trace', query })}
            />
            <section aria-live="polite" aria-busy={loading}>
              {loading && <p class="muted">Tracing…</p>}
              {!loading && result !== null && !result.answer.ok && (
                <p class="error" role="alert">
                  {result.answer.message}
                </p>
              )}
              {!loading && result !== null && result.answer.ok && (
                <TraceView trace={result.answer.value.trace} />
              )}
              {!loading && result === null && (
                <p class="muted">Pick a source and a destination, then Trace.</p>
              )}
            </section>
          </>
        ) : state.view === 'matrix' ? (
          <MatrixView onOpen={(query) => navigate({ view: 'trace', query })} />
        ) : state.view === 'audit' ? (
          <AuditView />
        ) : (
          <SnapshotSummary />
        )}
      </main>
    </>
  );
}
