import type { careersMessages } from './careers.messages.en.js';

/** German messages of careers (formal "Sie"). */
export const careersMessagesDe: Record<keyof typeof careersMessages, string> = {
};
