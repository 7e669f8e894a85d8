// Entry of the speaker view (/speaker/<id>) for the leader's tablet: the question on stage, large, and the next
// questions by votes. Nothing else. Read-only, with the stage token of its link.

import { frameScheduler, startDisplay } from '../display.js';
import { onLangChange, t } from '../i18n.js';
import { setHidden, setUserText } from '../views/dom.js';
import { Announcements } from '../views/announcements.js';
import { DisplayQuestion } from '../views/display-question.js';
import { NextList } from '../views/next-list.js';

const $ = (id) => document.getElementById(id);

function main() {
  const shown = startDisplay({
    path: /^\/speaker\/([^/]+)\/?$/,
    conn: $('conn-state'),
    onMissing: () => {
      setHidden($('speaker'), true);
      setHidden($('speaker-invalid'), true);
      setHidden($('speaker-missing'), false);
    },
    onInvalidLink: () => {
      setHidden($('speaker'), true);
      setHidden($('speaker-missing'), true);
      setHidden($('speaker-invalid'), false);
    },
  });
  if (!shown) return;
  const { store } = shown;
  const current = new DisplayQuestion({ box: $('speaker-question'), empty: $('speaker-empty') });
  const next = new NextList({ list: $('speaker-next'), empty: $('speaker-next-empty'), limit: 5 });
  const render = () => {
    current.render(store.stage ? store.questions.get(store.stage) ?? null : null);
    next.render(store);
  };
  const schedule = frameScheduler(render);
  new Announcements($('speaker-live-region'), store, { answers: false, mine: false });
  const renderTitle = () => {
    const title = store.session?.title;
    setUserText($('speaker-title'), title || 'Townhall', Boolean(title));
    if (title) document.title = t('page.title', { title });
  };
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'session') renderTitle();
    if (change.kind === 'votes' && change.ids.includes(store.stage)) current.renderVotes(store.questions.get(store.stage));
    if (['reset', 'question', 'stage', 'votes'].includes(change.kind)) schedule();
  });
  onLangChange(render);
  render();
}

main();
