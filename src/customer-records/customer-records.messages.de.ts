import type { customerRecordsMessages } from './customer-records.messages.en.js';

/** German messages of customer-records (formal "Sie"). */
export const customerRecordsMessagesDe: Record<keyof typeof customerRecordsMessages, string> = {
};
