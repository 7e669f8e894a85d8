// One question of the record: its text (and the text as asked, when edited), who asked and when, its fate with the
// reason, merge or answer, its times on stage and every step taken on it. User text goes in as textContent only.

import { t } from '../i18n.js';
import { byLabel, timeOf } from '../record-text.js';
import { el } from './dom.js';
import { answerFiles, fileList } from './answer-files.js';
import { showStep } from '../follow-up-text.js';

function line(className, text) {
  return el('p', className, text);
}

function labelled(className, label, text) {
  const p = el('p', className);
  p.append(el('span', 'rec-label', `${label}: `), el('span', 'rec-user-text', text));
  return p;
}

function stepDetail(step) {
  if (step.reason) return step.reason;
  if (step.text) return step.text;
  if (step.into) return t('rec.step.into', { id: step.into });
  return '';
}

function steps(question, dayOf) {
  const list = el('ol', 'rec-steps');
  for (const step of question.steps) {
    const item = el('li', 'rec-step');
    item.dataset.action = step.action;
    item.append(el('time', 'rec-step-time', timeOf(step.at, dayOf)), ' ',
      el('span', 'rec-step-action', t(`rec.action.${step.action}`)), ' · ',
      el('span', 'rec-step-by', byLabel(step.by)));
    const detail = stepDetail(step);
    if (detail) item.append(': ', el('span', 'rec-user-text', detail));
    if (step.votes !== undefined && step.votes !== null) {
      item.append(' ', el('span', 'rec-step-votes', `(${t('rec.q.votes', { count: step.votes })})`));
    }
    list.append(item);
  }
  return list;
}

/** What became of the question after it was asked (issue 16): every follow-up step, oldest first, with its note. */
function followUp(question, dayOf) {
  const box = el('div', 'rec-q-followup');
  const list = el('ol', 'rec-steps');
  for (const step of question.followUp) {
    const item = el('li', 'rec-followup-step');
    item.dataset.step = step.step;
    const what = el('span', 'rec-step-action');
    showStep(what, step);
    item.append(el('time', 'rec-step-time', timeOf(step.at, dayOf)), ' ', what);
    if (step.note) item.append(': ', el('span', 'rec-user-text', step.note));
    list.append(item);
  }
  box.append(el('p', 'rec-label', t('rec.q.followUp')), list);
  const rated = question.satisfaction ?? { satisfied: 0, notSatisfied: 0 };
  if (rated.satisfied + rated.notSatisfied > 0) {
    box.append(line('rec-q-satisfaction', t('rec.q.satisfaction', rated)));
  }
  return box;
}

function stage(question, dayOf) {
  const spells = question.stage.map((spell) => (spell.to === null
    ? t('rec.q.stage.still', { from: timeOf(spell.from, dayOf) })
    : t('rec.q.stage.spell', { from: timeOf(spell.from, dayOf), to: timeOf(spell.to, dayOf) })));
  return labelled('rec-q-stage', t('rec.q.stage'), spells.join('; '));
}

/**
 * The photo of the paper slip a moderator published (issue 17): the image itself, a link opening it whole. Only a
 * published photo is in the record; its URL is named by the SHA-256 the chain commits to.
 */
function slipPhoto(question) {
  const slip = question.clerkEntry?.slip;
  if (typeof slip?.url !== 'string' || !/^\/api\/slips\/[0-9a-f]{64}$/.test(slip.url)) return null;
  const figure = el('figure', 'rec-q-slip');
  const link = el('a', 'rec-q-slip-link');
  link.href = slip.url;
  link.target = '_blank';
  link.rel = 'noopener';
  const image = el('img', 'rec-q-slip-image');
  image.src = slip.url;
  image.alt = t('slip.rec.alt', { id: question.id });
  image.loading = 'lazy';
  link.append(image);
  figure.append(link, el('figcaption', 'rec-q-slip-caption', t('slip.rec.caption')));
  return figure;
}

