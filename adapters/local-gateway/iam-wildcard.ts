/**
 * IAM's wildcard matching for policy `Action` and `Resource` values: `*` matches any run of characters (`/`
 * included), `?` any one character, everything else itself. Actions compare case-insensitively, ARNs exactly.
 */
export function matchesIamPattern(pattern: string, value: string, options: { readonly ignoreCase: boolean }): boolean {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's').test(value);
}
