/**
 * serde's `rename_all` rules, applied exactly as serde_derive applies them
 * (serde_derive/src/internals/case.rs): fields are Rust snake_case names, variants are Rust
 * PascalCase names, and each rule transforms those Rust names, not the WIT names.
 */

export const RENAME_RULES = [
  'lowercase',
  'UPPERCASE',
  'PascalCase',
  'camelCase',
  'snake_case',
  'SCREAMING_SNAKE_CASE',
  'kebab-case',
  'SCREAMING-KEBAB-CASE',
] as const;

export type RenameRule = (typeof RENAME_RULES)[number];

export function isRenameRule(text: string): text is RenameRule {
  return (RENAME_RULES as readonly string[]).includes(text);
}

/** `RenameRule::apply_to_variant`: the input is a PascalCase Rust variant name. */
export function applyToVariant(rule: RenameRule | undefined, variant: string): string {
  switch (rule) {
    case undefined:
    case 'PascalCase':
      return variant;
    case 'lowercase':
      return variant.toLowerCase();
    case 'UPPERCASE':
      return variant.toUpperCase();
    case 'camelCase':
      return variant.charAt(0).toLowerCase() + variant.slice(1);
    case 'snake_case':
      return variantToSnake(variant);
    case 'SCREAMING_SNAKE_CASE':
      return variantToSnake(variant).toUpperCase();
    case 'kebab-case':
      return variantToSnake(variant).replace(/_/g, '-');
    case 'SCREAMING-KEBAB-CASE':
      return variantToSnake(variant).toUpperCase().replace(/_/g, '-');
  }
}

/** serde: an underscore before every uppercase letter except the first, then lowercase. */
function variantToSnake(variant: string): string {
  let out = '';
  for (let i = 0; i < variant.length; i++) {
    const ch = variant[i]!;
    if (i > 0 && ch >= 'A' && ch <= 'Z') out += '_';
    out += ch.toLowerCase();
  }
  return out;
}

/** `RenameRule::apply_to_field`: the input is a snake_case Rust field name (maybe `type_`). */
export function applyToField(rule: RenameRule | undefined, field: string): string {
  switch (rule) {
    case undefined:
    case 'lowercase':
    case 'snake_case':
      return field;
    case 'UPPERCASE':
    case 'SCREAMING_SNAKE_CASE':
      return field.toUpperCase();
    case 'PascalCase':
      return fieldToPascal(field);
    case 'camelCase': {
      const pascal = fieldToPascal(field);
      return pascal.charAt(0).toLowerCase() + pascal.slice(1);
    }
    case 'kebab-case':
      return field.replace(/_/g, '-');
    case 'SCREAMING-KEBAB-CASE':
      return field.toUpperCase().replace(/_/g, '-');
  }
}

/** serde: drop underscores and capitalize the character after each one (and the first). */
function fieldToPascal(field: string): string {
  let out = '';
  let capitalize = true;
  for (const ch of field) {
    if (ch === '_') {
      capitalize = true;
    } else if (capitalize) {
      out += ch.toUpperCase();
      capitalize = false;
    } else {
      out += ch;
    }
  }
  return out;
}
