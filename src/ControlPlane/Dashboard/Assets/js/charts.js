// The three plots, drawn with the vendored uPlot (global `uPlot`, served from the binary).
// Each keeps at most the last 15 minutes, one point per second.
const WINDOW = 15 * 60;
const STATES = ['Healthy', 'Degraded', 'Critical', 'Unavailable', 'Recovering'];
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#db2777', '#0891b2', '#4b5563'];

function make(target, series, axes, scales) {
  const width = Math.max(260, target.clientWidth || 600);
  const opts = { width, height: 170, series: [{}, ...series], axes, scales: scales || {}, legend: { live: false } };
  const plot = new uPlot(opts, [[], ...series.map(() => [])], target);
  new ResizeObserver(() => plot.setSize({ width: Math.max(260, target.clientWidth), height: 170 })).observe(target);
  return plot;
}

function trim(columns) {
  const cut = Date.now() / 1000 - WINDOW;
  let i = 0;
  while (i < columns[0].length && columns[0][i] < cut) i++;
  if (i > 0) columns.forEach((c) => c.splice(0, i));
}

export class Charts {
  constructor() {
    this.issuance = [[], [], []];
    this.clock = null; // columns built once the node list is known
    this.nodes = [];
    this.state = [[], []];
    this.issuancePlot = make(document.getElementById('plot-issuance'),
      [{ label: 'tokens/s', stroke: COLOURS[0], scale: 'n' }, { label: 'p99 ms', stroke: COLOURS[2], scale: 'ms', spanGaps: true }],
      [{}, { scale: 'n' }, { scale: 'ms', side: 1 }]);
    this.statePlot = make(document.getElementById('plot-state'),
      [{ label: 'state', stroke: '#b91c1c', paths: uPlot.paths.stepped({ align: 1 }) }],
      [{}, { values: (u, ticks) => ticks.map((t) => STATES[t] ?? ''), splits: () => [0, 1, 2, 3, 4], size: 90 }],
      { y: { range: [0, 4] } });
    this.clockPlot = null;
  }

  // issuance per second: 15 minutes from GET /api/dashboard, the last seconds again in each stream frame
  loadSeries(points) {
    for (const p of points) this.addSample(p, false);
    this.issuancePlot.setData(this.issuance);
    // what the plot holds, readable without the canvas (tests, screen readers)
    const total = this.issuance[1].reduce((n, t) => n + t, 0);
    const target = document.getElementById('plot-issuance');
    target.dataset.tokens = String(total);
    target.setAttribute('aria-label', `${total} tokens in the last 15 minutes`);
  }

  addSample(p, draw = true) {
    const t = Date.parse(p.at) / 1000;
    const xs = this.issuance[0];
    if (xs.length && t <= xs[xs.length - 1]) return;
    xs.push(t);
    this.issuance[1].push(p.tokens);
    this.issuance[2].push(p.p99Ms ?? null);
    trim(this.issuance);
    if (draw) this.issuancePlot.setData(this.issuance);
  }

  // one "dashboard" frame: the last seconds of issuance, each node's clock offset, the state
  addView(view) {
    this.loadSeries(view.series || []);
    const t = Date.parse(view.at) / 1000;
    const ids = view.nodes.map((n) => n.id);
    if (!this.clockPlot || ids.join() !== this.nodes.join()) this.resetClock(ids);
    const tol = view.clockToleranceMicros;
    const cols = this.clock;
    cols[0].push(t);
    cols[1].push(tol);
    cols[2].push(-tol);
    view.nodes.forEach((n, i) => cols[3 + i].push(n.clockOffsetMicros ?? null));
    trim(cols);
    this.clockPlot.setData(cols);
    this.addState(t, view.state);
  }

  addState(t, state) {
    const i = STATES.indexOf(state);
    if (i < 0) return;
    const [xs, ys] = this.state;
    if (xs.length && t < xs[xs.length - 1]) return;
    xs.push(t);
    ys.push(i);
    trim(this.state);
    this.statePlot.setData(this.state);
  }

  resetClock(ids) {
    this.nodes = ids;
    this.clock = [[], [], [], ...ids.map(() => [])];
    const target = document.getElementById('plot-clock');
    this.clockPlot?.destroy();
    target.replaceChildren();
    this.clockPlot = make(target, [
      { label: '+tolerance', stroke: '#9ca3af', dash: [6, 4] },
      { label: '−tolerance', stroke: '#9ca3af', dash: [6, 4] },
      ...ids.map((id, i) => ({ label: id, stroke: COLOURS[i % COLOURS.length], spanGaps: true })),
    ], [{}, { size: 60 }]);
  }
}
