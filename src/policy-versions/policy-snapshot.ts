import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import { dataMap } from '../datamap/datamap.registry.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import type { Database } from '../db/database.types.js';
import { translator, type Translate } from '../i18n/i18n.js';
import type { NoticeInput } from '../privacy-notice/notice-model.js';
import { noticeMain } from '../privacy-notice/privacy-notice.pages.js';
import { currentRegister } from '../register/current-register.js';
import type { Register } from '../register/register.schema.js';

/** Everything the notice is rendered from, frozen at publication: the register, the data map, retention settings. */
export interface PolicySnapshot {
  readonly register: Register;
  readonly dataMap: readonly TableDeclaration[];
  readonly retention: Config['retention'];
}

export async function takeSnapshot(db: Kysely<Database>, retention: Config['retention']): Promise<PolicySnapshot> {
  const { register } = await currentRegister(db);
  // A deep copy through JSON: exactly what is stored, so rendering now and later agree.
  return JSON.parse(JSON.stringify({ register, dataMap, retention })) as PolicySnapshot;
}

export function snapshotNoticeInput(snapshot: PolicySnapshot, tr: Translate, locale: string): NoticeInput {
  return { register: snapshot.register, declarations: snapshot.dataMap, retention: snapshot.retention, tr, locale };
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' };

/** The English notice of a snapshot as plain text, one line per heading, paragraph, list item or table row. */
export function noticeText(snapshot: PolicySnapshot): string {
  const markup = noticeMain(snapshotNoticeInput(snapshot, translator('en'), 'en')).value;
  return markup
    .replace(/<\/(p|h[1-6]|li|tr|dt|dd|section|table|ol|ul|dl|nav)>/g, '\n')
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#96);/g, (e) => entities[e] ?? e)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').replace(/( \| )+$/, '').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
