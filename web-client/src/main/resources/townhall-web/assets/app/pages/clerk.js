// Entry of the clerk's page (/clerk/<id>#token=…): a clerk beside the microphone, or at the desk with the paper
// slips, enters questions on behalf of people who ask without a phone. Built for speed with the keyboard only: the
// text, the person's name (optional, never public unless a moderator chooses), their area (the organization's list
// is offered), the channel as one key (1–6 on the channel choice; it stays for the next entry); Enter sends, and the next
// entry is ready at once with the focus back in the text. Beside the form, every question this clerk entered with
// its state as moderators move it (pending, live, answered…).
// A paper entry may carry a photo of its slip (issue 17): chosen in the form (a file picker, or the camera on a
// phone), uploaded over HTTP once the question is acknowledged, with the clerk's token in the Authorization header;
// each paper entry of the list can attach or replace its photo until a moderator publishes it.

import { classification, uploadSlip } from '../api.js';
import { hasString, initLanguage, onLangChange, t } from '../i18n.js';
import { takeLinkToken } from '../link-token.js';
import { Outbox } from '../outbox.js';
import * as protocol from '../protocol.js';
import { storage } from '../storage.js';
import { Store } from '../store.js';
import { SessionSync } from '../sync.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';
import { ErrorBanner } from '../views/error-banner.js';
import { Header } from '../views/header.js';

const $ = (id) => document.getElementById(id);
const CHANNELS = protocol.CLERK_CHANNELS;

