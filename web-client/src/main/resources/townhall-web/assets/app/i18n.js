// The reader's language: their own choice (remembered), else the session's locale, else Vietnamese.
// Static markup names its strings with data-i18n, data-i18n-placeholder, data-i18n-aria-label, data-i18n-title
// and data-i18n-alt.

import { STRINGS } from './strings.js';
import { storage } from './storage.js';

const DEFAULT_LANG = 'vi';
const listeners = new Set();
let current = pick(storage.lang()) ?? DEFAULT_LANG;

function pick(lang) {
  return lang && Object.hasOwn(STRINGS, lang) ? lang : null;
}

export function lang() {
  return current;
}

export function t(key, params = {}) {
  return tIn(current, key, params);
}

/** A string in a given language (e.g. a rejection reason in the session's language, whatever the reader's). */
export function tIn(language, key, params = {}) {
  const template = STRINGS[pick(language) ?? DEFAULT_LANG][key] ?? STRINGS[DEFAULT_LANG][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function hasString(key) {
  return Object.hasOwn(STRINGS[DEFAULT_LANG], key);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

function apply(next) {
  if (next === current) return;
  current = next;
  translatePage();
  for (const listener of listeners) listener(current);
}

/** The session's locale applies only while the reader has not chosen for themselves. */
export function useSessionLocale(locale) {
  const chosen = pick(locale);
  if (chosen && !pick(storage.lang())) apply(chosen);
}

export function toggleLang() {
  const next = current === 'vi' ? 'en' : 'vi';
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

/** Wires the language button (its text names the other language, so it is marked as that language). */
export function initLanguage(button) {
  const markButton = () => {
    if (button) button.lang = current === 'vi' ? 'en' : 'vi';
  };
  translatePage();
  markButton();
  onLangChange(markButton);
  button?.addEventListener('click', toggleLang);
}
