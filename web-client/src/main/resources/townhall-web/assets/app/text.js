// Text as the server measures it: trimmed, NFC, counted in grapheme clusters (what a reader sees as characters).

const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

export function normalizeQuestion(text) {
  return text.trim().normalize('NFC');
}

export function graphemeCount(text) {
  if (!segmenter) return [...text].length; // code points: close enough where Segmenter is missing
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}
