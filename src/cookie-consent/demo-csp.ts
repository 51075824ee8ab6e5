import { contentSecurityPolicy } from '../http/security-headers.js';

/** The hosts the integration example's recipes (GA4, Yandex Metrica, Meta pixel) load from and send to. */
const scriptHosts = ['https://www.googletagmanager.com', 'https://mc.yandex.ru', 'https://connect.facebook.net'];
const beaconHosts = ['https://*.google-analytics.com', 'https://*.analytics.google.com', 'https://www.googletagmanager.com', 'https://mc.yandex.ru', 'https://www.facebook.com'];

/**
 * The site-wide policy, widened only for /consent/demo: the recipes' inline loaders run with this
 * response's nonce (the stub copies it onto the scripts it activates) and the trackers' hosts are allowed.
 */
export function demoContentSecurityPolicy(nonce: string): string {
  return contentSecurityPolicy
    .split('; ')
    .map((directive) => {
      const [name] = directive.split(' ');
      if (name === 'script-src') return `${directive} 'nonce-${nonce}' ${scriptHosts.join(' ')}`;
      if (name === 'connect-src' || name === 'img-src') return `${directive} ${beaconHosts.join(' ')}`;
      return directive;
    })
    .join('; ');
}
