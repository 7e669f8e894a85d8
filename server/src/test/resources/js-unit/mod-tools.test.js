// "Approve all shown": nothing is sent until the undo time is over or the moderator says "now"; an undo lists the
// questions again and sends nothing; at most APPROVE_SHOWN_MAX at once.
import { APPROVE_SHOWN_MAX, BulkApproval } from '/app/views/mod-tools.js';
import { deepEqual, equal, ok, test } from './harness.js';

/** The board as BulkApproval sees it: the pending tab's ids, and what it holds out of the lists. */
function fakeBoard(ids) {
  return {
    current: 'pending',
    order: { pending: [...ids] },
    held: new Set(),
    shownIds() {
      return this.order.pending.filter((id) => !this.held.has(id));
    },
    hold(list, held) {
      for (const id of list) {
        if (held) this.held.add(id);
        else this.held.delete(id);
      }
      this.order.pending = ids.filter((id) => !this.held.has(id));
    },
    focusSelection() {},
  };
}

function nodes() {
  const make = (tag) => document.body.appendChild(document.createElement(tag));
  const bar = make('div');
  bar.hidden = true;
  return { button: make('button'), hint: make('span'), bar, text: make('span'), undo: make('button'),
    now: make('button') };
}

function bulk(ids, sent) {
  const board = fakeBoard(ids);
  const parts = nodes();
  const approval = new BulkApproval({
    board, nodes: parts, closed: () => false,
    approve: (id) => {
      sent.push(id);
      return Promise.resolve();
    },
  });
  approval.render();
  return { board, parts, approval };
}

test('approving all shown holds them out of the list and sends nothing yet; undo lists them again', () => {
  const sent = [];
  const { board, parts } = bulk(['1', '2', '3'], sent);
  ok(!parts.button.disabled, 'usable with three shown');
  parts.button.click();
  deepEqual(board.order.pending, [], 'held out of the list');
  ok(!parts.bar.hidden, 'the undo bar shows');
  ok(parts.button.disabled, 'one batch at a time');
  parts.undo.click();
  deepEqual(board.order.pending, ['1', '2', '3'], 'listed again');
  ok(parts.bar.hidden, 'the undo bar goes');
  deepEqual(sent, [], 'nothing was sent');
});

test('"now" sends one approval per question shown', async () => {
  const sent = [];
  const { board, parts } = bulk(['4', '5'], sent);
  parts.button.click();
  parts.now.click();
  deepEqual(sent, ['4', '5'], 'sent');
  await Promise.resolve();
  await Promise.resolve();
  deepEqual(board.order.pending, ['4', '5'], 'each row comes back once answered (here: still pending)');
  parts.undo.click();
  deepEqual(sent, ['4', '5'], 'an undo after the send sends nothing more');
});

test('more than APPROVE_SHOWN_MAX shown cannot be approved at once', () => {
  const sent = [];
  const ids = Array.from({ length: APPROVE_SHOWN_MAX + 1 }, (_, i) => String(i + 1));
  const { parts } = bulk(ids, sent);
  ok(parts.button.disabled, 'disabled');
  ok(parts.hint.textContent.length > 0, 'says why');
  parts.button.click();
  equal(sent.length, 0, 'nothing sent');
});
