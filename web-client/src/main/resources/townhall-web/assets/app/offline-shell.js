// Installs the service worker (/sw.js) that keeps the resident pages' shell for poor networks, once the page has
// loaded, so it never competes with the page's own first requests. Browsers without service workers (or with
// them turned off) simply go without.

export function keepShellForOffline() {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // no worker: every load goes to the network, as before
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
