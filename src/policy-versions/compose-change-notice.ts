import type { Translate } from '../i18n/i18n.js';
import type { ChangeSection, PolicyChanges } from './compare-versions.js';
import { notifiableSections } from './compare-versions.js';

export interface ChangeNoticeInput {
  readonly version: number;
  readonly effectiveDate: string;
  readonly changes: PolicyChanges;
  readonly requiresAcceptance: boolean;
  /** '' for links inside the site (account messages), the public URL for emails. */
  readonly baseUrl: string;
}

const sectionKeys: Record<ChangeSection, 'policy.section.purposes' | 'policy.section.recipients' | 'policy.section.transfers' | 'policy.section.retention' | 'policy.section.rights' | 'policy.section.other'> = {
  purposes: 'policy.section.purposes', recipients: 'policy.section.recipients', transfers: 'policy.section.transfers',
  retention: 'policy.section.retention', rights: 'policy.section.rights', other: 'policy.section.other',
};

/**
 * The change notice in the customer's language: what changed, where to read it, and, for a new
 * purpose based on consent, an invitation to opt in; doing nothing means no.
 */
export function composeChangeNotice(tr: Translate, input: ChangeNoticeInput): { title: string; text: string } {
  const { changes, baseUrl } = input;
  const lines = notifiableSections.filter((s) => changes.changed.includes(s)).map((s) => {
    const d = changes.sections[s];
    const parts = [
      d.added.length ? tr('policy.notice.added', { items: d.added.join('; ') }) : '',
      d.removed.length ? tr('policy.notice.removed', { items: d.removed.join('; ') }) : '',
      d.changed.length ? tr('policy.notice.changed', { items: d.changed.join('; ') }) : '',
    ].filter(Boolean);
    return `- ${tr(sectionKeys[s])}: ${parts.join(' ')}`;
  });
  const paragraphs = [
    tr('policy.notice.intro', { version: input.version, date: input.effectiveDate }),
    lines.join('\n'),
    tr('policy.notice.read', { url: `${baseUrl}/privacy/versions/${input.version}`, diff: `${baseUrl}/privacy/versions/diff?from=${input.version - 1}&to=${input.version}` }),
  ];
  if (changes.newConsentPurposes.length > 0) {
    paragraphs.push(tr('policy.notice.consent', { purposes: changes.newConsentPurposes.join('; '), url: `${baseUrl}/account/privacy` }));
  }
  if (input.requiresAcceptance) paragraphs.push(tr('policy.notice.accept', { url: `${baseUrl}/account/policy` }));
  return { title: tr('policy.notice.title', { date: input.effectiveDate }), text: paragraphs.join('\n\n') };
}
