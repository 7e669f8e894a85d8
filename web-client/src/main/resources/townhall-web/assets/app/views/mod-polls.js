// The console's polls: a form to prepare one (kind, question, options one per line, max, results hidden until close)
// and the session's polls, each with its status, the action that comes next (open a draft, close an open poll) and
// its results as they come in (moderators see them even while hidden from the hall); a text poll's answers each
// with a button that hides it. Plain form controls and buttons: usable with the keyboard alone.

import { pollAction, pollCreate } from '../protocol.js';
import { t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from './dom.js';
import { renderPollResults } from './poll-results.js';

export class PollsPanel {
  /**
   * @param {object} nodes form, kind, question, options, optionsRow, max, maxRow, hidden, list, empty, notice
   * @param {import('../store.js').Store} store
   * @param {(message: object) => string} act queues an action; answers its ref
   */
  constructor(nodes, store, act) {
    this.nodes = nodes;
    this.store = store;
    this.act = act;
    this.creating = new Set();
    nodes.kind.addEventListener('change', () => this.renderForm());
    nodes.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create();
    });
    this.renderForm();
  }

  /** Shows the option list and max only for the kinds that take them. */
  renderForm() {
    const kind = this.nodes.kind.value;
    setHidden(this.nodes.optionsRow, kind !== 'single' && kind !== 'multiple');
    setHidden(this.nodes.maxRow, kind !== 'multiple');
  }

  create() {
    const kind = this.nodes.kind.value;
    const definition = { kind, question: this.nodes.question.value.trim(), hidden: this.nodes.hidden.checked };
    if (kind === 'single' || kind === 'multiple') {
      definition.options = this.nodes.options.value.split('\n').map((line) => line.trim()).filter(Boolean);
    }
    if (kind === 'multiple' && this.nodes.max.value) definition.max = Number(this.nodes.max.value);
    this.creating.add(this.act(pollCreate(definition)));
  }

  /** An ack of this console's create: the form is emptied for the next poll. */
  acked(entry) {
    if (entry?.type !== 'poll' || !this.creating.delete(entry.ref)) return;
    this.nodes.question.value = '';
    this.nodes.options.value = '';
    this.nodes.max.value = '';
    this.nodes.hidden.checked = false;
    setText(this.nodes.notice, t('poll.created'));
    setHidden(this.nodes.notice, false);
  }

  refused(entry) {
    if (entry?.type === 'poll') this.creating.delete(entry.ref);
  }

  render() {
    const { list, empty } = this.nodes;
    const polls = this.store.pollList().reverse();
    // keep the focus on the button that had it when the list is drawn again
    const focused = document.activeElement?.dataset?.pollKey;
    list.replaceChildren(...polls.map((poll) => this.item(poll)));
    if (focused) list.querySelector(`[data-poll-key="${CSS.escape(focused)}"]`)?.focus();
    setHidden(empty, polls.length > 0);
  }

  item(poll) {
    const item = el('li', `mod-poll poll-${poll.status}`);
    const head = el('div', 'mod-poll-head');
    const question = el('h3', 'mod-poll-question');
    setUserText(question, poll.question);
    const facts = el('p', 'mod-poll-facts', [t(`poll.kind.${poll.kind}`), t(`poll.status.${poll.status}`)]
      .concat(poll.hidden ? [t('poll.results.private')] : []).join(' · '));
    head.append(question, facts);
    item.append(head);
    if (poll.options?.length) {
      const options = el('ol', 'mod-poll-options');
      for (const option of poll.options) {
        const li = el('li');
        setUserText(li, option);
        options.append(li);
      }
      if (poll.status === 'draft') item.append(options);
    }
    const next = poll.status === 'draft' ? 'open' : poll.status === 'open' ? 'close' : null;
    if (next) {
      const button = el('button', `button ${next === 'open' ? 'primary' : ''}`, t(`poll.${next}`));
      button.type = 'button';
      button.dataset.pollKey = `${poll.id}:${next}`;
      button.addEventListener('click', () => this.act(pollAction(next, poll.id)));
      item.append(button);
    }
    if (poll.status !== 'draft') {
      const results = el('div', 'poll-results');
      renderPollResults(results, poll, poll.kind === 'text'
        ? { onHide: (n) => this.act(pollAction('hide', poll.id, n)) } : {});
      item.append(results);
    }
    return item;
  }
}

