import {
  browserLanguage, hasString, initLanguage, lang, loadLanguage, t, tIn, toggleLang, translatePage, useSessionLocale,
} from '/app/i18n.js';
import { EN } from '/app/strings/en.js';
import { VI } from '/app/strings/vi.js';
import { deepEqual, equal, eventually, ok, test } from './harness.js';

function placeholders(template) {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

test('Vietnamese and English have the same keys, and each key the same placeholders', () => {
  deepEqual(Object.keys(EN).filter((key) => !Object.hasOwn(VI, key)), [], 'only in English');
  deepEqual(Object.keys(VI).filter((key) => !Object.hasOwn(EN, key)), [], 'only in Vietnamese');
  const differing = Object.keys(VI).filter((key) => Object.hasOwn(EN, key)
    && placeholders(VI[key]).join() !== placeholders(EN[key]).join());
  deepEqual(differing, [], 'keys whose placeholders differ');
  deepEqual(Object.keys(VI).filter((key) => !VI[key].trim() || !EN[key]?.trim()), [], 'empty strings');
});

test('Vietnamese by default; placeholders filled, a missing one left as it is, an unknown key shown as the key', () => {
  equal(lang(), 'vi', 'default language');
  equal(t('ask.submit'), 'Gửi câu hỏi', 'a plain string');
  equal(t('announce.answer.many', { n: 3 }), '3 câu hỏi vừa được trả lời.', 'a count');
  equal(t('rec.duration.hm', { h: 1 }), '1 giờ {m} phút', 'a missing parameter');
  equal(t('no.such.key'), 'no.such.key', 'unknown key');
  ok(hasString('ask.submit') && !hasString('no.such.key'), 'hasString');
});

test('English once loaded; an unknown language and a key English lacks fall back to Vietnamese', async () => {
  await loadLanguage('en');
  equal(tIn('en', 'ask.submit'), 'Send question', 'English');
  equal(tIn('en', 'announce.answer.many', { n: 2 }), '2 questions were just answered.', 'English with a count');
  equal(tIn('fr', 'ask.submit'), 'Gửi câu hỏi', 'unknown language');
  const saved = EN['ask.submit'];
  delete EN['ask.submit'];
  try {
    equal(tIn('en', 'ask.submit'), 'Gửi câu hỏi', 'a key missing in English');
  } finally {
    EN['ask.submit'] = saved;
  }
});

test("the session's locale applies until the reader chooses, and the choice is remembered", async () => {
  document.body.innerHTML = '<button data-i18n="ask.submit">?</button><input data-i18n-placeholder="ask.placeholder">';
  useSessionLocale('en');
  await eventually(() => lang() === 'en', 'English from the session');
  equal(document.documentElement.lang, 'en', 'the page says its language');
  equal(document.querySelector('button').textContent, 'Send question', 'static markup translated');
  equal(document.querySelector('input').placeholder, 'Type your question…', 'placeholder translated');

  toggleLang();
  await eventually(() => lang() === 'vi', 'Vietnamese by the reader\'s choice');
  equal(window.localStorage.getItem('townhall.lang'), 'vi', 'choice remembered');
  useSessionLocale('en');
  await loadLanguage('en');
  equal(lang(), 'vi', "the reader's choice wins over the session's locale");
  translatePage();
  equal(document.querySelector('button').textContent, 'Gửi câu hỏi', 'back in Vietnamese');
});

test("the browser's language: the first one we have, by its primary subtag", () => {
  equal(browserLanguage(['en-GB', 'vi']), 'en', 'British English is English');
  equal(browserLanguage(['fr-FR', 'fr', 'vi-VN']), 'vi', 'the first language we have');
  equal(browserLanguage(['fr', 'de']), null, 'none we have');
  equal(browserLanguage(undefined), null, 'no list');
});

test("a page following the browser opens in its language, before the session's, unless one chose", async () => {
  initLanguage(null, { followBrowser: true, languages: ['en-US', 'en'] });
  await eventually(() => lang() === 'en', 'English from the browser');
  useSessionLocale('vi');
  await loadLanguage('vi');
  await new Promise((resolve) => setTimeout(resolve, 20));
  equal(lang(), 'en', "the browser's language wins over the session's locale");

  window.localStorage.setItem('townhall.lang', 'vi');
  initLanguage(null, { followBrowser: true, languages: ['en-US'] });
  await eventually(() => lang() === 'vi', "the reader's choice wins over the browser");
  window.localStorage.removeItem('townhall.lang');
  initLanguage(null, { followBrowser: false, languages: ['en-US'] });
  useSessionLocale('en');
  await eventually(() => lang() === 'en', "a page that does not follow the browser takes the session's locale");
});
