/** The report's stylesheet, inlined (the file must work offline and alone); light and dark follow the system. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#f7f8fa;--fg:#1b1f24;--muted:#5b6470;--panel:#fff;--border:#d0d7de;--accent:#0b5cad;
--ok:#1a7f37;--ok-bg:#e6f4ea;--bad:#b3261e;--bad-bg:#fdecea;--warn:#8a5a00;--warn-bg:#fff4d6;--code:#eef1f4;
font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.45}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6e9ed;--muted:#9aa4af;--panel:#171b21;--border:#343b45;
--accent:#6cb6ff;--ok:#56d364;--ok-bg:#12261a;--bad:#ff7b72;--bad-bg:#2d1416;--warn:#e3b341;--warn-bg:#2b2111;--code:#222831}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:1em 1.25em 3em;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
code{background:var(--code);padding:0 .25em;border-radius:3px}
pre{background:var(--code);padding:.5em .75em;border-radius:4px;white-space:pre-wrap;margin:.25em 0}pre code{background:none;padding:0}
h1{font-size:1.3em}.muted{color:var(--muted)}
.verdict{display:flex;gap:.75em;align-items:center;padding:.6em 1em;border:2px solid var(--border);border-radius:6px;margin:1em 0}
.verdict p{margin:.1em 0}.verdict .mark{font-size:1.6em;font-weight:700;width:1.6em;height:1.6em;display:inline-flex;align-items:center;justify-content:center}
.v-reachable{border-color:var(--ok);background:var(--ok-bg)}.v-reachable .mark{color:var(--ok);border:2px solid var(--ok);border-radius:50%}
.v-blocked,.v-unresolved{border:3px solid var(--bad);background:var(--bad-bg)}.v-blocked .mark,.v-unresolved .mark{color:var(--bad);border:3px solid var(--bad);border-radius:2px}
.v-unknown{border:2px dashed var(--warn);background:var(--warn-bg)}.v-unknown .mark{color:var(--warn);border:2px dashed var(--warn)}
.word{font-weight:700;font-size:1.15em}
ol.path{list-style:none;padding:0;margin:0}
.edge{padding:.15em 0 .15em 1.4em;color:var(--muted)}.edge .rw{border:1px dashed var(--accent);border-radius:4px;padding:0 .5em;color:var(--fg);margin-left:.5em;font-size:.85em}
.hop{background:var(--panel);border:2px solid var(--border);border-left-width:6px;border-radius:6px;padding:.5em .8em}
.hop p{margin:.25em 0}.hop .kind{font-weight:700}
.r-pass,.r-rewrite{border-color:var(--ok)}.r-drop{border:3px solid var(--bad);border-left-width:8px;background:var(--bad-bg)}
.r-unknown{border-color:var(--warn);border-style:dashed;background:var(--warn-bg)}.r-skip{border-style:dotted}
.m{display:inline-flex;width:1.5em;height:1.5em;align-items:center;justify-content:center;font-weight:700;margin-right:.4em}
.m-pass,.m-rewrite{color:var(--ok);border:2px solid var(--ok);border-radius:50%}.m-drop{color:var(--panel);background:var(--bad);border-radius:2px}
.m-unknown{color:var(--warn);border:2px dashed var(--warn)}.m-skip{color:var(--muted);border:1px dotted var(--muted)}
.tag{display:inline-block;font-size:.75em;text-transform:uppercase;color:var(--muted);border:1px solid var(--border);border-radius:3px;padding:0 .3em}
.blocker-tag{color:var(--bad);border-color:var(--bad)}
.panel{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:.6em 1em;margin:1em 0}
.blockers{border:3px solid var(--bad)}
dl.d{font-size:.88em;margin:.3em 0}dl.d>div{display:grid;grid-template-columns:minmax(6em,max-content) 1fr;gap:.5em}dl.d dt{color:var(--muted)}dl.d dd{margin:0;overflow-wrap:anywhere}
summary{cursor:pointer;color:var(--accent);font-size:.9em}
.proof-ok{color:var(--ok);font-weight:600}
`;
