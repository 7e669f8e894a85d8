// "My pending questions": asks in the outbox that the server has not acknowledged yet. Few at a time, so the
// list is simply redrawn.

import { t } from '../i18n.js';
import { el, setHidden } from './dom.js';

export class PendingAsks {
  constructor({ section, list, outbox }) {
    this.section = section;
    this.list = list;
    this.outbox = outbox;
    this.online = false;
    outbox.subscribe(() => this.render());
  }

  setOnline(online) {
    this.online = online;
    this.render();
  }

  render() {
    const asks = this.outbox.asks();
    const status = t(this.online ? 'pending.sending' : 'pending.waiting');
    const items = asks.map((ask) => {
      const li = el('li', 'pending-ask');
      li.dataset.ref = ask.ref;
      const text = el('p', 'pending-text', ask.text);
      text.lang = '';
      li.append(text, el('p', 'pending-status', status));
      return li;
    });
    this.list.replaceChildren(...items);
    setHidden(this.section, asks.length === 0);
  }
}
