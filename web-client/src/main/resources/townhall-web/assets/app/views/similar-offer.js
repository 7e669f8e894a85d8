// While a resident types a question, the questions already in the session that look like it (up to three, from
// GET /api/sessions/{id}/similar: with or without diacritics, in Telex, in another word order), each with a one-tap
// upvote, so the resident can back the question that is already there instead of asking it again. Asked once the
// typing stops (DEBOUNCE_MS) and the text has a few words; an answer to older text is dropped.

import { t } from '../i18n.js';
import { el, setAttr, setHidden, setText, setUserText } from './dom.js';

/** Asked this long after the last keystroke. */
export const DEBOUNCE_MS = 300;
/** Fewer words than this say too little to compare. */
export const MIN_WORDS = 3;
/** The text sent is cut here: the first words say what a question is about, and the URL stays short. */
const MAX_CHARS = 200;

export class SimilarOffer {
  /**
   * @param els {{section, list, text}} the offer's section and list, and the ask form's textarea
   * @param deps {{find: (text: string) => Promise<{similar: Array<{id: string, text: string}>}>,
   *   hasVoted: (id: string) => boolean, onVote: (id: string) => void, say: (text: string) => void}}
   */
  constructor(els, deps) {
    this.els = els;
    this.deps = deps;
    this.found = [];
    this.asked = 0; // numbers the requests, so only the answer to the newest text is shown
    this.timer = null;
    this.enabled = true;
    els.text.addEventListener('input', () => this.typed());
    this.render();
  }

  /** Nothing is offered while the resident may not vote (a closed session, a ban). */
  setEnabled(enabled) {
    this.enabled = enabled;
    if (!enabled) this.clear();
  }

  typed() {
    clearTimeout(this.timer);
    const text = this.els.text.value.trim();
    if (!this.enabled || text.split(/\s+/u).filter(Boolean).length < MIN_WORDS) {
      this.clear();
      return;
    }
    this.timer = setTimeout(() => this.look(text.slice(0, MAX_CHARS)), DEBOUNCE_MS);
  }

  async look(text) {
    const number = ++this.asked;
    let found = [];
    try {
      found = (await this.deps.find(text))?.similar ?? [];
    } catch {
      return; // not reachable, or too many lookups: the form works as before, nothing is offered
    }
    if (number !== this.asked || !this.enabled) return;
    const before = this.found.length;
    this.found = found.slice(0, 3);
    this.render();
    if (this.found.length > 0 && before === 0) this.deps.say(t('similar.announce', { count: this.found.length }));
  }

  clear() {
    clearTimeout(this.timer);
    this.asked += 1;
    if (this.found.length === 0) return;
    this.found = [];
    this.render();
  }

  /** Redraws the offer (after a vote, a language change). */
  render() {
    const { section, list } = this.els;
    setHidden(section, this.found.length === 0);
    list.replaceChildren(...this.found.map((question) => this.item(question)));
  }

  item(question) {
    const li = el('li', 'similar-item');
    const text = el('p', 'similar-text');
    setUserText(text, question.text);
    const voted = this.deps.hasVoted(question.id);
    const button = el('button', 'button similar-vote', t(voted ? 'similar.voted' : 'similar.vote'));
    button.type = 'button';
    button.disabled = voted;
    setAttr(button, 'data-question-id', question.id);
    setAttr(button, 'aria-pressed', voted ? 'true' : 'false');
    button.addEventListener('click', () => {
      this.deps.onVote(question.id);
      setText(button, t('similar.voted'));
      setAttr(button, 'aria-pressed', 'true');
      button.disabled = true;
      this.deps.say(t('similar.thanks'));
    });
    li.append(text, button);
    return li;
  }
}
