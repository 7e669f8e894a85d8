// The poll on a big screen (the stage, the speaker's tablet): the open poll (the one opened last), else the poll
// closed last, for a while after its close, with its results as bars and numbers or a text poll's word cloud (or,
// while hidden, a note that they come at the close). While a poll is shown it takes the place of the next questions.

import { setHidden, setUserText } from './dom.js';
import { renderPollResults } from './poll-results.js';

/** How long a closed poll's final results stay on the screen. */
const CLOSED_SHOWN_MS = 10 * 60 * 1000;

/** The poll a big screen shows now, or null. */
export function pollOnScreen(polls, now = Date.now()) {
  let shown = null;
  for (const poll of polls) {
    const at = poll.status === 'open' ? poll.openedAt : poll.status === 'closed' ? poll.closedAt : null;
    if (!at) continue;
    if (poll.status === 'closed' && now - at > CLOSED_SHOWN_MS) continue;
    const open = poll.status === 'open';
    const best = shown && (shown.status === 'open' ? shown.openedAt : shown.closedAt);
    // an open poll wins over a closed one; of two alike the later one
    if (!shown || (open && shown.status !== 'open') || (open === (shown.status === 'open') && at > best)) shown = poll;
  }
  return shown;
}

export class PollDisplay {
  /**
   * @param {{section: HTMLElement, question: HTMLElement, results: HTMLElement, replaces?: HTMLElement}} parts
   * @param {{width: number, height: number}} [cloud] the pixels of a text poll's word cloud on this screen
   * @param {{endScreen?: boolean}} [options] endScreen: the screen has an end screen of its own once the session is
   *     closed (the stage), which the poll leaves alone
   */
  constructor(parts, cloud = { width: 1200, height: 600 }, { endScreen = false } = {}) {
    this.parts = parts;
    this.cloud = cloud;
    this.endScreen = endScreen;
    this.timer = null;
  }

  render(store) {
    // a closed session's end screen takes the whole screen (and hides what the poll would give back)
    const ended = this.endScreen && store.session?.status === 'closed';
    const poll = ended ? null : pollOnScreen(store.pollList());
    setHidden(this.parts.section, !poll);
    if (this.parts.replaces && !ended) setHidden(this.parts.replaces, Boolean(poll));
    clearTimeout(this.timer);
    if (!poll) return;
    this.parts.section.dataset.status = poll.status;
    setUserText(this.parts.question, poll.question);
    // a text poll shows its word cloud (and the words as a list): a big screen has no room for every answer
    renderPollResults(this.parts.results, poll, { cloud: this.cloud, texts: false });
    if (poll.status === 'closed') this.timer = setTimeout(() => this.render(store), 30_000);
  }
}
