import { optionalCategories, servicesOf, type Cookie, type OptionalCategory } from './consent-choice.js';
import type { CookieConsentView } from './consent-request.js';

export interface ChoiceForm {
  readonly choice: 'accept-all' | 'reject-all' | 'save' | 'settings';
  readonly preferences?: 'yes';
  readonly analytics?: 'yes';
  readonly marketing?: 'yes';
  readonly service?: string | string[];
}

/**
 * Turns a posted form into the categories in force. On the settings page a category counts as
 * chosen when its box or any of its services is ticked; services left unticked inside a chosen
 * category are refused, unless none of them was ticked (the category box then means all).
 * Under Global Privacy Control marketing is never granted.
 */
export function resolveChoice(form: ChoiceForm, view: Pick<CookieConsentView, 'cookies' | 'gpc'>): { granted: OptionalCategory[]; deniedServices: string[] } {
  const services = servicesOf(view.cookies);
  const ticked = new Set(form.service === undefined ? [] : Array.isArray(form.service) ? form.service : [form.service]);
  let granted: OptionalCategory[];
  let deniedServices: string[] = [];
  if (form.choice === 'accept-all') granted = [...optionalCategories];
  else if (form.choice === 'reject-all') granted = [];
  else {
    granted = optionalCategories.filter((c) => form[c] === 'yes' || services.some((s) => s.category === c && ticked.has(s.id)));
    for (const category of granted) {
      const inCategory = services.filter((s) => s.category === category);
      if (inCategory.some((s) => ticked.has(s.id))) deniedServices.push(...inCategory.filter((s) => !ticked.has(s.id)).map((s) => s.id));
    }
  }
  if (view.gpc) granted = granted.filter((c) => c !== 'marketing');
  deniedServices = deniedServices.filter((id) => services.some((s) => s.id === id && granted.includes(s.category)));
  return { granted, deniedServices };
}

/** First-party cookies of refused categories and services, by the register's exact names. */
export function cookiesToClear(cookies: readonly Cookie[], granted: readonly OptionalCategory[], deniedServices: readonly string[]): string[] {
  const denied = new Set(deniedServices);
  return servicesOf(cookies)
    .filter((s) => !granted.includes(s.category) || denied.has(s.id))
    .flatMap((s) => s.cookies.map((c) => c.name))
    .filter((name) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name));
}
