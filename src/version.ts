/** Tool identity, printed on every output. Kept in step with package.json by a test. */
export const TOOL_NAME = 'equilibre';
export const TOOL_VERSION = '0.1.0';
/** Version of the JSON output documents (docs/json.md). */
export const JSON_SCHEMA_VERSION = '1.0';
