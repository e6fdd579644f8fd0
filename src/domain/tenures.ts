/**
 * Tenures are data, not code branches (product.md). Everything the engine needs to know
 * about a tenure is in this table; the values it points at live in the parameters.
 */
import type { Tenure } from '../schema/operation';

export type SuRegime = 'social' | 'fiscal' | 'accession';

export interface TenureInfo {
  readonly id: Tenure;
  /** Parameter key segment: `vat.<key>_pct`, `tfpb.<key>.exemption_years`… */
  readonly key: string;
  /** rental: financed by a plan de financement and carried by rents; sale: covered by its revenue. */
  readonly kind: 'rental' | 'sale';
  /** Which surface utile its rents or prices are expressed in (CCH R.331-10; CGI ann. III 2 terdecies D). */
  readonly suRegime: SuRegime;
  /** Default CDC product of its loans (`loan.<product>.*`), when it has one. */
  readonly loanProduct?: 'plai' | 'plus' | 'pls' | 'lli';
  /** Rent ceiling family (`rent_ceiling.<x>.<zone>`) and the zoning it uses. */
  readonly rentCeiling?: 'plai' | 'plus' | 'pls' | 'lli';
  readonly zoning?: 'hlm' | 'abc';
  /** Subject to the "CDC loans ≥ 50 % of cost" lender check (PLS rule; LEON applies it to PLUS). */
  readonly cdcHalfRule: boolean;
  /** May be a logement-foyer or résidence sociale (`lots[].foyer`: PLAI, PLUS, PLS). */
  readonly foyer?: boolean;
  readonly labelFr: string;
  readonly labelEn: string;
}

export const TENURE_TABLE: Readonly<Record<Tenure, TenureInfo>> = {
  PLAI: { id: 'PLAI', key: 'plai', kind: 'rental', foyer: true, suRegime: 'social', loanProduct: 'plai', rentCeiling: 'plai', zoning: 'hlm', cdcHalfRule: false, labelFr: 'Locatif très social (PLAI)', labelEn: 'Very-social rental (PLAI)' },
  PLUS: { id: 'PLUS', key: 'plus', kind: 'rental', foyer: true, suRegime: 'social', loanProduct: 'plus', rentCeiling: 'plus', zoning: 'hlm', cdcHalfRule: true, labelFr: 'Locatif social (PLUS)', labelEn: 'Social rental (PLUS)' },
  PLS: { id: 'PLS', key: 'pls', kind: 'rental', foyer: true, suRegime: 'social', loanProduct: 'pls', rentCeiling: 'pls', zoning: 'abc', cdcHalfRule: true, labelFr: 'Locatif social (PLS)', labelEn: 'Social rental (PLS)' },
  LLI: { id: 'LLI', key: 'lli', kind: 'rental', suRegime: 'fiscal', loanProduct: 'lli', rentCeiling: 'lli', zoning: 'abc', cdcHalfRule: false, labelFr: 'Locatif intermédiaire (LLI)', labelEn: 'Intermediate rental (LLI)' },
  SCIAPP: { id: 'SCIAPP', key: 'sciapp', kind: 'rental', suRegime: 'social', loanProduct: 'plus', rentCeiling: 'plus', zoning: 'hlm', cdcHalfRule: false, labelFr: 'Accession progressive (SCIAPP)', labelEn: 'Progressive ownership (SCIAPP)' },
  coop: { id: 'coop', key: 'coop', kind: 'rental', suRegime: 'social', loanProduct: 'pls', zoning: 'abc', cdcHalfRule: false, labelFr: "Coopérative d'habitants", labelEn: "Residents' cooperative" },
  PSLA: { id: 'PSLA', key: 'psla', kind: 'sale', suRegime: 'accession', cdcHalfRule: false, labelFr: 'Location-accession (PSLA)', labelEn: 'Lease-to-own (PSLA)' },
  BRS: { id: 'BRS', key: 'brs', kind: 'sale', suRegime: 'accession', cdcHalfRule: false, labelFr: 'Bail réel solidaire (BRS)', labelEn: 'Community land lease (BRS)' },
  libre: { id: 'libre', key: 'libre', kind: 'sale', suRegime: 'social', cdcHalfRule: false, labelFr: 'Accession libre', labelEn: 'Market sale' },
};

export function tenureInfo(t: Tenure): TenureInfo {
  return TENURE_TABLE[t];
}
