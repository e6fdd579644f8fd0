/**
 * The derivation of a figure as a tree of facts (`equilibre explain`, docs/json.md): each node a
 * value with its unit, how it is obtained from its children (`op`), and — for a leaf — where it
 * comes from (a line of the file, an embedded parameter, a default, a `--set` option). No words:
 * src/report/explain.ts words the concepts (`concept`) in French or English.
 */
import type { Dec } from '../domain/money';

export type ExplainValue = Dec | number | boolean | null;

/**
 * How a node's value follows from its children's values, in order (docs/json.md). In `product`,
 * `quotient`, `one_plus`, `one_minus` and `share`, an operand of unit `pct` counts as a fraction
 * (5 % = 0.05).
 * - `sum` a + b + …, `diff` a − b − …, `product` a × b × …, `quotient` a ÷ b, `pct_of` a ÷ b × 100,
 *   `gap_pct` (1 − a ÷ b) × 100, `one_plus` 1 + a, `one_minus` 1 − a, `min`/`max` of the children,
 *   `round_cents` a to the cent, `round_up_4dp` a rounded up to 1/10 000, `same` = a (a figure read from another node);
 * - `gte` a ≥ b, `lt` a < b, `eq` a = b (booleans), `all` every child true, `count` how many
 *   children are true, `argmin` the position (1 = first, a year) of the lowest child;
 * - `share`: the part of a in proportion b ÷ c, allocated to the cent (within a cent of a × b ÷ c);
 * - `npv`: −a + Σ cᵢ ÷ (1 + b)^i over the children c₁… after a (equity) and b (rate, pct);
 * - `search`: a searched figure (see `search`): what it reads, its closed form if it has one;
 * - `schedule`: a loan's figure for a year (its annuity), from its terms (the children): the
 *   schedule of `equilibre loan`, not recomputed here;
 * - `leaf`: no children: see `origin`.
 */
export type ExplainOp =
  | 'sum' | 'diff' | 'product' | 'quotient' | 'pct_of' | 'gap_pct' | 'one_plus' | 'one_minus' | 'min' | 'max' | 'round_cents' | 'round_up_4dp' | 'same'
  | 'gte' | 'lt' | 'eq' | 'all' | 'count' | 'argmin' | 'share' | 'npv' | 'search' | 'schedule' | 'leaf';

/** Where a leaf comes from. */
export type ExplainOrigin =
  | { kind: 'input'; path: (string | number)[]; line?: number; col?: number }
  | { kind: 'override'; path: (string | number)[]; expr: string }
  | { kind: 'parameter'; key: string; vintage: string; sources: string[]; file: boolean }
  | { kind: 'default'; key: string; sources: string[] }
  /** A constant of a rule (the ½ of annexes in the SU, 12 months…): see the node's `rule`. */
  | { kind: 'constant' }
  /** A figure of the evaluation not broken down further here (an account row, a loan schedule): where the report shows it. */
  | { kind: 'computed'; where: string };

/** What a search solved, between which bounds, its answer and the figure re-evaluated at the answer. */
export interface ExplainSearch {
  /** The metric that must reach `target` (e.g. `rental.min_cumulative_cash_flow_eur`). */
  solves: string;
  target: number;
  /** The input moved (a path of the file, or a lever). */
  moves: string;
  bounds: [number, number] | null;
  /** `found`, or why there is no answer (`not_needed`, `unreachable`, `beyond`, `no_grip`). */
  status: string;
  answer: ExplainValue;
  /** The solved metric re-evaluated by the exact engine with the input at the answer. */
  check: { metric: string; value: ExplainValue; unit: string } | null;
}

export interface ExplainNode {
  /** The metric name at the root; below, a dotted id of the figure (`cost_price.lines.works`, `lots.plus.shab_m2`). */
  id: string;
  /** What the node is (a key of src/report/explain.ts's labels), its lot or year in `args`. */
  concept: string;
  args?: Record<string, string | number>;
  op: ExplainOp;
  value: ExplainValue;
  unit: string;
  children: ExplainNode[];
  origin?: ExplainOrigin;
  /** The regulatory or documentary reference of the rule the node applies: a citation (`CCH R.331-10`), or a code that src/report/explain.ts words (`cdc_default_loans`). */
  rule?: string;
  search?: ExplainSearch;
}
