/** The language switcher; spread into `en`. Language names are written in their own language. */
export const languageMessages = {
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.de': 'Deutsch',
} as const;
