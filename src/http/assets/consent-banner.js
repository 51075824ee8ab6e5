/* Cookie banner enhancement: saves choices with fetch, updates Consent Mode, and deletes the
   register's cookies of every category (or service) that is not consented. Without it, the
   forms post normally and redirect back. */
(function (d) {
  function eraseCookie(name) {
    var host = location.hostname.split('.'), domains = [''];
    for (var i = 0; i < host.length - 1; i++) domains.push('; domain=.' + host.slice(i).join('.'));
    domains.forEach(function (domain) { d.cookie = name + '=; Max-Age=0; path=/' + domain; });
  }
  function eraseCategories(form, granted) {
    var names = JSON.parse(form.getAttribute('data-cookies') || '{}');
    Object.keys(names).forEach(function (category) {
      if (granted.indexOf(category) >= 0) return;
      names[category].forEach(function (pattern) {
        var prefix = pattern.replace(/\*.*$/, '');
        d.cookie.split('; ').forEach(function (pair) {
          var name = pair.split('=')[0];
          if (pattern.indexOf('*') >= 0 ? name.indexOf(prefix) === 0 : name === pattern) eraseCookie(name);
        });
      });
    });
  }
  function done(form, result) {
    if (window.custodianConsent) window.custodianConsent.apply(result.granted, result.deniedServices);
    eraseCategories(form, result.granted);
    var banner = d.getElementById('consent-banner');
    if (banner && banner.contains(form)) {
      var hadFocus = banner.contains(d.activeElement);
      banner.hidden = true;
      if (hadFocus) d.getElementById('main').focus();
    }
    var status = form.querySelector('.consent-status');
    if (status) status.textContent = form.getAttribute('data-saved');
  }
  d.addEventListener('submit', function (event) {
    var form = event.target, button = event.submitter;
    if (!form.hasAttribute || !form.hasAttribute('data-consent-form') || form.hasAttribute('data-plain') || !button || button.value === 'settings') return;
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form, button));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (result) { done(form, result); })
      .catch(function () { form.setAttribute('data-plain', ''); form.requestSubmit(button); });
  });
})(document);
