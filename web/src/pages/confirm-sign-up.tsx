/**
 * Confirming the email with the emailed 6-digit code (POST /v1/auth/confirm). The page says the
 * same whether the address was new or already had an account: registration answers alike for
 * both, so nobody learns from these pages who is registered.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { EmailCodeField, codeAsSent, useCodeLabel, useCodeProblem } from '../components/account-fields';
import { Field, Form, useProblems } from '../components/form';
import { Notice } from '../components/feedback';
import { Page } from '../components/page';
import { Refusal } from '../errors';
import { useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';
import { pendingConfirmation } from './sign-up';

const texts = {
  ru: {
    title: 'Подтвердите почту',
    sentTo: (email: string) => `Мы отправили письмо на адрес ${email}.`,
    sent: 'Мы отправили письмо на указанный адрес.',
    explain:
      'Если вы только что зарегистрировались, в письме 6-значный код: введите его ниже. Если на этот адрес уже есть аккаунт, в письме будет сказано об этом — тогда просто войдите или восстановите пароль.',
    noEmail: 'Письма нет? Проверьте папку «Спам» и правильность адреса.',
    email: 'Электронная почта',
    submit: 'Подтвердить',
    emailRequired: 'Введите адрес, на который вы регистрировались.',
    wrongCode: 'Код неверный или устарел. Проверьте последнее письмо от нас.',
    checkFields: 'Проверьте выделенные поля.',
    signIn: 'Войти',
    forgot: 'Восстановить пароль',
    again: 'Зарегистрироваться заново',
  },
  en: {
    title: 'Confirm your email',
    sentTo: (email: string) => `We have sent an email to ${email}.`,
    sent: 'We have sent an email to the address you gave.',
    explain:
      'If you have just signed up, it holds a 6-digit code: enter it below. If that address already has an account, the email says so instead: then simply sign in or reset your password.',
    noEmail: 'No email? Check your spam folder and that the address is right.',
    email: 'Email',
    submit: 'Confirm',
    emailRequired: 'Please enter the address you signed up with.',
    wrongCode: 'That code is wrong or has expired. Please check the latest email from us.',
    checkFields: 'Please check the highlighted fields.',
    signIn: 'Sign in',
    forgot: 'Reset your password',
    again: 'Sign up again',
  },
};

export const ConfirmSignUp = (_props: PageProps) => {
  const t = useTexts(texts);
  const remembered = pendingConfirmation.get();
  const [email, setEmail] = useState(remembered);
  const [code, setCode] = useState('');
  const { problems, setProblems, editing, refuseField } = useProblems<'email' | 'code'>();
  const codeLabel = useCodeLabel();
  const codeProblem = useCodeProblem();

  const submit = async () => {
    const found: { email?: string; code?: string } = {};
    if (email.trim() === '') found.email = t.emailRequired;
    const badCode = codeProblem(code);
    if (badCode !== undefined) found.code = badCode;
    setProblems(found);
    if (Object.keys(found).length > 0) throw new Refusal(t.checkFields);
    try {
      await api.post('/v1/auth/confirm', { email: email.trim(), code: codeAsSent(code) }, { anonymous: true });
    } catch (error) {
      refuseField(error, 'code', t.wrongCode);
      throw error;
    }
    pendingConfirmation.set('');
    navigate('/sign-in?reason=confirmed');
  };

  return (
    <Page title={t.title}>
      <Notice kind="info">
        <p>{remembered === '' ? t.sent : t.sentTo(remembered)}</p>
        <p>{t.explain}</p>
      </Notice>
      <Form onSubmit={submit} submitLabel={t.submit} name={t.title} labels={{ email: t.email, code: codeLabel }}>
        <Field name="email" label={t.email} type="email" autocomplete="email" value={email} onValue={editing('email', setEmail)} error={problems.email} maxLength={254} required />
        <EmailCodeField
          value={code}
          onValue={editing('code', setCode)}
          error={problems.code}
        />
      </Form>
      <p>{t.noEmail}</p>
      <ul class="link-list">
        <li>
          <Link href="/sign-in">{t.signIn}</Link>
        </li>
        <li>
          <Link href="/password/forgot">{t.forgot}</Link>
        </li>
        <li>
          <Link href="/sign-up">{t.again}</Link>
        </li>
      </ul>
    </Page>
  );
};
