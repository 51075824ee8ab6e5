import type { domainsMessages } from './domains.messages.en.js';

/** German messages of domains (formal "Sie"). */
export const domainsMessagesDe: Record<keyof typeof domainsMessages, string> = {
};
