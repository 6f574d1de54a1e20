import { describe, expect, it } from 'vitest';
import { passwordPolicy, passwordRulesBroken } from '../../system/password-policy';

describe('the password rule', () => {
  it('accepts a password with 12+ characters, lower, upper, digit and symbol', () => {
    expect(passwordRulesBroken('Correct-Horse7battery')).toEqual([]);
  });

  it('names each rule a password breaks', () => {
    expect(passwordRulesBroken('short').map((b) => b.rule).sort()).toEqual(['digit', 'minLength', 'symbol', 'uppercase']);
    expect(passwordRulesBroken('ALLUPPERCASE123!').map((b) => b.rule)).toEqual(['lowercase']);
    expect(passwordRulesBroken('nouppercase123!').map((b) => b.rule)).toEqual(['uppercase']);
    expect(passwordRulesBroken('NoDigitsHere!!').map((b) => b.rule)).toEqual(['digit']);
    expect(passwordRulesBroken('NoSymbols12345').map((b) => b.rule)).toEqual(['symbol']);
  });

  it('counts characters, not UTF-16 units, and takes non-Latin letters as letters', () => {
    expect(passwordRulesBroken('Пароль-надёжный1')).toEqual([]);
    expect(passwordRulesBroken('😀😀😀😀😀😀Aa1!').map((b) => b.rule)).toEqual(['minLength']);
  });

  it('is the rule the issue fixes: 12 characters and all four classes', () => {
    expect(passwordPolicy).toMatchObject({ minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true });
  });
});
