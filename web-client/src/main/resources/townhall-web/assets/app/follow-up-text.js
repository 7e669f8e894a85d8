// How a question's follow-up reads on every screen (issue 16): the latest of its `followUp` steps as one line,
// "Chuyển Phòng TN-MT · hạn 20/12" / "Referred to Phòng TN-MT · due 20 Dec". Steps name an agency by its slug; its
// name comes from the console's agency list or, once per slug, from the public GET /api/orgs/{slug}, and every line
// shown is written again when a name arrives.

import { lang, t } from './i18n.js';
import { setText } from './views/dom.js';

/** The class of every node that shows a step (rewritten when an agency's name arrives). */
const STEP_CLASS = 'followup-state';
const names = new Map(); // slug -> name, or null while asked
const listeners = []; // told when a name arrives, for the screens that name agencies otherwise (the page /f)

/** Agencies whose names are known already ([{slug, name}]). */
export function rememberAgencies(agencies) {
  for (const agency of agencies ?? []) {
    if (agency?.slug && agency.name) names.set(agency.slug, agency.name);
  }
  rewriteShown();
}

export function agencyName(slug) {
  if (!slug) return '';
  if (!names.has(slug)) lookUp(slug);
  return names.get(slug) || slug;
}

function lookUp(slug) {
  names.set(slug, null);
  fetch(`/api/orgs/${encodeURIComponent(slug)}`, { headers: { Accept: 'application/json' }, credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : null))
    .then((org) => {
      if (typeof org?.name !== 'string') return;
      names.set(slug, org.name);
      rewriteShown();
    })
    .catch(() => {});
}

/** Calls `listener` whenever an agency's name arrives (to write it again wherever it was shown as its slug). */
export function onAgencyName(listener) {
  listeners.push(listener);
}

/** The question's latest follow-up step, or null. */
export function latestStep(question) {
  const steps = question?.followUp;
  return Array.isArray(steps) && steps.length > 0 ? steps[steps.length - 1] : null;
}

/** A due date `YYYY-MM-DD` short: "20/12" in Vietnamese, "20 Dec" in English. */
export function formatDue(due) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due ?? '');
  if (!match) return '';
  if (lang() === 'vi') return `${match[3]}/${match[2]}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** One step as one line in the reader's language. */
export function stepText(step) {
  if (!step?.step) return '';
  const main = t(`followup.state.${step.step}`, { agency: agencyName(step.agency) });
  return step.due ? `${main} · ${t('followup.state.due', { due: formatDue(step.due) })}` : main;
}

/** Writes the step into `node` (and again when its agency's name arrives). */
export function showStep(node, step) {
  node.classList.add(STEP_CLASS);
  node.followUpStep = step;
  setText(node, stepText(step));
}

function rewriteShown() {
  for (const node of document.querySelectorAll(`.${STEP_CLASS}`)) {
    if (node.followUpStep) setText(node, stepText(node.followUpStep));
  }
  for (const listener of listeners) listener();
}
