// The record's classified summary (issue 17, "the table a ward sends up to the district"): the questions counted by
// topic and fate, by area and by channel, a bar chart of the topics (Chart.js, window.Chart), and the text of every
// question grouped by topic — only the texts the record shows; one it withholds is counted, its text not shown.
// Topic and area names come from the session's lists (GET /api/sessions/{id}/classification); a key the lists no
// longer hold is shown as it is.

import { hasString, lang, t } from '../i18n.js';
import { FATES } from '../record-text.js';
import { el } from './dom.js';

/** The session's topic and area names by key: {topics: Map, areas: Map}; empty maps when they cannot be read. */
export async function fetchClassification(sessionId) {
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/classification`);
    if (!response.ok) return { topics: [], areas: [] };
    return await response.json();
  } catch {
    return { topics: [], areas: [] };
  }
}

export function topicName(lists, key) {
  if (key === null || key === undefined) return t('topic.none');
  const topic = (lists?.topics ?? []).find((x) => x.key === key);
  if (!topic) return key;
  return lang() === 'en' ? topic.name_en : topic.name_vi;
}

function areaName(lists, key) {
  if (key === null || key === undefined) return t('topic.area.none');
  return (lists?.areas ?? []).find((x) => x.key === key)?.name ?? key;
}

function cell(tag, text, className) {
  const c = el(tag, className ?? null, String(text));
  if (tag === 'th') c.setAttribute('scope', 'row');
  return c;
}

function table(caption, headers, rows) {
  const tableEl = el('table', 'rec-classified-table');
  tableEl.append(el('caption', null, caption));
  const head = el('tr');
  for (const h of headers) {
    const th = el('th', null, h);
    th.setAttribute('scope', 'col');
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((value, i) => tr.append(cell(i === 0 ? 'th' : 'td', value)));
    tbody.append(tr);
  }
  tableEl.append(thead, tbody);
  // a wide table scrolls inside its own box on a narrow phone, never the page; the box takes the keyboard's focus
  const box = el('div', 'rec-classified-scroll');
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', caption);
  box.append(tableEl);
  return box;
}

export class RecordClassified {
  /** @param {{box: HTMLElement, chart: HTMLCanvasElement}} els */
  constructor(els) {
    this.els = els;
    this.chart = null;
  }

  render(record, lists) {
    const summary = record.summary;
    this.chart?.destroy();
    this.chart = null;
    if (!summary) {
      this.els.box.replaceChildren(el('p', 'hint', t('rec.classified.none')));
      return;
    }
    const byId = new Map(record.questions.map((q) => [q.id, q]));
    const fateHeaders = FATES.map((fate) => t(`rec.fate.${fate}`));
    const topicRows = summary.topics.map((row) => [topicName(lists, row.topic), row.questions,
      ...FATES.map((fate) => row.fates[fate] ?? 0)]);
    const parts = [
      table(t('rec.classified.byTopic'), [t('rec.classified.topic'), t('rec.classified.questions'), ...fateHeaders],
        topicRows),
      table(t('rec.classified.byArea'), [t('rec.classified.area'), t('rec.classified.questions')],
        summary.areas.map((row) => [areaName(lists, row.area), row.questions])),
      table(t('rec.classified.byChannel'), [t('rec.classified.channel'), t('rec.classified.questions')],
        summary.channels.map((row) => [hasString(`rec.channel.${row.channel}`) ? t(`rec.channel.${row.channel}`) : row.channel, row.questions])),
    ];
    const groups = el('div', 'rec-classified-groups');
    for (const row of summary.topics) {
      const group = el('section', 'rec-classified-group');
      group.append(el('h3', null, `${topicName(lists, row.topic)} (${row.questions})`));
      const list = el('ol', 'rec-classified-texts');
      for (const id of row.ids) {
        const q = byId.get(id);
        if (q && q.text !== null) list.append(el('li', null, `#${id} ${q.text}`));
      }
      group.append(list);
      if (row.notShown > 0) group.append(el('p', 'hint', t('rec.classified.notShown', { count: row.notShown })));
      groups.append(group);
    }
    parts.push(el('h3', null, t('rec.classified.texts')), groups);
    this.els.box.replaceChildren(...parts);
    const Chart = window.Chart;
    if (!Chart) return;
    const text = getComputedStyle(document.body).color;
    this.els.chart.setAttribute('aria-label', t('rec.classified.chart.summary', {
      topics: summary.topics.length, questions: record.questions.length,
    }));
    this.chart = new Chart(this.els.chart, {
      type: 'bar',
      data: {
        labels: summary.topics.map((row) => topicName(lists, row.topic)),
        datasets: [{ label: t('rec.classified.questions'), data: summary.topics.map((row) => row.questions),
          backgroundColor: '#1f4fa3' }],
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { color: text, precision: 0 } }, y: { ticks: { color: text } } },
      },
    });
  }
}
