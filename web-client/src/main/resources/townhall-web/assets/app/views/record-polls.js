// The record's polls: each with its question, kind, when it opened and closed, and its final results as a Chart.js
// bar chart (on screen) and a table of the same counts (on screen and in the printed minutes: the numbers read as
// text); a text poll's words (its word cloud at the close, when the record holds it) and answers as lists.

import { t } from '../i18n.js';
import { dateTime } from '../record-text.js';
import { el, setHidden, setUserText } from './dom.js';

export class RecordPolls {
  /** @param {{section: HTMLElement, list: HTMLElement}} els */
  constructor(els) {
    this.els = els;
    this.charts = [];
  }

  render(record) {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    const polls = record.polls ?? [];
    setHidden(this.els.section, polls.length === 0);
    this.els.list.replaceChildren(...polls.map((poll) => this.poll(poll)));
  }

  poll(poll) {
    const item = el('li', 'rec-poll');
    const question = el('h3', 'rec-poll-question');
    setUserText(question, poll.question);
    const meta = el('p', 'rec-poll-meta', [
      t(`poll.kind.${poll.kind}`),
      t('rec.poll.opened', { time: dateTime(poll.openedAt) }),
      poll.closedAt ? t('rec.poll.closed', { time: dateTime(poll.closedAt) }) : t('rec.poll.open'),
      Number.isInteger(poll.answers) ? t('poll.answers', { n: poll.answers }) : null,
      poll.hiddenAnswers ? t('rec.poll.hiddenAnswers', { n: poll.hiddenAnswers }) : null,
    ].filter(Boolean).join(' · '));
    item.append(question, meta);
    if (!poll.counts) return item;
    if (poll.kind === 'text') {
      if (poll.words?.length) {
        // the word cloud at the close, as words with their counts (on screen and in the printed minutes)
        const words = el('ol', 'rec-poll-words');
        words.setAttribute('aria-label', t('cloud.words'));
        for (const word of poll.words) {
          const li = el('li');
          const text = el('span', 'cloud-word');
          setUserText(text, word.word);
          li.append(text, ' ', el('span', 'cloud-count', t('cloud.count', { n: word.count })));
          words.append(li);
        }
        item.append(el('p', 'rec-poll-words-title', t('cloud.words')), words);
      }
      const texts = el('ul', 'rec-poll-texts');
      for (const answer of poll.texts ?? []) {
        const li = el('li');
        setUserText(li, answer.text);
        texts.append(li);
      }
      item.append(texts.childElementCount ? texts : el('p', 'hint', t('poll.texts.none')));
      return item;
    }
    const labels = poll.kind === 'rating' ? [1, 2, 3, 4, 5].map((n) => t('poll.rating.value', { n })) : poll.options;
    const table = el('table', 'rec-poll-table');
    const caption = el('caption', 'visually-hidden');
    setUserText(caption, poll.question);
    const head = el('tr');
    head.append(el('th', null, t('rec.poll.option')), el('th', null, t('rec.poll.count')));
    head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
    const body = el('tbody');
    labels.forEach((label, i) => {
      const row = el('tr');
      const name = el('th');
      name.setAttribute('scope', 'row');
      setUserText(name, label, poll.kind !== 'rating');
      const count = poll.counts[i] ?? 0;
      const share = poll.answers ? Math.round((count * 100) / poll.answers) : 0;
      row.append(name, el('td', null, t('poll.count', { count, share })));
      body.append(row);
    });
    const thead = el('thead');
    thead.append(head);
    table.append(caption, thead, body);
    const Chart = window.Chart;
    if (Chart) {
      const box = el('div', 'rec-chart-box rec-screen-only');
      const canvas = el('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', labels.map((label, i) => `${label}: ${poll.counts[i] ?? 0}`).join(', '));
      box.append(canvas);
      item.append(box);
      const text = getComputedStyle(document.body).color;
      this.charts.push(new Chart(canvas, {
        type: 'bar',
        data: { labels, datasets: [{ label: t('rec.poll.count'), data: poll.counts, backgroundColor: '#1f4fa3' }] },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, indexAxis: 'y',
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true, ticks: { color: text, precision: 0 } }, y: { ticks: { color: text } } },
        },
      }));
    }
    item.append(table);
    return item;
  }
}
