/**
 * The one password rule: the Cognito user pool is created with it (lib/constructs/auth.ts and
 * local/cognito.ts, whose bridge enforces it as Cognito does) and the API validates it itself
 * (system/schemas/auth.ts) so a weak password is a 422 naming the rule before Cognito is asked.
 */

/** The characters Cognito counts as symbols. */
export const passwordSymbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

export const passwordPolicy = {
  minLength: 12,
  maxLength: 256,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

export interface PasswordRuleBroken {
  readonly rule: 'minLength' | 'maxLength' | 'lowercase' | 'uppercase' | 'digit' | 'symbol';
  readonly message: string;
}

const hasSymbol = (password: string) => [...password].some((c) => passwordSymbols.includes(c));

/** Every rule the password breaks, each with a message that names it. */
export const passwordRulesBroken = (password: string): PasswordRuleBroken[] => {
  const broken: PasswordRuleBroken[] = [];
  if ([...password].length < passwordPolicy.minLength)
    broken.push({ rule: 'minLength', message: `must be at least ${passwordPolicy.minLength} characters long` });
  if ([...password].length > passwordPolicy.maxLength)
    broken.push({ rule: 'maxLength', message: `must be at most ${passwordPolicy.maxLength} characters long` });
  if (passwordPolicy.requireLowercase && !/\p{Ll}/u.test(password))
    broken.push({ rule: 'lowercase', message: 'must contain a lower-case letter' });
  if (passwordPolicy.requireUppercase && !/\p{Lu}/u.test(password))
    broken.push({ rule: 'uppercase', message: 'must contain an upper-case letter' });
  if (passwordPolicy.requireDigits && !/[0-9]/.test(password))
    broken.push({ rule: 'digit', message: 'must contain a digit' });
  if (passwordPolicy.requireSymbols && !hasSymbol(password))
    broken.push({ rule: 'symbol', message: `must contain a symbol (one of ${passwordSymbols})` });
  return broken;
};
