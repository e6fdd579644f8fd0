/**
 * `equilibre profile show FILE`: a management profile's values (assumptions and parameters), each
 * with the profile of its chain it comes from, as `equilibre params` lists the parameters.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import * as path from 'node:path';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { renderDiagnostic } from '../../report/diagnostics';
import type { Lang } from '../../report/format';
import { emit } from '../common';
import { langOption, outputWidth, widthOption } from '../help';
import { renderMarkdown, renderText } from '../../report/render';
import type { ReportDoc } from '../../report/document';
import { toJsonText } from '../../report/json';
import { profileLabel, resolveProfileFile } from '../../load/profile';
import { profileReader } from '../load-file';
import { extraCommands } from './registry';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';

const valueText = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(' ; ') : String(v));

export function profileCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  const profile = program.command('profile').description('profil de gestion d’un bailleur (profil de gestion)');
  profile
    .command('show')
    .description('les valeurs d’un profil de gestion, chacune avec le profil de sa chaîne dont elle vient')
    .argument('<file>', 'le fichier de profil')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['table', 'json', 'markdown']).default('table'))
    .addOption(langOption('langue des titres et des messages'))
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .addOption(widthOption())
    .action((file: string, opts: { format: string; lang: Lang; output?: string; width?: number }) => {
      const res = resolveProfileFile(path.normalize(file), profileReader(io));
      if (res.diagnostics.length || !res.profile) {
        for (const d of res.diagnostics) io.stderr(renderDiagnostic(d, opts.lang) + '\n\n');
        setCode(EXIT_ERROR);
        return;
      }
      const t = (fr: string, en: string) => (opts.lang === 'fr' ? fr : en);
      const p = res.profile;
      const data = res.data as { assumptions?: Record<string, unknown>; parameters?: Record<string, unknown> };
      const rows: { key: string; value: unknown; from: number }[] = [];
      for (const section of ['assumptions', 'parameters'] as const) {
        for (const [k, v] of Object.entries(data[section] ?? {})) rows.push({ key: `${section}.${k}`, value: v, from: p.origins[`${section}.${k}`] ?? 0 });
      }
      if (opts.format === 'json') {
        emit(io, opts, toJsonText({
          schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION },
          profile: { name: p.chain[0]!.name, vintage: p.chain[0]!.vintage ?? null, label: profileLabel(p.chain[0]!), file: p.chain[0]!.file, chain: p.chain.map((c) => ({ name: c.name, vintage: c.vintage ?? null, file: c.file })) },
          values: Object.fromEntries(rows.map((r) => [r.key, { value: r.value, profile: profileLabel(p.chain[r.from]!), file: p.chain[r.from]!.file }])),
        }));
        setCode(EXIT_OK);
        return;
      }
      const doc: ReportDoc = {
        title: `${t('Profil de gestion', 'Management profile')} ${profileLabel(p.chain[0]!)}`,
        subtitle: [
          `${p.chain[0]!.file}${p.chain.length > 1 ? ` · ${t('sur la base de', 'based on')} ${p.chain.slice(1).map((c) => `${profileLabel(c)} (${c.file})`).join(' ← ')}` : ''} · ${TOOL_NAME} ${TOOL_VERSION}`,
          t('Un fichier d’opération qui le nomme (profile:) remplace chaque valeur clé par clé.', 'An operation file naming it (profile:) overrides each value key by key.'),
        ],
        sections: [{
          id: 'values', title: t('Valeurs', 'Values'),
          blocks: [{ kind: 'table', headers: [t('Clé', 'Key'), t('Valeur', 'Value'), t('Origine', 'Origin')], align: ['l', 'r', 'l'],
            rows: rows.map((r) => [r.key, valueText(r.value), `${t('profil', 'profile')} ${profileLabel(p.chain[r.from]!)}${p.chain.length > 1 ? ` (${path.basename(p.chain[r.from]!.file)})` : ''}`]) }],
        }],
      };
      emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) }));
      setCode(EXIT_OK);
    });
}

extraCommands.push(profileCommand);
