import type { trustedUsersMessages } from './trusted-users.messages.en.js';

/** German messages of trusted-users (formal "Sie"). */
export const trustedUsersMessagesDe: Record<keyof typeof trustedUsersMessages, string> = {
};