function sessionIdFromPath(pathname) {
  const match = /^\/clerk\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function showOnly(id) {
  for (const name of ['clerk-desk', 'clerk-denied', 'clerk-expired', 'clerk-notfound']) setHidden($(name), name !== id);
}

/** The channel radio buttons, each with its key; the last channel chosen stays chosen for the next entry. */
function buildChannels(onChange) {
  const box = $('clerk-channels');
  const saved = storage.clerkChannel();
  const initial = CHANNELS.includes(saved) ? saved : CHANNELS[0];
  CHANNELS.forEach((channel, i) => {
    const label = el('label', 'clerk-channel');
    const input = el('input');
    input.type = 'radio';
    input.name = 'channel';
    input.value = channel;
    input.id = `clerk-channel-${channel}`;
    input.checked = channel === initial;
    input.setAttribute('aria-keyshortcuts', String(i + 1));
    input.addEventListener('change', onChange);
    const key = el('kbd', null, String(i + 1));
    const word = el('span', null, t(`clerk.channel.${channel}`));
    word.dataset.i18n = `clerk.channel.${channel}`;
    label.append(input, key, word);
    box.append(label);
  });
}

function chosenChannel() {
  return document.querySelector('input[name="channel"]:checked')?.value ?? CHANNELS[0];
}

function chooseChannel(index) {
  const input = $(`clerk-channel-${CHANNELS[index]}`);
  if (!input) return;
  input.checked = true;
  input.dispatchEvent(new Event('change'));
}

function main() {
  initLanguage($('lang-switch'));
  const header = new Header({
    title: $('session-title'), status: $('clerk-session-status'), code: $('clerk-code'),
    presence: $('clerk-presence'), conn: $('clerk-conn-state'),
  });
  header.render(null, null);
  onLangChange(() => header.refresh());
  const banner = new ErrorBanner({ box: $('error-box'), text: $('error-banner'), dismiss: $('error-dismiss') });
  onLangChange(() => banner.render());

  const sessionId = sessionIdFromPath(window.location.pathname);
  if (!sessionId) {
    showOnly('clerk-notfound');
    header.setMissing();
    return;
  }
  const token = takeLinkToken({
    get: () => storage.clerkToken(sessionId),
    set: (value) => storage.setClerkToken(sessionId, value),
  });
  if (!token) {
    showOnly('clerk-denied');
    header.setConnState('offline');
    return;
  }
  startDesk(sessionId, { header, banner });
}

function startDesk(sessionId, { header, banner }) {
  const store = new Store();
  /** Entries sent and not yet acknowledged, by ref: shown as "sending" at the top of the list. */
  const sending = new Map();
  const live = $('clerk-live-region');

  /** Photos chosen in the form, by the ref of their entry, until its ack names the question. */
  const slips = new Map();
  /** The photo upload of each question this page sent: uploading, attached or failed. */
  const slipStates = new Map();

  const renderNow = () => {
    // only a spoken question is being asked at the microphone; only a paper one has a slip to photograph
    const spoken = chosenChannel() === 'spoken';
    setHidden($('clerk-now-box'), !spoken);
    if (!spoken) $('clerk-now').checked = false;
    const paper = chosenChannel() === 'paper';
    setHidden($('clerk-slip-box'), !paper);
    if (!paper) $('clerk-slip').value = '';
  };
  buildChannels(() => {
    storage.setClerkChannel(chosenChannel());
    renderNow();
  });
  renderNow();

  classification(sessionId).then(({ areas }) => {
    const list = $('clerk-areas');
    for (const area of Array.isArray(areas) ? areas : []) {
      if (typeof area?.name !== 'string') continue;
      const option = el('option');
      option.value = area.name;
      list.append(option);
    }
  });

  const sync = new SessionSync({
    sessionId,
    store,
    outbox: new Outbox(sessionId, { persist: false }),
    tokens: {
      get: (id) => storage.clerkToken(id),
      set: (id, fresh, message) => {
        if (message.role === 'clerk') storage.setClerkToken(id, fresh);
      },
    },
    callbacks: {
      onConnState: (state) => header.setConnState(state),
      onHello: (message) => {
        if (message.role !== 'clerk') {
          // a moderator's or a resident's token is not a clerk's: this page enters on behalf of others only
          showOnly('clerk-denied');
          sync.stop();
          header.setConnState('offline');
          return false;
        }
        const first = $('clerk-desk').hidden;
        showOnly('clerk-desk');
        // the desk opens ready to type (a reconnect leaves the focus where the clerk has it)
        if (first) $('clerk-text').focus();
        return true;
      },
      onAck: (entry, ack) => {
        sending.delete(entry.ref);
        const file = slips.get(entry.ref);
        slips.delete(entry.ref);
        if (file && ack?.questionId) attachSlip(ack.questionId, file);
        renderEntries();
      },
      onError: (code, entry) => {
        if (entry?.ref) {
          sending.delete(entry.ref);
          slips.delete(entry.ref);
        }
        renderEntries();
        const key = hasString(`clerk.error.${code}`) ? `clerk.error.${code}`
          : hasString(`error.${code}`) ? `error.${code}` : 'error.unknown';
        banner.show(key, { max: store.session?.maxLength ?? protocol.DEFAULT_MAX_LENGTH });
      },
      onAskRefused: (entry) => {
        sending.delete(entry.ref);
        slips.delete(entry.ref);
        renderEntries();
      },
      onTerminal: (code) => {
        if (code === protocol.TOKEN_REFUSED_CLOSE) {
          storage.setClerkToken(sessionId, null);
          showOnly('clerk-expired');
          header.setConnState('offline');
          return;
        }
        showOnly('clerk-notfound');
        header.setMissing();
      },
    },
  });

  const attachSlip = (questionId, file) => {
    slipStates.set(questionId, 'uploading');
    renderEntries();
    uploadSlip(storage.clerkToken(sessionId), sessionId, questionId, file).then(() => {
      slipStates.set(questionId, 'attached');
      setText(live, t('slip.clerk.attached', { id: questionId }));
    }).catch((error) => {
      slipStates.set(questionId, 'failed');
      banner.show(hasString(`slip.error.${error.code}`) ? `slip.error.${error.code}` : 'slip.error');
    }).finally(renderEntries);
  };

  /** A paper entry's photo: what became of it, and a file field to attach or replace it until it is public. */
  const slipLine = (q) => {
    const line = el('p', 'clerk-entry-slip');
    const isPublic = q.slip?.public === true;
    const upload = slipStates.get(q.id);
    let state = 'none';
    if (isPublic) state = 'public';
    else if (upload === 'uploading' || upload === 'failed') state = upload;
    else if (q.slip || upload === 'attached') state = 'attached';
    const status = el('span', 'clerk-slip-state', t(`slip.clerk.state.${state}`));
    status.dataset.state = state;
    line.append(status);
    if (!isPublic && state !== 'uploading' && store.session?.status !== 'closed') {
      const input = el('input', 'clerk-slip-input');
      input.type = 'file';
      input.accept = 'image/jpeg,image/png,image/webp';
      input.id = `clerk-slip-${q.id}`;
      const label = el('label', 'clerk-slip-label', t(q.slip ? 'slip.clerk.replace' : 'slip.clerk.attach', { id: q.id }));
      label.htmlFor = input.id;
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file) attachSlip(q.id, file);
      });
      line.append(label, input);
    }
    return line;
  };

  const entryItem = ({ id, text, channel, area, speaker, status, votes, slip, slipWaiting }) => {
    const li = el('li', 'clerk-entry');
    const p = el('p', 'clerk-entry-text');
    setUserText(p, text);
    const meta = el('p', 'clerk-entry-meta');
    const badge = el('span', 'q-status', status ? t(`q.status.${status}`) : t('clerk.sending'));
    if (status) badge.dataset.status = status;
    meta.append(badge, el('span', null, t(`clerk.channel.${channel}`)));
    if (speaker) {
      const who = el('span');
      setUserText(who, speaker);
      meta.append(who);
    }
    if (area) {
      const where = el('span');
      setUserText(where, area);
      meta.append(where);
    }
    if (Number.isInteger(votes) && status) meta.append(el('span', null, t('clerk.votes', { n: votes })));
    li.append(p, meta);
    if (channel === 'paper' && status) li.append(slipLine({ id, slip }));
    else if (slipWaiting) li.append(el('p', 'clerk-entry-slip', t('slip.clerk.state.waiting')));
    return li;
  };

  const renderEntries = () => {
    const mine = [...store.mine].map((id) => store.questions.get(id)).filter(Boolean)
      .sort((a, b) => Number(b.id) - Number(a.id));
    const items = [...sending.values()].reverse().map(entryItem);
    for (const q of mine) items.push(entryItem(q));
    $('clerk-entries').replaceChildren(...items);
    setHidden($('clerk-entries-empty'), items.length > 0);
    const counts = CHANNELS.map((channel) => [channel, mine.filter((q) => q.channel === channel).length])
      .filter(([, n]) => n > 0).map(([channel, n]) => `${t(`clerk.channel.${channel}`)}: ${n}`);
    setText($('clerk-counts'), counts.length ? t('clerk.counts', { counts: counts.join(', ') }) : '');
  };

  store.subscribe((change) => {
    if (change.kind === 'presence' || change.kind === 'reset' || change.kind === 'session') {
      header.render(store.session, store.presence);
    }
    if (change.kind === 'reset' || change.kind === 'question' || change.kind === 'votes') renderEntries();
  });
  onLangChange(renderEntries);

  const send = () => {
    const text = $('clerk-text').value.trim();
    if (!text) {
      banner.show('clerk.error.empty');
      $('clerk-text').focus();
      return;
    }
    banner.clear();
    const onBehalf = {
      name: $('clerk-name').value.trim(),
      area: $('clerk-area').value.trim(),
      channel: chosenChannel(),
      askingNow: $('clerk-now').checked,
    };
    const file = onBehalf.channel === 'paper' ? $('clerk-slip').files?.[0] ?? null : null;
    const ref = sync.act(protocol.askOnBehalf(text, onBehalf));
    if (file) slips.set(ref, file);
    sending.set(ref, { text, channel: onBehalf.channel, area: onBehalf.area, speaker: onBehalf.name,
      slipWaiting: Boolean(file) });
    renderEntries();
    // the next entry at once: the channel stays, everything else is cleared, the focus goes back to the text
    $('clerk-text').value = '';
    $('clerk-name').value = '';
    $('clerk-area').value = '';
    $('clerk-now').checked = false;
    $('clerk-slip').value = '';
    $('clerk-text').focus();
    setText(live, t('clerk.sent'));
  };

  $('clerk-form').addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  $('clerk-form').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    // Shift+Enter: a new line in the text; Enter anywhere in the form (a radio, the checkbox too) sends
    if (event.target === $('clerk-text') && event.shiftKey) return;
    if (event.target instanceof HTMLButtonElement) return;
    if (event.target === $('clerk-slip')) return; // Enter on the photo field opens the file picker
    event.preventDefault();
    send();
  });
  // on the channel choice, one key picks it (Alt+digit is left alone: browsers switch tabs with it)
  $('clerk-channels').addEventListener('keydown', (event) => {
    const digit = /^[1-6]$/.test(event.key) ? Number(event.key) - 1 : -1;
    if (digit < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    chooseChannel(digit);
    $(`clerk-channel-${CHANNELS[digit]}`).focus();
  });

  sync.start();
}

main();
