// Entry of the stage screen (/stage/<id>) for a projector: the question on stage, huge; the next five by votes;
// the join code, QR code and link; the live participant count. Read-only, with the stage token of its link.

import { audienceUrl, qrUrl } from '../api.js';
import { frameScheduler, startDisplay } from '../display.js';
import { onLangChange, t } from '../i18n.js';
import { setAttr, setHidden, setText } from '../views/dom.js';
import { Announcements } from '../views/announcements.js';
import { DisplayQuestion, lengthClass } from '../views/display-question.js';
import { NextList } from '../views/next-list.js';

const $ = (id) => document.getElementById(id);

function main() {
  const shown = startDisplay({
    path: /^\/stage\/([^/]+)\/?$/,
    conn: $('conn-state'),
    onMissing: () => {
      setHidden($('stage'), true);
      setHidden($('stage-invalid'), true);
      setHidden($('stage-missing'), false);
    },
    onInvalidLink: () => {
      setHidden($('stage'), true);
      setHidden($('stage-missing'), true);
      setHidden($('stage-invalid'), false);
    },
  });
  if (!shown) return;
  const { store, sessionId } = shown;
  setAttr($('stage-qr'), 'src', qrUrl(sessionId));

  const current = new DisplayQuestion({ box: $('stage-question'), empty: $('stage-empty') });
  const next = new NextList({ list: $('stage-next'), empty: $('stage-next-empty'), limit: 5 });

  const renderSession = () => {
    const session = store.session;
    setText($('stage-title'), session?.title ?? '');
    if (session?.title) document.title = t('page.title', { title: session.title });
    const code = session?.code ?? '';
    setText($('stage-code'), code);
    setText($('stage-url'), code ? audienceUrl(code).replace(/^https?:\/\//, '') : '');
    const status = session?.status ?? 'open';
    setAttr($('stage-status'), 'data-status', status);
    setText($('stage-status'), status === 'open' ? '' : t(`status.${status}`));
    setHidden($('stage-status'), status === 'open');
  };
  const renderPresence = () => setText($('stage-presence'), Number.isInteger(store.presence) ? String(store.presence) : '–');
  const renderQuestions = () => {
    const onStage = store.stage ? store.questions.get(store.stage) ?? null : null;
    current.render(onStage);
    next.render(store);
    // A long question needs the room: the "next" list then shows fewer lines (CSS), so nothing spills off screen.
    $('stage').dataset.length = onStage ? lengthClass(onStage.text) : 'none';
  };
  const scheduleQuestions = frameScheduler(renderQuestions);
  new Announcements($('stage-live-region'), store, { answers: false, mine: false });

  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'session') renderSession();
    if (change.kind === 'reset' || change.kind === 'presence') renderPresence();
    if (change.kind === 'votes' && change.ids.includes(store.stage)) current.renderVotes(store.questions.get(store.stage));
    if (['reset', 'question', 'stage', 'votes'].includes(change.kind)) scheduleQuestions();
  });
  onLangChange(() => {
    renderSession();
    renderQuestions();
  });
  renderSession();
  renderPresence();
  renderQuestions();
}

main();
