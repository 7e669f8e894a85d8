// The resident's polls: each open poll with its answer form (radio buttons, check boxes up to the poll's max, the
// ratings 1 to 5, or a short text), then its results when the reader may see them; a closed poll shows its results.
// A card's form is built once per poll and status, so results coming in never reset what the reader is choosing.

import { POLL_TEXT_MAX_LENGTH } from '../protocol.js';
import { t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from './dom.js';
import { renderPollResults } from './poll-results.js';

/** The word cloud's canvas on a phone (drawn at this size, shown as wide as the card). */
const PHONE_CLOUD = { width: 640, height: 400 };

export class PollCards {
  /**
   * @param {HTMLElement} section the section that holds the cards (hidden while there is no poll to show)
   * @param {import('../store.js').Store} store
   * @param {(pollId: string, answer: object) => void} onAnswer
   */
  constructor(section, store, onAnswer) {
    this.section = section;
    this.store = store;
    this.onAnswer = onAnswer;
    this.cards = new Map(); // poll id -> {node, status, form, results, note}
    this.enabled = true;
  }

  /** Answering needs a connection and a participant who may take part. */
  setEnabled(enabled) {
    this.enabled = enabled;
    for (const card of this.cards.values()) card.submit && (card.submit.disabled = !enabled);
  }

  /** Polls to show: the open ones and those closed (with their final results), newest first. */
  shown() {
    return this.store.pollList().filter((p) => p.status !== 'draft').reverse();
  }

  render() {
    const polls = this.shown();
    const ids = new Set(polls.map((p) => p.id));
    for (const [id, card] of this.cards) {
      if (!ids.has(id)) {
        card.node.remove();
        this.cards.delete(id);
      }
    }
    for (const poll of polls) {
      let card = this.cards.get(poll.id);
      if (!card || card.status !== poll.status || card.lang !== document.documentElement.lang) {
        const fresh = this.build(poll);
        if (card) card.node.replaceWith(fresh.node);
        card = fresh;
        this.cards.set(poll.id, card);
      }
      renderPollResults(card.results, poll, { cloud: PHONE_CLOUD });
      const mine = this.store.myAnswers.get(poll.id);
      setText(card.note, mine ? t('poll.answered') : '');
      if (card.submit) setText(card.submit, t(mine ? 'poll.change' : 'poll.submit'));
    }
    // moved only when the order changed (moving a node takes the focus from it)
    const wanted = polls.map((p) => this.cards.get(p.id).node);
    const current = [...this.section.querySelectorAll(':scope > .poll-card')];
    if (wanted.length !== current.length || wanted.some((node, i) => current[i] !== node)) this.section.append(...wanted);
    setHidden(this.section, polls.length === 0);
  }

  build(poll) {
    const node = el('article', `poll-card poll-${poll.status}`);
    const headingId = `poll-q-${poll.id}`;
    node.setAttribute('aria-labelledby', headingId);
    const status = el('p', 'poll-status', t(`poll.status.${poll.status}`));
    const question = el('h3', 'poll-question');
    question.id = headingId;
    setUserText(question, poll.question);
    node.append(status, question);
    const card = { node, status: poll.status, lang: document.documentElement.lang };
    if (poll.status === 'open') {
      const form = this.form(poll, card);
      node.append(form);
    }
    card.note = el('p', 'poll-answered');
    card.note.setAttribute('role', 'status');
    card.results = el('div', 'poll-results');
    node.append(card.note, card.results);
    return card;
  }

  form(poll, card) {
    const form = el('form', 'poll-form');
    form.noValidate = true;
    const fieldset = el('fieldset', 'poll-fieldset');
    const legend = el('legend', 'visually-hidden');
    setUserText(legend, poll.question);
    fieldset.append(legend);
    const mine = this.store.myAnswers.get(poll.id);
    const name = `poll-${poll.id}`;
    let read;
    if (poll.kind === 'text') {
      const label = el('label', 'poll-text-label', t('poll.text.label', { max: POLL_TEXT_MAX_LENGTH }));
      const input = el('input', 'poll-text-input');
      input.type = 'text';
      input.id = `${name}-text`;
      input.maxLength = POLL_TEXT_MAX_LENGTH;
      input.autocomplete = 'off';
      input.value = mine?.text ?? '';
      label.htmlFor = input.id;
      fieldset.append(label, input);
      read = () => (input.value.trim() ? { text: input.value.trim() } : null);
    } else {
      const multiple = poll.kind === 'multiple';
      const labels = poll.kind === 'rating' ? [1, 2, 3, 4, 5].map((n) => t('poll.rating.value', { n })) : poll.options;
      if (multiple) fieldset.append(el('p', 'hint', t('poll.multiple.hint', { max: poll.max })));
      const inputs = labels.map((text, i) => {
        const row = el('label', 'poll-choice');
        const input = el('input');
        input.type = multiple ? 'checkbox' : 'radio';
        input.name = name;
        input.value = String(i);
        input.checked = poll.kind === 'rating' ? mine?.rating === i + 1 : Boolean(mine?.choices?.includes(i));
        const span = el('span', 'poll-choice-text');
        setUserText(span, text, poll.kind !== 'rating');
        row.append(input, span);
        fieldset.append(row);
        return input;
      });
      if (multiple) {
        // no more than max boxes can be ticked: the others are disabled once max are
        const limit = () => {
          const ticked = inputs.filter((i) => i.checked).length;
          for (const input of inputs) input.disabled = !input.checked && ticked >= poll.max;
        };
        fieldset.addEventListener('change', limit);
        limit();
      }
      read = () => {
        const picked = inputs.filter((i) => i.checked).map((i) => Number(i.value));
        if (!picked.length) return null;
        return poll.kind === 'rating' ? { rating: picked[0] + 1 } : { choices: picked };
      };
    }
    const submit = el('button', 'button primary poll-submit', t(mine ? 'poll.change' : 'poll.submit'));
    submit.type = 'submit';
    submit.disabled = !this.enabled;
    card.submit = submit;
    form.append(fieldset, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const answer = read();
      if (answer) this.onAnswer(poll.id, answer);
    });
    return form;
  }
}
