// The reader's language: their own choice (remembered), else (on the resident page) the browser's language when it
// is one we have, else the session's locale, else Vietnamese.
// Static markup names its strings with data-i18n, data-i18n-placeholder, data-i18n-aria-label, data-i18n-title
// and data-i18n-alt.
// Vietnamese, the default, comes with this module; English is fetched when first needed (the reader's choice, the
// session's locale, the switch), so a first visit does not carry every string twice. Until it has arrived the page
// stays in Vietnamese.

import { storage } from './storage.js';
import { VI } from './strings/vi.js';

const DEFAULT_LANG = 'vi';
/** Each language's strings, by the time they are needed (loaded once). */
const LOADERS = {
  vi: () => Promise.resolve(VI),
  en: () => import('./strings/en.js').then((module) => module.EN),
};
const STRINGS = { vi: VI };
const loading = new Map();
const listeners = new Set();
let current = DEFAULT_LANG;
/** The language last asked for: a slower load of an earlier choice does not win over it. */
let wanted = DEFAULT_LANG;
/** The browser's language, when the page follows it (initLanguage's followBrowser) and it is one we have. */
let browserLang = null;

function pick(lang) {
  return lang && Object.hasOwn(LOADERS, lang) ? lang : null;
}

/** Fetches a language's strings (once); resolves when `tIn(lang, …)` can use them. */
export function loadLanguage(lang) {
  const chosen = pick(lang);
  if (!chosen) return Promise.resolve();
  if (!loading.has(chosen)) {
    loading.set(chosen, LOADERS[chosen]().then((strings) => {
      STRINGS[chosen] = strings;
    }));
  }
  return loading.get(chosen);
}

export function lang() {
  return current;
}

export function t(key, params = {}) {
  return tIn(current, key, params);
}

/** A string in a given language (e.g. a rejection reason in the session's language, whatever the reader's). */
export function tIn(language, key, params = {}) {
  const template = STRINGS[pick(language) ?? DEFAULT_LANG]?.[key] ?? STRINGS[DEFAULT_LANG][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function hasString(key) {
  return Object.hasOwn(STRINGS[DEFAULT_LANG], key);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

function apply(next) {
  wanted = next;
  loadLanguage(next).then(() => {
    if (next !== wanted || next === current) return;
    current = next;
    translatePage();
    for (const listener of listeners) listener(current);
  }, () => {
    // not reachable now (offline, say): the page stays in the language it has; the switch can be pressed again
    if (next === wanted) wanted = current;
  });
}

/**
 * The first of the browser's languages (navigator.languages, most wanted first) that we have, by its primary
 * subtag ("en-GB" is English); null when none is.
 */
export function browserLanguage(languages) {
  for (const tag of languages ?? []) {
    const chosen = pick(String(tag).toLowerCase().split('-')[0]);
    if (chosen) return chosen;
  }
  return null;
}

/**
 * The session's locale applies only while neither the reader nor (where the page follows it) their browser has
 * chosen; its strings are loaded either way (a moderator writes reasons in the session's language).
 */
export function useSessionLocale(locale) {
  const chosen = pick(locale);
  if (!chosen) return;
  loadLanguage(chosen).catch(() => {});
  if (!pick(storage.lang()) && !browserLang) apply(chosen);
}

export function toggleLang() {
  const next = wanted === 'vi' ? 'en' : 'vi';
  storage.setLang(next);
  apply(next);
}

export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-alt]')) el.alt = t(el.dataset.i18nAlt);
}

/**
 * Wires the language button (its text names the other language, so it is marked as that language). With
 * `followBrowser` (the resident page: a phone set to English opens in English) the browser's language comes before
 * the session's locale, unless the reader chose with the switch.
 */
export function initLanguage(button, { followBrowser = false, languages = globalThis.navigator?.languages } = {}) {
  const markButton = () => {
    if (button) button.lang = current === 'vi' ? 'en' : 'vi';
  };
  translatePage();
  markButton();
  onLangChange(markButton);
  button?.addEventListener('click', toggleLang);
  browserLang = followBrowser ? browserLanguage(languages) : null;
  const chosen = pick(storage.lang()) ?? browserLang;
  if (chosen) apply(chosen);
}
