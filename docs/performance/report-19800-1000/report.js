// Renders the load report from window.LOAD_REPORT (data.js, written by townhall.load.HtmlReport) with uPlot.
// Works from file://: every file is next to index.html and nothing is fetched.
(function () {
  'use strict';
  const report = window.LOAD_REPORT;
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#ca8a04'];

  function text(tag, content, cls) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }

  function fillTable(id, rows) {
    const table = document.getElementById(id);
    rows.forEach(([label, value]) => {
      const tr = document.createElement('tr');
      tr.appendChild(text('th', label));
      tr.appendChild(text('td', value));
      table.appendChild(tr);
    });
  }

  // x values of the percentile chart are "nines": 1 = 90 %, 2 = 99 %, 3 = 99.9 %
  function percentileLabel(nines) {
    const p = 100 * (1 - Math.pow(10, -nines));
    return (Math.round(p * 1000) / 1000) + '%';
  }

  function chart(spec, container) {
    const box = document.createElement('div');
    box.className = 'chart';
    box.appendChild(text('h3', spec.title));
    if (spec.note) box.appendChild(text('p', spec.note, 'note'));
    const plot = document.createElement('div');
    box.appendChild(plot);
    container.appendChild(box);
    if (!spec.x.length || !spec.series.length) {
      plot.appendChild(text('p', 'no data', 'note'));
      return;
    }
    const percentile = spec.kind === 'percentile';
    const opts = {
      width: Math.max(400, container.clientWidth - 10),
      height: 300,
      scales: { x: { time: false } },
      axes: [
        {
          label: spec.xLabel,
          values: percentile ? (u, ticks) => ticks.map(percentileLabel) : undefined,
          splits: percentile ? (u) => {
            const max = u.scales.x.max;
            const out = [];
            for (let n = 0; n <= max + 1e-9; n++) out.push(n);
            return out;
          } : undefined,
        },
        { label: spec.yLabel, size: 70 },
      ],
      series: [{ label: spec.xLabel, value: percentile ? (u, v) => v == null ? '' : percentileLabel(v) : undefined }]
        .concat(spec.series.map((s, i) => ({
          label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
          points: { show: spec.x.length < 60 },
        }))),
      cursor: { drag: { x: true, y: false } },
      legend: { live: false },
    };
    const data = [spec.x].concat(spec.series.map((s) => s.data));
    const u = new uPlot(opts, data, plot);
    window.addEventListener('resize', () => u.setSize({ width: Math.max(400, container.clientWidth - 10), height: 300 }));
  }

  document.getElementById('title').textContent = report.title;
  document.getElementById('subtitle').textContent = report.subtitle;
  const verdict = document.getElementById('verdict');
  verdict.appendChild(text('span', report.ok ? 'RESULT: OK' : 'RESULT: FAILED', 'verdict ' + (report.ok ? 'ok' : 'failed')));
  if (report.problems.length) {
    const list = document.createElement('ul');
    list.className = 'problems';
    report.problems.forEach((p) => list.appendChild(text('li', p)));
    verdict.appendChild(list);
  }
  fillTable('summary', report.summary);
  fillTable('parameters', report.parameters);
  const charts = document.getElementById('charts');
  report.charts.forEach((spec) => chart(spec, charts));
})();
