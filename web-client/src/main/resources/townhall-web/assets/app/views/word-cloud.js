// A word cloud of open-text answers (a text poll's), drawn by wordcloud2.js (assets/vendor/wordcloud2, loaded once,
// when the first cloud is drawn), with the same words as a list beside it for screen readers and for anyone who
// prefers to read: the canvas is an image whose text alternative is that list. The words come counted from the
// server (domain.WordCloud: Vietnamese compounds kept whole, stop words out, diacritics folded), as a text poll's
// results carry them: [{word, count}], most frequent first.

import { t } from '../i18n.js';
import { setHidden, setText } from './dom.js';

const LIBRARY = '/assets/vendor/wordcloud2/wordcloud2.js';
let loading = null;

/** Loads wordcloud2.js (a classic script defining window.WordCloud) once; resolves to WordCloud. */
function library() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = LIBRARY;
    script.onload = () => (typeof window.WordCloud === 'function' ? resolve(window.WordCloud) : reject(new Error('WordCloud')));
    script.onerror = () => {
      loading = null;
      reject(new Error(`cannot load ${LIBRARY}`));
    };
    document.head.append(script);
  });
  return loading;
}

export class WordCloudView {
  /**
   * @param {{canvas: HTMLCanvasElement, list: HTMLOListElement, empty: HTMLElement}} elements the canvas (given
   *     role="img" and aria-describedby the list's id in the markup), the list and an "no answers yet" note
   */
  constructor({ canvas, list, empty }) {
    this.canvas = canvas;
    this.list = list;
    this.empty = empty;
    this.shown = '';
  }

  /** @param {{word: string, count: number}[]} terms most frequent first */
  render(terms) {
    const words = Array.isArray(terms) ? terms.filter((term) => term && typeof term.word === 'string'
      && Number.isInteger(term.count) && term.count > 0) : [];
    const key = JSON.stringify(words);
    if (key === this.shown) return; // a results frame with the same words redraws nothing
    this.shown = key;
    setHidden(this.empty, words.length > 0);
    setHidden(this.canvas, words.length === 0);
    this.renderList(words);
    if (words.length === 0) return;
    const most = words[0].count;
    const size = Math.min(this.canvas.width, this.canvas.height);
    library().then((WordCloud) => {
      if (this.shown !== key) return; // newer words arrived meanwhile
      WordCloud(this.canvas, {
        list: words.map((term) => [term.word, term.count]),
        // the most frequent word about a sixth of the canvas, the least at least a readable 14 px
        weightFactor: (count) => Math.max(14, (size / 6) * Math.sqrt(count / most)),
        fontFamily: getComputedStyle(this.canvas).fontFamily || 'system-ui, sans-serif',
        fontWeight: '700',
        color: () => getComputedStyle(this.canvas).color,
        backgroundColor: 'rgba(0,0,0,0)',
        rotateRatio: 0, // Vietnamese words of several syllables read badly turned
        shrinkToFit: true,
        drawOutOfBound: false,
        shuffle: false,
      });
    }).catch(() => {
      // the list says it all; the picture is a bonus
      setHidden(this.canvas, true);
    });
  }

  renderList(words) {
    const items = words.map((term) => {
      const item = document.createElement('li');
      const word = document.createElement('span');
      word.className = 'cloud-word';
      word.lang = '';
      setText(word, term.word);
      const count = document.createElement('span');
      count.className = 'cloud-count';
      setText(count, t('cloud.count', { n: term.count }));
      item.append(word, ' ', count);
      return item;
    });
    this.list.replaceChildren(...items);
  }
}
