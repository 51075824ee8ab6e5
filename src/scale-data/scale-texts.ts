/**
 * Text of generated rows (ticket conversations, inbox messages, comments, announcements,
 * applications). Data, not interface strings: customers write in their own language, so German
 * customers get German text. No text holds a card number or anything that looks like one.
 */
export interface TicketText {
  readonly department: 'general' | 'technical' | 'billing';
  readonly subject: string;
  readonly body: string;
}

export const ticketTexts: Readonly<Record<'en' | 'de', readonly TicketText[]>> = {
  en: [
    { department: 'technical', subject: 'Website shows error 500 after update', body: 'Since I updated my shop plugin this morning the site only shows "Internal Server Error". Could you check the logs?' },
    { department: 'technical', subject: 'Mail not arriving at my mailbox', body: 'Emails sent to my domain bounce since yesterday. Were the MX records changed?' },
    { department: 'technical', subject: 'How do I point my domain to the new server?', body: 'I ordered a VPS and would like my domain to use it. Which DNS records do I need to change?' },
    { department: 'technical', subject: 'SSL certificate not renewing', body: 'The browser warns that my certificate expires in three days. The automatic renewal seems to have failed.' },
    { department: 'billing', subject: 'Question about my last invoice', body: 'My last invoice shows two lines for the same plan. Is that correct?' },
    { department: 'billing', subject: 'Please change the company name on invoices', body: 'We renamed our company. Future invoices should show the new name; I have updated the profile.' },
    { department: 'general', subject: 'Upgrade from Starter to Business', body: 'I need more websites. Can I upgrade my plan without moving my files?' },
    { department: 'general', subject: 'Cancel my old hosting package', body: 'I moved everything to the new package. Please tell me how to cancel the old one at the end of the month.' },
  ],
  de: [
    { department: 'technical', subject: 'Webseite zeigt Fehler 500 nach Update', body: 'Seit dem Update meines Shop-Plugins heute früh zeigt die Seite nur noch "Internal Server Error". Können Sie die Logs prüfen?' },
    { department: 'technical', subject: 'E-Mails kommen nicht an', body: 'E-Mails an meine Domain kommen seit gestern zurück. Wurden die MX-Einträge geändert?' },
    { department: 'technical', subject: 'Domain auf neuen Server umstellen', body: 'Ich habe einen VPS bestellt und möchte meine Domain darauf zeigen lassen. Welche DNS-Einträge muss ich ändern?' },
    { department: 'technical', subject: 'SSL-Zertifikat wird nicht verlängert', body: 'Der Browser warnt, dass mein Zertifikat in drei Tagen abläuft. Die automatische Verlängerung hat wohl nicht funktioniert.' },
    { department: 'billing', subject: 'Frage zur letzten Rechnung', body: 'Auf meiner letzten Rechnung steht derselbe Tarif zweimal. Ist das richtig?' },
    { department: 'billing', subject: 'Firmenname auf Rechnungen ändern', body: 'Unsere Firma heißt jetzt anders. Künftige Rechnungen sollen den neuen Namen tragen; das Profil habe ich schon angepasst.' },
    { department: 'general', subject: 'Wechsel von Starter auf Business', body: 'Ich brauche mehr Websites. Kann ich den Tarif wechseln, ohne meine Dateien umzuziehen?' },
    { department: 'general', subject: 'Altes Hosting-Paket kündigen', body: 'Ich bin vollständig auf das neue Paket umgezogen. Wie kündige ich das alte zum Monatsende?' },
  ],
};

export const customerFollowUps: Readonly<Record<'en' | 'de', readonly string[]>> = {
  en: ['Thank you, that worked.', 'I tried that, but the problem is still there.', 'Here is the log file you asked for.', 'Could you please have another look?'],
  de: ['Vielen Dank, das hat funktioniert.', 'Das habe ich versucht, aber das Problem besteht weiter.', 'Anbei die Logdatei, nach der Sie gefragt hatten.', 'Könnten Sie bitte noch einmal nachsehen?'],
};

export const staffReplies: Readonly<Record<'en' | 'de', readonly string[]>> = {
  en: ['Thank you for your message. We have looked into it and fixed the configuration; please try again.', 'Could you send us the exact time the problem occurred? That helps us find it in the logs.', 'This is expected: the change takes up to 24 hours to reach every DNS resolver.'],
  de: ['Vielen Dank für Ihre Nachricht. Wir haben die Konfiguration korrigiert; bitte versuchen Sie es erneut.', 'Können Sie uns die genaue Uhrzeit nennen, zu der das Problem auftrat? Dann finden wir es in den Logs.', 'Das ist zu erwarten: Die Änderung braucht bis zu 24 Stunden, bis alle DNS-Resolver sie kennen.'],
};

