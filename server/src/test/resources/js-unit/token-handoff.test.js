import { askForHandoff, askForToken, offerOrganizerToken, offerToken } from '/app/token-handoff.js';
import { equal, test } from './harness.js';

// Each test uses sessions of its own: the offering channels stay open for the page's life, as on a console.

test("the record page takes the organizer's token over a moderator's, and says whose it is", async () => {
  offerToken('s1', () => 'moderator-token');
  offerOrganizerToken(() => 'admin-token', (id) => id === 's1');
  const handed = await askForHandoff('s1', 1000);
  equal(handed?.kind, 'organizer', 'kind');
  equal(handed?.token, 'admin-token', 'token');
});

test("without an organizer page, the console's token comes, marked a moderator's", async () => {
  offerToken('s2', () => 'moderator-token-2');
  const handed = await askForHandoff('s2', 1000);
  equal(handed?.kind, 'moderator', 'kind');
  equal(handed?.token, 'moderator-token-2', 'token');
  equal(await askForToken('s2', 1000), 'moderator-token-2', 'askForToken answers the token alone');
});

test('an organizer page hands its token only for the sessions whose preview it opened; nobody else answers', async () => {
  const opened = new Set(['s3']);
  offerOrganizerToken(() => 'admin-token', (id) => opened.has(id));
  equal(await askForHandoff('s4', 300), null, 'another session gets nothing');
  offerToken('s5', () => null);
  equal(await askForHandoff('s5', 300), null, 'a console without a token stays silent');
  equal((await askForHandoff('s3', 1000))?.kind, 'organizer', 'the opened one');
});
