import { dataSubjectCategories, purposes } from '../datamap/vocabulary.js';
import type { Translate } from '../i18n/i18n.js';
import { en, type MessageKey } from '../i18n/messages.en.js';
import { termLabel } from './derive-from-datamap.js';

/** The catalogue key of a DPV term's label: `dpv:AccountManagement` -> `dpv.purpose.AccountManagement`. */
export function dpvLabelKey(iri: string): string | undefined {
  const local = iri.slice(iri.indexOf(':') + 1);
  if (iri.startsWith('pd:')) return `dpv.pd.${local}`;
  if ((purposes as readonly string[]).includes(iri)) return `dpv.purpose.${local}`;
  if ((dataSubjectCategories as readonly string[]).includes(iri)) return `dpv.subject.${local}`;
  return undefined;
}

/** The translated label of a DPV term; a term without a catalogue entry falls back to its spelled-out code. */
export function dpvLabel(tr: Translate, iri: string): string {
  const key = dpvLabelKey(iri);
  return key && key in en ? tr(key as MessageKey) : termLabel(iri);
}

/** Labels of several terms, joined for a table cell. */
export function dpvLabels(tr: Translate, iris: readonly string[]): string {
  return iris.map((iri) => dpvLabel(tr, iri)).join(', ');
}
