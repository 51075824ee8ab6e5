import type { profileMessages } from './profile.messages.en.js';

/** German messages of profile (formal "Sie"). */
export const profileMessagesDe: Record<keyof typeof profileMessages, string> = {
};
