/**
 * The fields the account pages share: a new password with the one rule in words (sign-up,
 * forgotten password, change of password), "Show password", and the emailed 6-digit code
 * (confirming the email, forgotten password).
 */
import { passwordPolicy, passwordRulesBroken, passwordSymbols } from '../../../system/password-policy';
import { fieldMessage } from '../errors';
import { type Lang, useTexts } from '../i18n';
import { Checkbox, Field } from './form';

const texts = {
  ru: {
    rule: (min: number) => `Не короче ${min} символов, со строчной и заглавной буквой, цифрой и символом, например ! или #.`,
    show: 'Показать пароль',
    code: 'Код из письма',
    codeHint: '6 цифр.',
    codeFormat: 'Код состоит из 6 цифр.',
  },
  en: {
    rule: (min: number) => `At least ${min} characters, with a lower-case and an upper-case letter, a digit and a symbol such as ! or #.`,
    show: 'Show password',
    code: 'Code from the email',
    codeHint: '6 digits.',
    codeFormat: 'The code is 6 digits.',
  },
};

/** The one password rule (system/password-policy.ts) in words, for a field's hint. */
export const usePasswordRule = (): string => useTexts(texts).rule(passwordPolicy.minLength);

/** What is wrong with a new password, in the visitor's language; undefined when it is fine. */
export const passwordProblem = (password: string, lang: Lang): string | undefined => {
  const broken = passwordRulesBroken(password);
  if (broken.length === 0) return undefined;
  const words = broken.map((rule) => (rule.rule === 'symbol' && lang === 'en' ? `must contain a symbol such as ! or # (any of ${passwordSymbols})` : fieldMessage(rule.message, lang)));
  return lang === 'ru' ? `Пароль: ${words.join('; ')}.` : `The password ${words.join('; ')}.`;
};

/** "Show password": turns password fields into text fields while ticked. */
export const ShowPassword = ({ shown, onShown }: { shown: boolean; onShown: (shown: boolean) => void }) => {
  const t = useTexts(texts);
  return <Checkbox name="showPassword" label={t.show} checked={shown} onChecked={onShown} />;
};

export interface PasswordFieldProps {
  /** The field's name in the API's body (`password`, `newPassword`). */
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly error: string | undefined;
  /** Shown as text while "Show password" is ticked. */
  readonly shown: boolean;
}

/** A new password: the rule as its hint, the browser asked to suggest a strong one. */
export const NewPasswordField = (props: PasswordFieldProps) => <PasswordField {...props} autocomplete="new-password" hint={usePasswordRule()} />;

/** The password the customer has now. */
export const CurrentPasswordField = (props: PasswordFieldProps) => <PasswordField {...props} autocomplete="current-password" />;

const PasswordField = ({ shown, ...field }: PasswordFieldProps & { autocomplete: string; hint?: string }) => (
  <Field {...field} type={shown ? 'text' : 'password'} maxLength={passwordPolicy.maxLength} required />
);

/** The code as the API takes it: the digits without the spaces people type. */
export const codeAsSent = (code: string): string => code.replace(/\s/g, '');

/** What is wrong with a typed code, in the visitor's words; undefined when it is 6 digits. */
export const useCodeProblem = (): ((code: string) => string | undefined) => {
  const t = useTexts(texts);
  return (code) => (/^\d{6}$/.test(codeAsSent(code)) ? undefined : t.codeFormat);
};

/** The 6-digit code from the email. */
export const EmailCodeField = ({ value, onValue, error }: { value: string; onValue: (value: string) => void; error: string | undefined }) => {
  const t = useTexts(texts);
  return (
    <Field
      name="code"
      label={t.code}
      hint={t.codeHint}
      inputMode="numeric"
      autocomplete="one-time-code"
      maxLength={8}
      value={value}
      onValue={onValue}
      error={error}
      required
      class="field__code"
    />
  );
};

/** The code field's label, for a form's error summary. */
export const useCodeLabel = (): string => useTexts(texts).code;
