import type { communityMessages } from './community.messages.en.js';

/** German messages of community (formal "Sie"). */
export const communityMessagesDe: Record<keyof typeof communityMessages, string> = {
};
