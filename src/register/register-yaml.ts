import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify, YAMLParseError } from 'yaml';
import { AppError } from '../errors/app-error.js';
import type { Register } from './register.schema.js';
import { validRegisterOrThrow } from './validate-register.js';

/** The register as the one YAML file providers keep under version control. */
export function registerToYaml(register: Register): string {
  return stringify(register, { lineWidth: 0 });
}

/** Parses YAML into plain data (no custom tags, bounded aliases); syntax errors become 400. */
export function parseRegisterYaml(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
      throw new AppError('VALIDATION_FAILED', `The YAML cannot be read${where}: ${error.code}`, { fieldErrors: [{ field: '(root)', message: `${error.code}${where}` }] });
    }
    throw new AppError('VALIDATION_FAILED', 'The YAML cannot be read');
  }
}

let cachedDefault: Register | undefined;

/** The shipped register for a typical hosting provider (src/register/default-register.yaml). */
export function defaultRegister(): Register {
  if (!cachedDefault) {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const candidates = [path.join(here, 'default-register.yaml'), path.join(here, '..', '..', 'src', 'register', 'default-register.yaml')];
    const file = candidates.find((candidate) => fs.existsSync(candidate));
    if (!file) throw new Error(`Default register not found in ${candidates.join(' or ')}`);
    cachedDefault = validRegisterOrThrow(parseRegisterYaml(fs.readFileSync(file, 'utf8')));
  }
  return cachedDefault;
}
