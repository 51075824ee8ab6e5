import type { DataSubjectCategory, LegalBasis, PersonalDataCategory, Purpose } from './vocabulary.js';
import type { Config } from '../config/load-config.js';

/** A retention period: a key of the validated config (operator-tunable) or a fixed ISO-8601 duration set here. */
export type Period = { config: keyof Config['retention'] } | { iso: string };

/** How long rows of a table live. The retention sweep and the notice are derived from this. */
export type RetentionRule =
  | { kind: 'while-subject-active'; description: string }
  | { kind: 'after'; column: string; period: Period; description: string }
  | { kind: 'system'; description: string };

/** What erasure of the data subject does to one column. */
export type ErasureAction =
  | { action: 'delete' }
  | { action: 'anonymise' }
  | { action: 'deattribute' }
  | { action: 'keep'; legalBasis: LegalBasis; reason: string; period: Period };

/** How a row leads to the person it is about. */
export type SubjectLink =
  | { via: 'column'; column: string }
  | { via: 'principal'; kindColumn: string; idColumn: string }
  | { via: 'none'; reason: string };

export interface PersonalColumn {
  readonly category: PersonalDataCategory;
  readonly erasure: ErasureAction;
  /** Stored encrypted with the subject's data key (crypto-shredding removes every copy). */
  readonly encrypted?: boolean;
  /** Narrower than the table's purposes, when this column serves fewer. */
  readonly purposes?: readonly Purpose[];
  readonly note?: string;
}

export interface NonPersonalColumn {
  readonly category: null;
  readonly note?: string;
}

export type ColumnDeclaration = PersonalColumn | NonPersonalColumn;

export interface TableDeclaration<Columns extends string = string> {
  readonly table: string;
  readonly description: string;
  readonly dataSubjects: readonly DataSubjectCategory[];
  readonly subjectLink: SubjectLink;
  readonly purposes: readonly Purpose[];
  readonly legalBasis: LegalBasis | null;
  /** Named where legalBasis is legitimate interest (Art 13(1)(d)). */
  readonly legitimateInterest?: string;
  readonly retention: RetentionRule;
  readonly columns: Readonly<Record<Columns, ColumnDeclaration>>;
}