function mergeLink(id) {
  const link = el('a', 'rec-q-link', `#${id}`);
  link.href = `#q-${encodeURIComponent(id)}`;
  return link;
}

/** The text, or why the public record does not show it (withheld, or never shown during the session). */
function questionText(question) {
  if (question.text !== null) return el('p', 'rec-q-text rec-user-text', question.text);
  const why = question.withheld
    ? t('rec.q.withheld', { category: t(`rec.category.${question.withheld.category}`) })
    : t('rec.q.notShown');
  return el('p', 'rec-q-text is-withheld', why);
}

/** The list item of a question; `dayOf` is the session's start, so times on its day show without the date. */
export function renderQuestion(question, dayOf) {
  const item = el('li', 'rec-q');
  item.id = `q-${question.id}`;
  item.dataset.fate = question.fate;
  item.dataset.id = question.id;

  const head = el('div', 'rec-q-head');
  head.append(el('span', 'rec-q-id', t('rec.q.number', { id: question.id })),
    el('span', 'rec-fate', t(`rec.fate.${question.fate}`)),
    el('span', 'rec-q-votes', t('rec.q.votes', { count: question.votes })));
  if (question.fate === 'open') head.append(el('span', 'rec-q-status', t(`rec.q.status.${question.status}`)));
  item.append(head, questionText(question));

  const meta = el('p', 'rec-q-meta');
  meta.append(el('span', question.author ? 'rec-q-author rec-user-text' : 'rec-q-author is-anonymous',
    question.author ?? t('rec.q.anonymous')), ' · ', el('span', 'rec-q-asked',
    t('rec.q.asked', { time: timeOf(question.askedAt, dayOf) })));
  // a clerk's entry: its channel, the area and "entered by clerk n" (a resident's own says nothing more)
  if (question.channel && question.channel !== 'app') {
    const entry = question.clerkEntry;
    const parts = [t(`clerk.channel.${question.channel}`), entry?.area, entry?.name,
      Number.isInteger(entry?.clerk) ? t('rec.clerk.entered', { n: entry.clerk }) : null].filter(Boolean);
    meta.append(' · ', el('span', 'rec-q-channel rec-user-text', parts.join(' · ')));
  }
  item.append(meta);
  const slip = slipPhoto(question);
  if (slip) item.append(slip);

  if (question.originalText !== null) item.append(labelled('rec-q-original', t('rec.q.original'), question.originalText));
  if (question.rejectionReason !== null) item.append(labelled('rec-q-reason', t('rec.q.reason'), question.rejectionReason));
  if (question.mergedInto !== null) {
    const merged = line('rec-q-merged', `${t('rec.q.mergedInto')} `);
    merged.append(mergeLink(question.mergedInto));
    item.append(merged);
  }
  if (question.mergedFrom.length > 0) {
    const from = line('rec-q-merged-from', `${t('rec.q.mergedFrom')} `);
    question.mergedFrom.forEach((id, i) => from.append(i > 0 ? ', ' : '', mergeLink(id)));
    item.append(from);
  }
  if (question.answer !== null) {
    const box = el('div', 'rec-q-answer');
    box.append(el('p', 'rec-label', t('rec.q.answer')), el('p', 'rec-q-answer-text rec-user-text', question.answer.text),
      el('p', 'rec-q-answer-at hint', t('rec.q.answer.at', { time: timeOf(question.answer.at, dayOf) })));
    const files = fileList(answerFiles(question.followUp));
    if (files) box.append(files);
    item.append(box);
  } else if (question.answeredAt !== null) {
    item.append(line('rec-q-answered', t('rec.q.answeredLive', { time: timeOf(question.answeredAt, dayOf) })));
  }
  if (Array.isArray(question.followUp) && question.followUp.length > 0) item.append(followUp(question, dayOf));
  if (question.stage.length > 0) item.append(stage(question, dayOf));
  if (question.steps.length > 0) {
    const history = el('div', 'rec-q-history');
    history.append(el('p', 'rec-label', t('rec.q.history')), steps(question, dayOf));
    item.append(history);
  }
  return item;
}
