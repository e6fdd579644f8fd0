/**
 * The management profile in the output: the report's header line, the Hypothèses line and the JSON
 * (an assumption's origin « profil HER 2026 » is worded by words.ts `assumptionOrigin`).
 */
import { profileLabel } from '../load/profile';
import type { Model } from '../engine/model';
import type { Lang } from './format';

/** « Profil de gestion: HER 2026 (profils/her-2026.yaml), sur la base de … » — or nothing without a profile. */
export function profileLine(model: Pick<Model, 'profile'>, lang: Lang): string[] {
  const p = model.profile;
  if (!p || p.chain.length === 0) return [];
  const t = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const [first, ...bases] = p.chain;
  const one = (r: typeof first) => `${profileLabel(r!)} (${r!.file})`;
  return [`${t('Profil de gestion', 'Management profile')}: ${one(first)}${bases.length ? `${t(', sur la base de ', ', based on ')}${bases.map(one).join(' ← ')}` : ''}`];
}

/** The `profile` key of the JSON report: the chain, the profile named by the file first. */
export function profileJson(model: Pick<Model, 'profile'>): Record<string, unknown> {
  const p = model.profile;
  if (!p || p.chain.length === 0) return {};
  const [first] = p.chain;
  return { profile: { name: first!.name, vintage: first!.vintage ?? null, label: profileLabel(first!), file: first!.file, chain: p.chain.map((r) => ({ name: r.name, vintage: r.vintage ?? null, file: r.file })) } };
}

