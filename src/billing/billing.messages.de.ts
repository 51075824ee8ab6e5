import type { billingMessages } from './billing.messages.en.js';

/** German messages of billing (formal "Sie"). */
export const billingMessagesDe: Record<keyof typeof billingMessages, string> = {
};
