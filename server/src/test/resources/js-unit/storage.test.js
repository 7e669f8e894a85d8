import { storage } from '/app/storage.js';
import { deepEqual, equal, ok, test } from './harness.js';

const entry = {
  id: 's1', code: '123456', title: 'Phiên một', createdAt: 1,
  audienceLink: 'https://t.example/j/123456',
  moderatorLink: 'https://t.example/m/s1#token=secret-m',
  stageLink: 'https://t.example/stage/s1#token=secret-s',
  speakerLink: 'https://t.example/speaker/s1#token=secret-s',
};

test('the organizer\'s saved sessions keep token links for the tab only', () => {
  localStorage.clear();
  sessionStorage.clear();
  storage.setOrganizerSessions([entry, { id: 's2', code: '654321', title: 'Phiên hai' }]);

  ok(!JSON.stringify(localStorage).includes('secret'), 'no token in localStorage');
  ok(JSON.stringify(sessionStorage).includes('secret-m'), 'the tab keeps the moderator link');
  deepEqual(storage.organizerSessions()[0], entry, 'this tab reads the whole entry back');

  sessionStorage.clear(); // another tab, or the browser opened again
  const later = storage.organizerSessions();
  equal(later.length, 2, 'both sessions are still listed');
  equal(later[0].moderatorLink, undefined, 'no moderator link without the tab');
  equal(later[0].audienceLink, entry.audienceLink, 'the audience link carries no token and stays');
  equal(later[1].title, 'Phiên hai', 'the second entry as saved');
});

test('a list saved by an earlier version with token links in localStorage loses them on reading', () => {
  localStorage.clear();
  sessionStorage.clear();
  localStorage.setItem('townhall.organizer.sessions', JSON.stringify([entry]));
  equal(storage.organizerSessions()[0].moderatorLink, undefined, 'an old stored token link is not used');
  storage.setOrganizerSessions(storage.organizerSessions());
  ok(!JSON.stringify(localStorage).includes('secret'), 'and is gone once the list is saved again');
});
