/* Custodian consent stub (in <head>): Consent Mode v2 defaults to denied, then activates only
   consented `<script type="text/plain" data-category>` elements. Honours Global Privacy Control. */
(function (w, d) {
  var own = d.currentScript, nonce = own && own.nonce;
  var dl = (w.dataLayer = w.dataLayer || []);
  w.gtag = w.gtag || function () { dl.push(arguments); };
  var meta = d.querySelector('meta[name="custodian-consent"]');
  var gpc = w.navigator.globalPrivacyControl === true || (meta && meta.getAttribute('data-gpc') === '1');
  var granted = {}, denied = {};
  function words(s) { return (s || '').split(' ').filter(Boolean); }
  function signals() {
    var m = granted.marketing ? 'granted' : 'denied';
    return { ad_storage: m, ad_user_data: m, ad_personalization: m, analytics_storage: granted.analytics ? 'granted' : 'denied' };
  }
  function set(categories, deniedServices) {
    granted = {}; denied = {};
    categories.forEach(function (c) { if (!(gpc && c === 'marketing')) granted[c] = true; });
    deniedServices.forEach(function (s) { denied[s] = true; });
  }
  function activate() {
    var list = d.querySelectorAll('script[type="text/plain"][data-category]');
    for (var i = 0; i < list.length; i++) {
      var old = list[i], service = old.getAttribute('data-service');
      if (!granted[old.getAttribute('data-category')] || (service && denied[service])) continue;
      var s = d.createElement('script');
      for (var j = 0; j < old.attributes.length; j++) {
        var a = old.attributes[j];
        if (a.name !== 'type' && a.name !== 'nonce') s.setAttribute(a.name, a.value);
      }
      if (old.src) s.async = old.hasAttribute('async'); else s.text = old.text;
      if (nonce) s.nonce = nonce;
      old.parentNode.replaceChild(s, old);
    }
  }
  set(words(meta && meta.content), words(meta && meta.getAttribute('data-denied')));
  w.gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', wait_for_update: 500 });
  if (granted.analytics || granted.marketing) w.gtag('consent', 'update', signals());
  w.custodianConsent = {
    gpc: gpc,
    granted: function () { return Object.keys(granted); },
    /** Called by consent-banner.js after a choice is saved. */
    apply: function (categories, deniedServices) {
      set(categories, deniedServices || []);
      w.gtag('consent', 'update', signals());
      activate();
    }
  };
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', activate); else activate();
})(window, document);
