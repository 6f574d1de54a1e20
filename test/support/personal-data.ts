/**
 * What personal data looks like in a log: emails, phones, JWTs, and the secrets a test used.
 */
export const personalDataPatterns: readonly [string, RegExp][] = [
  // The seeded operator's address is configuration, printed in the start banner on purpose.
  ['email address', /[\w.+-]+@(?!example\.com\b)[\w-]+\.[\w.-]+|(?<!operator)@example\.com/],
  ['E.164 phone', /\+7\d{10}\b/],
  ['JWT', /eyJ[\w-]{10,}\.eyJ[\w-]{10,}/],
  ['full IPv4 of another network', /\b127\.0\.[1-9]\d*\.\d+\b/],
];

export const findPersonalData = (text: string, secrets: readonly string[] = []): string[] => {
  const found: string[] = [];
  for (const [what, pattern] of personalDataPatterns) {
    const match = pattern.exec(text);
    if (match) found.push(`${what}: …${text.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\n/g, ' ')}…`);
  }
  for (const secret of secrets) if (secret.length >= 6 && text.includes(secret)) found.push(`a secret the test used (${secret.length} chars)`);
  return found;
};
