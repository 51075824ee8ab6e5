import type { servicesMessages } from './services.messages.en.js';

/** German messages of services (formal "Sie"). */
export const servicesMessagesDe: Record<keyof typeof servicesMessages, string> = {
};
