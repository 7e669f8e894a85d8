// The header: session title, status, join code, participant count and the connection state.

import { t } from '../i18n.js';
import { setAttr, setHidden, setText, setUserText } from './dom.js';

export class Header {
  constructor({ title, status, code, presence, conn }) {
    this.els = { title, status, code, presence, conn };
    this.connState = conn.dataset.state || 'connecting';
    this.session = null;
    this.presence = null;
    this.missing = false;
  }

  /**
   * No session with this code: the title says so, and nothing else of a session shows (no connection state, no
   * participant count: there is nothing to connect to, which is not the same as having lost the connection).
   */
  setMissing() {
    this.missing = true;
    setHidden(this.els.conn, true);
    setHidden(this.els.presence.closest('.presence') ?? this.els.presence, true);
    this.refresh();
  }

  refresh() {
    this.render(this.session, this.presence);
  }

  render(session, presence) {
    this.session = session;
    this.presence = presence;
    const { title, status, code, presence: count } = this.els;
    const titled = !this.missing && Boolean(session?.title);
    setUserText(title, titled ? session.title : t(this.missing ? 'notfound.title' : 'page.loading'), titled);
    document.title = session?.title ? t('page.title', { title: session.title }) : 'Townhall';
    const state = session?.status ?? 'open';
    setAttr(status, 'data-status', state);
    setText(status, session ? t(`status.${state}`) : '');
    setText(code, session?.code ? t('page.code', { code: session.code }) : '');
    setText(count, Number.isInteger(presence) ? String(presence) : '–');
    this.renderConn();
  }

  setConnState(state) {
    this.connState = state;
    this.renderConn();
  }

  renderConn() {
    setAttr(this.els.conn, 'data-state', this.connState);
    setText(this.els.conn, t(`conn.${this.connState}`));
  }
}
