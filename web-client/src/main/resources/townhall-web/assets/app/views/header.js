// The header: session title, status, join code, participant count and the connection state.

import { t } from '../i18n.js';
import { setAttr, setText, setUserText } from './dom.js';

export class Header {
  constructor({ title, status, code, presence, conn }) {
    this.els = { title, status, code, presence, conn };
    this.connState = conn.dataset.state || 'connecting';
    this.session = null;
    this.presence = null;
    this.missing = false;
  }

  /** No session with this code: the title says so. */
  setMissing() {
    this.missing = true;
    this.setConnState('offline');
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
