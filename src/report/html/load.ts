/**
 * The HTML renderer, loaded on demand: `import()` of ./index, which the single-file build turns
 * into a require of the separate bundle dist/equilibre-html.cjs (scripts/build.mjs), so that
 * ECharts is read only for `--format html`.
 */
import type { HtmlInput } from './index';

export async function renderHtmlPage(input: HtmlInput): Promise<string> {
  const { renderHtml } = await import('./index');
  return renderHtml(input);
}
