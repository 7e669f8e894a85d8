// The record's charts, drawn by Chart.js (served from our own origin; window.Chart): participants and upvotes
// over time, questions over time, and the questions' fates. Each canvas has a text summary as its accessible name.
// No animation: the charts are drawn once per language, and printed or read as they are.

import { t } from '../i18n.js';
import { FATES, bucketLabel } from '../record-text.js';

const FATE_COLORS = {
  answered: '#1b6b3a', merged: '#1f4fa3', rejected: '#a3231b', open: '#c98a00', not_reviewed: '#8a5a00', withdrawn: '#6b7280',
  archived: '#6d4aa8',
};

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

function bucketLabels(activity, dayOf) {
  return activity.joins.map((_, i) => bucketLabel(activity.from + i * activity.bucketMs, activity.bucketMs, dayOf));
}

function baseOptions() {
  const text = getComputedStyle(document.body).color;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { color: text } } },
    scales: {
      x: { ticks: { color: text, maxRotation: 0, autoSkip: true } },
      y: { beginAtZero: true, ticks: { color: text, precision: 0 } },
    },
  };
}

export class RecordCharts {
  /** @param {{participation: HTMLCanvasElement, questions: HTMLCanvasElement, fates: HTMLCanvasElement, missing: HTMLElement}} els */
  constructor(els) {
    this.els = els;
    this.charts = [];
  }

  /** Draws the charts of `record` anew (in the current language); answers false when Chart.js is not there. */
  render(record) {
    this.destroy();
    const Chart = window.Chart;
    this.els.missing.hidden = Boolean(Chart);
    if (!Chart) return false;
    const { activity, totals } = record;
    const dayOf = record.session.createdAt;
    const labels = bucketLabels(activity, dayOf);

    this.describe(this.els.participation, 'rec.chart.participation.summary',
      { joins: sum(activity.joins), votes: sum(activity.votes) });
    this.charts.push(new Chart(this.els.participation, {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: t('rec.chart.joins'), data: activity.joins, borderColor: '#1f4fa3', backgroundColor: '#1f4fa3', tension: 0.2 },
          { label: t('rec.chart.votes'), data: activity.votes, borderColor: '#b93c0b', backgroundColor: '#b93c0b', tension: 0.2 },
        ],
      },
      options: baseOptions(),
    }));

    this.describe(this.els.questions, 'rec.chart.questions.summary', { count: sum(activity.questions) });
    this.charts.push(new Chart(this.els.questions, {
      type: 'bar',
      data: { labels, datasets: [{ label: t('rec.chart.asked'), data: activity.questions, backgroundColor: '#1f4fa3' }] },
      options: baseOptions(),
    }));

    const counts = FATES.map((fate) => totals[fate.replace(/_(\w)/g, (_, c) => c.toUpperCase())] ?? 0);
    this.els.fates.setAttribute('aria-label', FATES.map((fate, i) => `${t(`rec.fate.${fate}`)}: ${counts[i]}`).join(', '));
    const options = baseOptions();
    options.indexAxis = 'y';
    options.plugins.legend = { display: false };
    this.charts.push(new Chart(this.els.fates, {
      type: 'bar',
      data: {
        labels: FATES.map((fate) => t(`rec.fate.${fate}`)),
        datasets: [{ label: t('rec.chart.fates'), data: counts, backgroundColor: FATES.map((fate) => FATE_COLORS[fate]) }],
      },
      options: { ...options, scales: { x: options.scales.y, y: options.scales.x } },
    }));
    return true;
  }

  describe(canvas, key, params) {
    canvas.setAttribute('aria-label', t(key, params));
  }

  destroy() {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}
