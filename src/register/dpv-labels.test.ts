import { describe, expect, it } from 'vitest';
import { dataMap } from '../datamap/datamap.registry.js';
import { dataSubjectCategories, personalDataCategories, purposes } from '../datamap/vocabulary.js';
import { supportedLocales, translator } from '../i18n/i18n.js';
import { en } from '../i18n/messages.en.js';
import { allCategories } from './derive-from-datamap.js';
import { dpvLabel, dpvLabelKey } from './dpv-labels.js';

describe('labels of DPV terms', () => {
  const vocabulary = [...purposes, ...personalDataCategories, ...dataSubjectCategories];

  it('has a catalogue label for every term of the vocabulary, and so for every one the data map uses', () => {
    for (const iri of vocabulary) expect(Object.keys(en), iri).toContain(dpvLabelKey(iri));
    const used = [...allCategories(dataMap), ...dataMap.flatMap((table) => [...table.purposes, ...table.dataSubjects])];
    for (const iri of used) expect(vocabulary as readonly string[], iri).toContain(iri);
  });

  it('gives every term a distinct label in each language', () => {
    for (const locale of supportedLocales) {
      const tr = translator(locale);
      for (const group of [purposes, personalDataCategories, dataSubjectCategories]) {
        const labels = group.map((iri) => dpvLabel(tr, iri));
        expect(new Set(labels).size, locale).toBe(labels.length);
      }
    }
    expect(dpvLabel(translator('en'), 'dpv:AccountManagement')).toBe('Customer account management');
    expect(dpvLabel(translator('de'), 'pd:EmailAddress')).toBe('E-Mail-Adresse');
  });
});
