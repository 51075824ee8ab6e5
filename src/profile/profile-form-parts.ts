import type { FastifyRequest } from 'fastify';
import { countryOptions, isKnownCountry } from '../accounts/minimum-age.js';
import { containsCardNumber } from '../card-numbers/card-numbers.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import { supportedLocales, type Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';

/** Values a form shows again after a failed submit; strings only. */
export type FormValues = Readonly<Record<string, string>>;

export interface SelectOptions {
  readonly name: string;
  readonly label: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly selected: string;
  readonly errors?: readonly FieldError[];
  readonly autocomplete?: string;
  readonly hint?: string;
}

/** A labelled select with its hint and error tied to it, like `field()` for inputs. */
export function selectField(options: SelectOptions): SafeHtml {
  const id = `field-${options.name}`;
  const error = options.errors?.find((e) => e.field === options.name);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${options.label}</label>${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}${error ? html`<p class="field-error" id="${id}-error">${error.message}</p>` : ''}<select id="${id}" name="${options.name}"${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>
${options.options.map((o) => html`<option value="${o.value}"${o.value === options.selected ? html` selected` : ''}>${o.label}</option>`)}
</select></div>`;
}

/**
 * Codes the runtime still names but that stand for no current country: withdrawn ones (DD, SU,
 * YU...) and exceptional reservations (UK, EA, IC...). Offering them would list Germany twice.
 */
const notAssigned = new Set(['AC', 'AN', 'BU', 'CP', 'CQ', 'CS', 'DD', 'DG', 'DY', 'EA', 'FX', 'HV', 'IC', 'NH', 'RH', 'SU', 'TA', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR']);

/** An ISO 3166-1 alpha-2 code officially assigned to a country or territory today. */
export function isAssignedCountry(code: string): boolean {
  return isKnownCountry(code) && !notAssigned.has(code);
}

const countriesByLocale = new Map<string, ReadonlyArray<{ value: string; label: string }>>();

/** Every country, named and sorted in the page's language. */
export function countryChoices(locale: string): ReadonlyArray<{ value: string; label: string }> {
  let choices = countriesByLocale.get(locale);
  if (!choices) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    choices = countryOptions().filter((c) => !notAssigned.has(c.code)).map((c) => ({ value: c.code, label: names.of(c.code) ?? c.name })).sort((a, b) => a.label.localeCompare(b.label, locale));
    countriesByLocale.set(locale, choices);
  }
  return choices;
}

export function countryName(locale: string, code: string | null): string {
  return code ? (new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code) : '';
}

/** The supported languages, each named in its own language. */
export function languageChoices(tr: Translate): Array<{ value: string; label: string }> {
  return supportedLocales.map((code) => ({ value: code, label: tr(`lang.${code}` as MessageKey) }));
}

const fieldMessages: Record<string, MessageKey> = {
  firstName: 'profile.invalid.firstName',
  lastName: 'profile.invalid.lastName',
  phone: 'profile.invalid.phone',
  company: 'profile.invalid.company',
  vatId: 'profile.invalid.vatId',
  addressLine1: 'profile.invalid.addressLine1',
  addressLine2: 'profile.invalid.addressLine2',
  postalCode: 'profile.invalid.postalCode',
  city: 'profile.invalid.city',
  region: 'profile.invalid.region',
  addressCountry: 'profile.invalid.addressCountry',
  country: 'profile.invalid.country',
  locale: 'profile.invalid.locale',
  role: 'profile.invalid.role',
  name: 'profile.invalid.contactName',
  email: 'profile.invalid.email',
  newEmail: 'profile.invalid.newEmail',
  currentPassword: 'profile.invalid.currentPassword',
};

/**
 * zod speaks English to developers; people get the catalogue's message for the field, and a field
 * holding a card number is named as such. One message per field.
 */
export function localiseProfileErrors(request: FastifyRequest, errors: readonly FieldError[], submitted: Record<string, unknown> = {}): FieldError[] {
  const tr = t(request);
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.field)) return [];
    seen.add(error.field);
    const value = submitted[error.field];
    if (typeof value === 'string' && containsCardNumber(value)) return [{ field: error.field, message: tr('profile.invalid.cardNumber') }];
    const key = fieldMessages[error.field];
    return [{ field: error.field, message: key ? tr(key) : error.message }];
  });
}

/**
 * What the submitted form shows again: strings only, capped, and never a card number (a refused
 * field is emptied rather than echoed back into the page).
 */
export function resubmittedValues(submitted: Record<string, unknown>): FormValues {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(submitted)) {
    if (name === '_csrf' || name === 'currentPassword' || typeof value !== 'string') continue;
    values[name] = containsCardNumber(value) ? '' : value.slice(0, 300);
  }
  return values;
}
