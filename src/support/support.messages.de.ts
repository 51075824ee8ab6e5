import type { supportMessages } from './support.messages.en.js';

/** German messages of support (formal "Sie"). */
export const supportMessagesDe: Record<keyof typeof supportMessages, string> = {
};
