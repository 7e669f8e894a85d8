// What the record page says about a record's facts: searching without diacritics, who did a step, times and
// durations in the reader's language.

import { lang, t } from './i18n.js';

/** The fates a question can have (docs/record.md), in the order the page lists them. */
export const FATES = ['answered', 'merged', 'rejected', 'open', 'not_reviewed', 'withdrawn', 'archived'];

/** Text for searching: no case, no diacritics (đ is d), so "duong le loi" finds "Đường Lê Lợi". */
export function fold(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Whether a question matches the words of a search (each word somewhere in its texts, its author or "#id"). */
export function matches(question, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([
    `#${question.id}`, question.text, question.originalText, question.author, question.rejectionReason,
    question.answer?.text, ...question.edits.map((edit) => edit.text),
  ].filter(Boolean).join('\n'));
  return words.every((word) => haystack.includes(word));
}

/** Who took a step: the organizer (0), "Moderator n", or the question's author (null). */
export function byLabel(by) {
  if (by === null || by === undefined) return t('rec.by.author');
  return by === 0 ? t('rec.by.organizer') : t('rec.by.moderator', { n: by });
}

function locale() {
  return lang() === 'vi' ? 'vi-VN' : 'en-GB';
}

/** A date and time, in the reader's time zone. */
export function dateTime(ms) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** The time of day, with seconds; the date too when it is not the day of `dayOf`. */
export function timeOf(ms, dayOf) {
  const sameDay = dayOf !== undefined && new Date(ms).toDateString() === new Date(dayOf).toDateString();
  const options = sameDay ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'medium' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(ms));
}

/** A duration such as "4 phút" or "1 h 5 min". */
export function duration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return t('rec.duration.s', { s: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('rec.duration.m', { m: minutes });
  return t('rec.duration.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
