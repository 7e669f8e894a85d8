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

/** Text for searching: no case, no diacritics (đ is d), so "duong le loi" finds "Đường Lê Lợi". */
export function fold(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The words of a search, folded; an empty search has none (and matches everything). */
export function searchWords(query) {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Whether every word is somewhere in the folded haystack (see fold). */
export function hasEveryWord(foldedHaystack, words) {
  return words.every((word) => foldedHaystack.includes(word));
}
