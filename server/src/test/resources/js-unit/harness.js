// A small test harness for the web client's modules, run in Chromium (no Node): test(name, fn) registers a test, an
// async fn is awaited, and each test starts with empty local and session storage. The assertions throw an
// AssertionError whose message says what was expected.

const tests = [];

export class AssertionError extends Error {}

export function test(name, fn) {
  tests.push({ name, fn });
}

export async function runAll() {
  const results = [];
  for (const { name, fn } of tests) {
    window.localStorage.clear();
    window.sessionStorage.clear();
    try {
      await fn();
      results.push({ name, ok: true, error: null });
    } catch (error) {
      results.push({ name, ok: false, error: String(error?.stack ?? error) });
    }
  }
  return results;
}

function show(value) {
  try {
    return JSON.stringify(value, (key, v) => (v instanceof Set || v instanceof Map ? [...v] : v));
  } catch {
    return String(value);
  }
}

export function equal(actual, expected, what = 'value') {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Structural equality of JSON-like values (objects compared by their own keys, in any order). */
export function deepEqual(actual, expected, what = 'value') {
  if (!same(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
}

export function ok(condition, what = 'condition') {
  if (!condition) throw new AssertionError(`${what}: expected true`);
}

/** Waits for `condition()` to hold, polling, and fails after `timeoutMs`. */
export async function eventually(condition, what = 'condition', timeoutMs = 3000) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new AssertionError(`${what}: not true within ${timeoutMs} ms`);
    await new Promise((resolve) => {
      setTimeout(resolve, 10);
    });
  }
}
