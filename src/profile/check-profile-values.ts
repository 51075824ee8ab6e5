import type { FieldError } from '../errors/app-error.js';
import type { ProfileValues } from './profile-fields.js';
import { normalisePhone, normalisePostalCode, normaliseVatId, postalCodeRequired } from './profile-validation.js';

/**
 * The rules of a whole profile, beyond single fields: names and language are required; an address
 * is all or nothing (with any part given, street, city and country are needed, and a postal code
 * that fits the country, required where the country's format is known). Phone and VAT id are
 * normalised here too, so callers other than the routes (demo, staff tools) get the same rules.
 * Field names in the errors are the form's.
 */
export function checkProfileValues(values: ProfileValues): { values: ProfileValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!values.first_name) errors.push({ field: 'firstName', message: 'Enter your first name' });
  if (!values.last_name) errors.push({ field: 'lastName', message: 'Enter your last name' });
  if (!values.locale) errors.push({ field: 'locale', message: 'Choose a language' });
  const phone = values.phone === null ? null : normalisePhone(values.phone);
  if (values.phone !== null && phone === null) errors.push({ field: 'phone', message: 'Not an international phone number' });
  const vatId = values.vat_id === null ? null : normaliseVatId(values.vat_id);
  if (values.vat_id !== null && vatId === null) errors.push({ field: 'vatId', message: 'Not an EU VAT identification number' });
  const { address_lines: lines, postal_code: postalCode, city, region, address_country: country } = values;
  let normalisedPostalCode = postalCode;
  if ([lines, postalCode, city, region, country].some((part) => part !== null)) {
    if (!lines || lines.split('\n')[0]!.trim() === '') errors.push({ field: 'addressLine1', message: 'Enter the street and house number' });
    if (!city) errors.push({ field: 'city', message: 'Enter the city' });
    if (!country) errors.push({ field: 'addressCountry', message: 'Choose the country of the address' });
    if (postalCode !== null) {
      normalisedPostalCode = normalisePostalCode(postalCode, country);
      if (normalisedPostalCode === null) errors.push({ field: 'postalCode', message: 'This is not a postal code of the chosen country' });
    } else if (postalCodeRequired(country)) {
      errors.push({ field: 'postalCode', message: 'Enter the postal code' });
    }
  }
  return { values: { ...values, phone, vat_id: vatId, postal_code: normalisedPostalCode }, errors };
}
