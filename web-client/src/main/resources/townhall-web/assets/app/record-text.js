// What the record page says about a record's facts: searching without diacritics, who did a step, times and
// durations in the reader's language.

import { lang, t } from './i18n.js';
import { fold, hasEveryWord, searchWords } from './text.js';

export { fold };

/** The fates a question can have (docs/record.md), in the order the page lists them. */
export const FATES = ['answered', 'merged', 'rejected', 'open', 'not_reviewed', 'withdrawn', 'archived'];

/** Whether a question matches the words of a search (each word somewhere in its texts, its author or "#id"). */
export function matches(question, query) {
  const words = searchWords(query);
  if (words.length === 0) return true;
  const haystack = fold([
    `#${question.id}`, question.text, question.originalText, question.author, question.rejectionReason,
    question.answer?.text, ...question.edits.map((edit) => edit.text),
  ].filter(Boolean).join('\n'));
  return hasEveryWord(haystack, words);
}

/** Who took a step: the organizer (0), "Moderator n", or the question's author (null). */
export function byLabel(by) {
  if (by === null || by === undefined) return t('rec.by.author');
  return by === 0 ? t('rec.by.organizer') : t('rec.by.moderator', { n: by });
}

function locale() {
  return lang() === 'vi' ? 'vi-VN' : 'en-GB';
}

const two = (n) => String(n).padStart(2, '0');

/** "06/12/2026": the day first, as Vietnamese write dates (English: "6 Dec 2026"). */
export function dateOf(ms) {
  const d = new Date(ms);
  if (lang() === 'vi') return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d);
}

/** "09:05" (with seconds: "09:05:30"), on the 24-hour clock in both languages. */
export function clockOf(ms, seconds = false) {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}${seconds ? `:${two(d.getSeconds())}` : ''}`;
}

/** A date and time in the reader's time zone, the time first: "09:05, 06/12/2026". */
export function dateTime(ms) {
  return `${clockOf(ms)}, ${dateOf(ms)}`;
}

/** The time of day, with seconds; the date too when it is not the day of `dayOf`. */
export function timeOf(ms, dayOf) {
  const sameDay = dayOf !== undefined && new Date(ms).toDateString() === new Date(dayOf).toDateString();
  return sameDay ? clockOf(ms, true) : `${clockOf(ms, true)}, ${dateOf(ms)}`;
}

/**
 * A chart's label for the bucket starting at `ms` (buckets start at round times): "09:05"; the date alone for
 * buckets of a day or more; the time and the date when the chart spans several days.
 */
export function bucketLabel(ms, bucketMs, dayOf) {
  if (bucketMs >= 86_400_000) return dateOf(ms);
  const sameDay = dayOf !== undefined && new Date(ms).toDateString() === new Date(dayOf).toDateString();
  return sameDay ? clockOf(ms) : `${clockOf(ms)}, ${dateOf(ms)}`;
}

/** A duration such as "4 phút" or "1 h 5 min". */
export function duration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return t('rec.duration.s', { s: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('rec.duration.m', { m: minutes });
  return t('rec.duration.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
