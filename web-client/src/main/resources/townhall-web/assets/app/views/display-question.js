// The question on stage, large, on the stage screen and the speaker view: its text (sized by its length so a long
// one still fits), author or "Anonymous", votes, its written answer, and one state: on stage now, or answered.

import { t } from '../i18n.js';
import { graphemeCount } from '../text.js';
import { setHidden, setText, setUserText } from './dom.js';

const SIZES = [[90, 'len-s'], [180, 'len-m'], [320, 'len-l'], [Infinity, 'len-xl']];

export function lengthClass(text) {
  const count = graphemeCount(text ?? '');
  return SIZES.find(([max]) => count <= max)[1];
}

export class DisplayQuestion {
  /** @param {{box: HTMLElement, empty: HTMLElement}} elements the box holds .q-text, .q-author, .q-votes */
  constructor({ box, empty }) {
    this.box = box;
    this.empty = empty;
    this.text = box.querySelector('.q-text');
    this.author = box.querySelector('.q-author');
    this.votes = box.querySelector('.q-votes');
    this.answer = box.querySelector('.q-answer');
    this.answerBox = box.querySelector('.q-answer-box');
    this.label = box.querySelector('.display-label');
    this.topic = box.querySelector('.q-topic'); // the stage shows the question's topic (issue 17)
    this.topicNames = new Map(); // topic key -> name, set by the page (setTopicNames)
    this.shownId = null;
  }

  /** @param question the question on stage, or null */
  render(question) {
    setHidden(this.box, !question);
    setHidden(this.empty, Boolean(question));
    if (!question) {
      this.shownId = null;
      return;
    }
    this.box.dataset.id = question.id;
    // one badge: a question marked answered says so instead of "being answered"
    const state = question.status === 'answered' ? 'answered' : 'onstage';
    this.box.dataset.state = state;
    if (this.label) setText(this.label, t(state === 'answered' ? 'q.status.answered' : 'q.onstage'));
    setUserText(this.text, question.text);
    for (const [, name] of SIZES) this.text.classList.toggle(name, name === lengthClass(question.text));
    setUserText(this.author, question.author || t('q.anonymous'), Boolean(question.author));
    this.author.classList.toggle('is-anonymous', !question.author);
    this.renderVotes(question);
    if (this.topic) {
      setHidden(this.topic, !question.topic);
      setText(this.topic, question.topic ? (this.topicNames.get(question.topic) ?? question.topic) : '');
    }
    if (this.answerBox) {
      const answer = question.answer?.text ?? '';
      setHidden(this.answerBox, !answer);
      setUserText(this.answer, answer);
    }
    if (this.shownId !== question.id) {
      // A new question: replay the entrance animation (CSS; none when reduced motion is asked for).
      this.box.classList.remove('is-new');
      void this.box.offsetWidth;
      this.box.classList.add('is-new');
      this.shownId = question.id;
    }
  }

  /** @param {Map<string, string>} names the session's topic names by key, in the page's language */
  setTopicNames(names) {
    this.topicNames = names;
  }

  renderVotes(question) {
    if (question) setText(this.votes, String(question.votes ?? 0));
  }
}
