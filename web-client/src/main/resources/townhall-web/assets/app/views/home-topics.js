// The organization's topics and areas on /home (issue 17), for those who may manage its sessions: one line per
// topic ("key | Tên tiếng Việt | English name | từ khóa, từ khóa") and one per area ("key | Tên khu vực"), keys kept
// so the record keeps meaning the same thing when a name changes (a new line may leave its key out: the server
// makes one from the name). Saved whole (PUT /api/orgs/{slug}/topics, /areas); the server refuses a bad list and
// changes nothing.

import { call } from '../home-api.js';
import { t } from '../i18n.js';
import { setText } from './dom.js';

const $ = (id) => document.getElementById(id);

function topicLines(topics) {
  return topics.map((x) => [x.key, x.name_vi, x.name_en, (x.keywords ?? []).join(', ')].join(' | ')).join('\n');
}

function areaLines(areas) {
  return areas.map((x) => `${x.key} | ${x.name}`).join('\n');
}

function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function parseTopics(text) {
  return lines(text).map((line) => {
    const [key, nameVi, nameEn, keywords] = line.split('|').map((part) => part.trim());
    const topic = { name_vi: nameVi ?? '', name_en: nameEn ?? '' };
    if (key) topic.key = key;
    topic.keywords = (keywords ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
    return topic;
  });
}

function parseAreas(text) {
  return lines(text).map((line) => {
    const parts = line.split('|').map((part) => part.trim());
    if (parts.length === 1) return { name: parts[0] };
    return parts[0] ? { key: parts[0], name: parts[1] ?? '' } : { name: parts[1] ?? '' };
  });
}

/** Wires the card; `csrf()` gives the sign-in's CSRF token. */
export function wireTopics(csrf) {
  const org = () => $('home-topics-org').value;
  const load = async () => {
    if (!org()) return;
    setText($('home-topics-out'), '');
    const [topics, areas] = await Promise.all([
      call(`/api/orgs/${encodeURIComponent(org())}/topics`), call(`/api/orgs/${encodeURIComponent(org())}/areas`)]);
    if (topics.status !== 200 || areas.status !== 200) {
      setText($('home-topics-out'), t('home.topics.failed'));
      return;
    }
    $('home-topics-list').value = topicLines(topics.json.topics);
    $('home-areas-list').value = areaLines(areas.json.areas);
  };
  const save = async (event) => {
    event.preventDefault();
    const slug = encodeURIComponent(org());
    const topics = await call(`/api/orgs/${slug}/topics`,
      { method: 'PUT', body: { topics: parseTopics($('home-topics-list').value) }, csrf: csrf() });
    if (topics.status !== 200) {
      setText($('home-topics-out'), t('home.topics.refused', { message: topics.json?.message ?? topics.status }));
      return;
    }
    const areas = await call(`/api/orgs/${slug}/areas`,
      { method: 'PUT', body: { areas: parseAreas($('home-areas-list').value) }, csrf: csrf() });
    if (areas.status !== 200) {
      setText($('home-topics-out'), t('home.topics.refused', { message: areas.json?.message ?? areas.status }));
      return;
    }
    $('home-topics-list').value = topicLines(topics.json.topics);
    $('home-areas-list').value = areaLines(areas.json.areas);
    setText($('home-topics-out'), t('home.topics.saved'));
  };
  $('home-topics-org').addEventListener('change', load);
  $('home-topics').addEventListener('submit', save);
  return { load };
}
