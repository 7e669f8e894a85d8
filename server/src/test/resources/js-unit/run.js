// Imports the test file named in the address (?file=x.test.js) and runs what it registered; the outcome goes to
// window.__results for WebClientUnitTest to read. A file that fails to load is one failed test.

import { runAll } from './harness.js';

const file = new URLSearchParams(window.location.search).get('file');
window.__results = null;
import(`./${file}`)
  .then(() => runAll())
  .then((results) => {
    window.__results = results;
  }, (error) => {
    window.__results = [{ name: `${file} loads`, ok: false, error: String(error?.stack ?? error) }];
  });
