// The files an answer carries (PDF, images), as links to their public URL (named by the SHA-256 the record's chain
// commits to). Names are user text: textContent only.

import { t } from '../i18n.js';
import { el, setUserText } from './dom.js';

/** The files of the question's latest written answer in the record's `followUp` steps. */
export function answerFiles(steps) {
  let files = [];
  for (const step of steps ?? []) {
    if (step.step === 'answered') files = step.files ?? [];
  }
  return files;
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A list of links, one per file (its name, its kind and size), or null when there is none. */
export function fileList(files, className = 'answer-files') {
  if (!files || files.length === 0) return null;
  const list = el('ul', className);
  list.setAttribute('aria-label', t('inbox.files'));
  for (const file of files) {
    const li = el('li');
    const a = el('a');
    setUserText(a, file.name);
    a.href = file.url ?? `/api/attachments/${file.sha256}`;
    a.rel = 'noopener';
    li.append(a, ` (${file.type === 'application/pdf' ? 'PDF' : t('inbox.file.image')}, ${size(file.size)})`);
    list.append(li);
  }
  return list;
}
