// Topics on the resident page (issue 17): the optional topic a resident picks when asking, and a filter of the list
// by topic. Both are filled from the session's lists (GET /api/sessions/{id}/classification) and stay hidden when
// the lists cannot be read. The filter hides, on this screen only, the questions of other topics (each item carries
// its topic in data-topic, question-item.js).

import { lang, onLangChange, t } from '../i18n.js';
import { el } from './dom.js';

function option(value, text) {
  const o = el('option', null, text);
  o.value = value;
  return o;
}

/** @param {{pick: HTMLSelectElement, pickBox: HTMLElement, filter: HTMLSelectElement, filterBox: HTMLElement, list: HTMLElement}} els */
export async function wireTopics(sessionId, els) {
  let topics = [];
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/classification`);
    if (response.ok) topics = (await response.json()).topics ?? [];
  } catch {
    // no topics offered
  }
  if (!topics.length) return;
  const name = (x) => (lang() === 'en' ? x.name_en : x.name_vi);
  const fill = () => {
    const picked = els.pick.value;
    els.pick.replaceChildren(option('', t('ask.topic.none')), ...topics.map((x) => option(x.key, name(x))));
    els.pick.value = picked;
    const filtered = els.filter.value;
    els.filter.replaceChildren(option('', t('topic.filter.all')), ...topics.map((x) => option(x.key, name(x))));
    els.filter.value = filtered;
  };
  fill();
  onLangChange(fill);
  els.pickBox.hidden = false;
  // The filter row appears once a question has a topic (and then stays): before that it would only push the list
  // down on a phone's first screen for nothing to filter.
  const showFilter = () => {
    if (els.filterBox.hidden && [...els.list.children].some((li) => li.dataset.topic)) els.filterBox.hidden = false;
  };
  const apply = () => {
    showFilter();
    const wanted = els.filter.value;
    for (const li of els.list.children) li.hidden = wanted !== '' && li.dataset.topic !== wanted;
  };
  showFilter();
  els.filter.addEventListener('change', apply);
  new MutationObserver(apply).observe(els.list, { childList: true, subtree: false, attributes: true,
    attributeFilter: ['data-topic'] });
}
