import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { marketingChoices } from './consent-purposes.js';
import { consentState, type ConsentState } from './consent-state.js';

export type ChoiceState = (typeof marketingChoices)[number] & { readonly state: ConsentState };

/** The current state of every marketing and profiling choice of a person, from the ledger. */
export async function readMarketingChoices(db: Kysely<Database>, subjectId: string, now: Date): Promise<ChoiceState[]> {
  const states: ChoiceState[] = [];
  for (const choice of marketingChoices) states.push({ ...choice, state: await consentState(db, { subjectId, purpose: choice.purpose, channel: choice.channel, now }) });
  return states;
}
