import { dpvLabelMessages } from './dpv-labels.messages.en.js';
import { registerConsoleMessages } from './register-console.messages.en.js';

/** Labels for the register's codes (legal bases, safeguards, ...); spread into `en` in messages.en.ts. */
export const registerMessages = {
  ...dpvLabelMessages,
  ...registerConsoleMessages,
  'register.basis.eu-gdpr:A6-1-a': 'Consent (Art 6(1)(a) GDPR)',
  'register.basis.eu-gdpr:A6-1-b': 'Contract (Art 6(1)(b) GDPR)',
  'register.basis.eu-gdpr:A6-1-c': 'Legal obligation (Art 6(1)(c) GDPR)',
  'register.basis.eu-gdpr:A6-1-f': 'Legitimate interest (Art 6(1)(f) GDPR)',
  'register.safeguard.adequacy-decision': 'Adequacy decision of the European Commission (Art 45 GDPR)',
  'register.safeguard.standard-contractual-clauses': 'Standard contractual clauses (Art 46(2)(c) GDPR)',
  'register.safeguard.binding-corporate-rules': 'Binding corporate rules (Art 47 GDPR)',
  'register.safeguard.none': 'None needed (within the EEA)',
  'register.kind.processor': 'Processor',
  'register.kind.controller': 'Controller',
  'register.kind.authority': 'Public authority',
  'register.requirement.contractual': 'Needed for the contract',
  'register.requirement.legal': 'Required by law',
  'register.requirement.none': 'Not required',
  'register.cookie.strictly-necessary': 'Strictly necessary',
  'register.cookie.preferences': 'Preferences',
  'register.cookie.analytics': 'Analytics',
  'register.cookie.marketing': 'Marketing',
  'register.residency.account': 'Your data is kept in {region}: {how}',
  'register.yes': 'Yes',
  'register.no': 'No',
} as const;
