import type { FastifyRequest } from 'fastify';
import { dataMap } from '../datamap/datamap.registry.js';
import type { AppDeps } from '../http/app-deps.js';
import { t } from '../http/layout.js';
import type { NoticeInput } from '../privacy-notice/notice-model.js';
import { currentRegister } from '../register/current-register.js';
import { currentPolicyVersion } from './current-policy-version.js';
import { snapshotNoticeInput } from './policy-snapshot.js';
import type { PolicyVersionSummary } from './policy-versions.store.js';
import { loadPolicyVersion } from './read-policy-versions.js';

export interface NoticeInForce {
  readonly input: NoticeInput;
  /** The published version shown; null before the first publication, when the live register is shown. */
  readonly version: PolicyVersionSummary | null;
}

/**
 * What /privacy shows: the published version in force (its frozen register, data map and retention),
 * so an unpublished edit never reaches the public notice; before any publication, the live register.
 */
export async function noticeInForce(deps: AppDeps, request: FastifyRequest): Promise<NoticeInForce> {
  const tr = t(request);
  const locale = request.locale ?? 'en';
  const inForce = await currentPolicyVersion(deps.db, deps.now());
  if (inForce) {
    const { summary, snapshot } = await loadPolicyVersion(deps.db, inForce.version);
    return { input: snapshotNoticeInput(snapshot, tr, locale), version: summary };
  }
  return { input: { register: (await currentRegister(deps.db)).register, declarations: dataMap, retention: deps.config.retention, tr, locale }, version: null };
}
