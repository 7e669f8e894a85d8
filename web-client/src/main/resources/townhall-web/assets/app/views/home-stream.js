// Livestream settings on /home (issue 18), for those who may manage an organization's sessions: the sites that may
// put the resident widget (/embed/<code>) of every session of an organization in an iframe (PUT /api/orgs/{slug}/
// stream), and one session's stream link and its own sites (PUT /api/sessions/{id}/stream), one origin a line. The
// server checks every origin (https://host[:port], nothing after it) and refuses a bad list whole, changing nothing.

import { call } from '../home-api.js';
import { t } from '../i18n.js';
import { setHidden, setText } from './dom.js';

const $ = (id) => document.getElementById(id);

function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function refused(answer) {
  return t('home.embed.refused', { message: answer.json?.message ?? answer.status });
}

/** The organization's card; `csrf()` gives the sign-in's CSRF token. */
export function wireEmbedding(csrf) {
  const org = () => $('home-embed-org').value;
  const load = async () => {
    if (!org()) return;
    setText($('home-embed-out'), '');
    const answer = await call(`/api/orgs/${encodeURIComponent(org())}/stream`);
    if (answer.status !== 200) {
      setText($('home-embed-out'), t('home.embed.failed'));
      return;
    }
    $('home-embed-origins').value = answer.json.embedOrigins.join('\n');
  };
  const save = async (event) => {
    event.preventDefault();
    const answer = await call(`/api/orgs/${encodeURIComponent(org())}/stream`,
      { method: 'PUT', body: { embedOrigins: lines($('home-embed-origins').value) }, csrf: csrf() });
    if (answer.status !== 200) {
      setText($('home-embed-out'), refused(answer));
      return;
    }
    $('home-embed-origins').value = answer.json.embedOrigins.join('\n');
    setText($('home-embed-out'), t('home.embed.saved'));
  };
  $('home-embed-org').addEventListener('change', load);
  $('home-embed').addEventListener('submit', save);
  return { load };
}

/** One session's card, opened from the session's "Livestream" button; `csrf()` as above. */
export function wireSessionStream(csrf) {
  let current = null;
  const show = async (session) => {
    current = session;
    setText($('home-stream-out'), '');
    setText($('home-stream-for'), t('home.stream.for', { title: session.title }));
    const [own, org] = await Promise.all([call(`/api/sessions/${encodeURIComponent(session.id)}/stream`),
      call(`/api/orgs/${encodeURIComponent(session.organization)}/stream`)]);
    if (own.status !== 200) {
      setText($('home-stream-out'), t('home.embed.failed'));
      return;
    }
    $('home-stream-url').value = own.json.streamUrl ?? '';
    $('home-stream-origins').value = own.json.embedOrigins.join('\n');
    const inherited = org.status === 200 ? org.json.embedOrigins : [];
    setText($('home-stream-org'), inherited.length
      ? t('home.stream.orgOrigins', { origins: inherited.join(', ') }) : t('home.stream.noOrgOrigins'));
    setHidden($('home-stream'), false);
    $('home-stream-url').focus();
  };
  const save = async (event) => {
    event.preventDefault();
    if (!current) return;
    const url = $('home-stream-url').value.trim();
    const answer = await call(`/api/sessions/${encodeURIComponent(current.id)}/stream`, {
      method: 'PUT', body: { streamUrl: url === '' ? null : url, embedOrigins: lines($('home-stream-origins').value) },
      csrf: csrf(),
    });
    if (answer.status !== 200) {
      setText($('home-stream-out'), refused(answer));
      return;
    }
    $('home-stream-url').value = answer.json.streamUrl ?? '';
    $('home-stream-origins').value = answer.json.embedOrigins.join('\n');
    setText($('home-stream-out'), t('home.embed.saved'));
  };
  $('home-stream').addEventListener('submit', save);
  return { show };
}
