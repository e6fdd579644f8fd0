/** `equilibre explain`: the tree of a metric of an evaluated file (src/explain/build.ts), its leaves located in the file. */
import { spanOf, type SourceDoc } from '../load/load';
import type { Evaluation } from '../engine/evaluate';
import { Explainer, type ExplainContext } from './build';

export { Explainer, type ExplainContext };
export type { ExplainNode, ExplainOrigin, ExplainOp, ExplainSearch, ExplainValue } from './tree';

/** The explainer of an evaluation of `source`, with the `--set` options that changed it. */
export function explainerFor(ev: Evaluation, source: SourceDoc, overrides: ExplainContext['overrides'] = []): Explainer {
  return new Explainer(ev, {
    locate: (path) => { const s = spanOf(source, path, { at: 'key' }); return s ? { line: s.line, col: s.col } : undefined; },
    overrides,
  });
}
