/**
 * Payment card numbers (PANs) must never be stored (PCI DSS 3.2.1/3.3): payments go through the
 * processor's hosted page. A PAN is 13–19 digits (ISO/IEC 7812), may be written in groups
 * separated by spaces or hyphens, passes the Luhn check and starts with a major industry
 * identifier used by card schemes (2–6). A leading "+" marks a phone number, not a card.
 */
const candidate = /(?<![\d+])\d(?:[ -]?\d){12,18}(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCardNumber(run: string): boolean {
  const digits = run.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits);
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(candidate)) if (isCardNumber(match[0])) return true;
  return false;
}

/** Replaces every card number with a marker keeping only the last four digits, which PCI DSS allows to show. */
export function maskCardNumbers(text: string): string {
  return text.replace(candidate, (run) => (isCardNumber(run) ? `[card number removed, ending ${run.replace(/[ -]/g, '').slice(-4)}]` : run));
}

/** Secrets are hashed or compared, never stored as text, and may legitimately be long digit runs. */
const exemptKey = /(password|token|secret|signature|_csrf|^code$|recoveryCode)/i;

export interface CardNumberFinding {
  readonly path: string;
}

/**
 * Walks a parsed body or query and masks card numbers in the fields named in `mask`
 * (free text such as ticket bodies) and reports every other field that holds one, so the
 * caller can refuse the request. Returns the value with masked fields replaced.
 */
export function screenCardNumbers(value: unknown, mask: readonly string[]): { value: unknown; refused: CardNumberFinding[] } {
  const refused: CardNumberFinding[] = [];
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === 'string') {
      if (!containsCardNumber(node)) return node;
      const key = path[path.length - 1] ?? '';
      if (mask.includes(key) || mask.includes(path.join('.'))) return maskCardNumbers(node);
      if (exemptKey.test(key)) return node;
      refused.push({ path: path.join('.') || '(root)' });
      return node;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, String(index)]));
    // Parsed bodies are plain or prototype-less objects (fast-querystring's inherit from a
    // prototype-less Empty.prototype, so the chain is tested); files, buffers and dates are left alone.
    if (node && typeof node === 'object' && (Object.getPrototypeOf(node) === Object.prototype || !(node instanceof Object))) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), refused };
}
