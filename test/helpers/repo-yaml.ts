/** The YAML files of the repository that the readers' and validators' equivalence tests go through. */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli';

/** Every .yaml/.yml file under `dir` (not node_modules, not hidden directories). */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...yamlFiles(p));
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The YAML files of fixtures/, examples/, test/ and docs/ (absolute paths). */
export function repoYamlFiles(): string[] {
  return ['fixtures', 'examples', 'test', 'docs'].flatMap((d) => yamlFiles(path.join(ROOT, d)));
}