export const internalNotes: readonly string[] = [
  'Checked the web server logs: PHP memory limit reached. Raised it for this account.',
  'Customer asked the same question last month; pointed to the help page again.',
  'Escalated to second level: possible issue on the storage cluster.',
];

export const attachmentTexts: readonly string[] = [
  '[error] PHP Fatal error: Allowed memory size exhausted in wp-includes/plugin.php on line 312',
  'dig MX example.com returned no answer at 09:14 and 09:20',
];

export interface InboxText {
  readonly category: 'maintenance' | 'security' | 'billing';
  readonly title: string;
  readonly body: string;
}

export const inboxTexts: Readonly<Record<'en' | 'de', readonly InboxText[]>> = {
  en: [
    { category: 'maintenance', title: 'Planned maintenance of the shared hosting platform', body: 'On Sunday between 02:00 and 04:00 UTC we update the web servers. Your sites may be unreachable for a few minutes.' },
    { category: 'security', title: 'New sign-in to your account', body: 'Someone signed in to your account from a new browser. If this was not you, change your password and end the other sessions.' },
    { category: 'billing', title: 'Your payment method will expire soon', body: 'The card we charge for your services expires at the end of next month. Please pay the next invoice with a valid card.' },
  ],
  de: [
    { category: 'maintenance', title: 'Geplante Wartung der Shared-Hosting-Plattform', body: 'Am Sonntag zwischen 02:00 und 04:00 UTC aktualisieren wir die Webserver. Ihre Websites können einige Minuten nicht erreichbar sein.' },
    { category: 'security', title: 'Neue Anmeldung bei Ihrem Konto', body: 'Jemand hat sich mit einem neuen Browser bei Ihrem Konto angemeldet. Falls Sie das nicht waren, ändern Sie Ihr Passwort und beenden Sie die anderen Sitzungen.' },
    { category: 'billing', title: 'Ihr Zahlungsmittel läuft bald ab', body: 'Die Karte, mit der wir abrechnen, läuft Ende nächsten Monats ab. Bitte zahlen Sie die nächste Rechnung mit einer gültigen Karte.' },
  ],
};

export const commentTexts: readonly string[] = [
  'Thanks for the heads-up!',
  'Will the maintenance also affect the mail servers?',
  'Great news, I have been waiting for this.',
  'Danke für die Info!',
];

export const announcementTopics: readonly { readonly title: string; readonly body: string }[] = [
  { title: 'Maintenance of the shared hosting platform', body: 'We update the web servers on Sunday night. Sites may be unreachable for a few minutes.' },
  { title: 'New VPS plans with more memory', body: 'All VPS plans now come with twice the memory at the same price.' },
  { title: 'PHP version update', body: 'The newest PHP version is available in every hosting plan; the oldest one is retired in three months.' },
  { title: 'Changes to our data centre network', body: 'We move to a new upstream provider. No action is needed on your side.' },
];

export const coverLetters: readonly string[] = [
  'I have worked in first-level hosting support for three years and would like to grow into second level.',
  'I run Linux servers at my current job and would love to work on a larger platform.',
  'I study computer science and have answered questions in an open-source forum for years.',
  'After ten years in a data centre I am looking for a role closer to customers.',
];

export const reviewNotes: readonly string[] = [
  'Good first interview; strong on DNS and mail.',
  'Not enough Linux experience for this role.',
  'Invited to a second interview with the team.',
];

export const openingTexts: readonly { readonly title: string; readonly location: string; readonly description: string }[] = [
  { title: 'Support engineer (web hosting)', location: 'Berlin or remote (EU)', description: 'You help our customers with DNS, mail and PHP questions by ticket and phone.' },
  { title: 'Linux system administrator', location: 'Frankfurt', description: 'You run our shared hosting and VPS platforms: patching, monitoring, capacity planning and on-call.' },
  { title: 'Working student, customer care', location: 'Remote (Germany)', description: 'Up to 20 hours a week answering customer questions and improving our help pages.' },
  { title: 'Network engineer', location: 'Frankfurt', description: 'You plan and run our data centre network and upstream connections.' },
];

export const userAgentFamilies: readonly string[] = ['Firefox on Linux', 'Chrome on Windows', 'Safari on macOS', 'Safari on iOS', 'Chrome on Android', 'Edge on Windows', 'Firefox on Windows'];
