/**
 * A forgotten password in two steps: the email (POST /v1/auth/password/forgot, always 202, so
 * the page never says whether an account exists), then the emailed code and a new password
 * (POST /v1/auth/password/reset), which ends every session of the account. Too many attempts
 * (429) are worded by the form.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { EmailCodeField, NewPasswordField, ShowPassword, codeAsSent, passwordProblem, useCodeLabel, useCodeProblem } from '../components/account-fields';
import { Field, Form, useProblems } from '../components/form';
import { Notice } from '../components/feedback';
import { Page } from '../components/page';
import { Refusal } from '../errors';
import { useLang, useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';

const texts = {
  ru: {
    title: 'Восстановление пароля',
    intro: 'Укажите почту, с которой вы регистрировались. Мы пришлём на неё код, чтобы задать новый пароль.',
    email: 'Электронная почта',
    send: 'Прислать код',
    sent: (email: string) => `Если на адрес ${email} есть аккаунт, мы отправили на него код. Введите код и новый пароль.`,
    noEmail: 'Письма нет? Проверьте папку «Спам» и правильность адреса.',
    newPassword: 'Новый пароль',
    submit: 'Сменить пароль',
    again: 'Другой адрес или прислать код ещё раз',
    emailRequired: 'Введите адрес электронной почты.',
    wrongCode: 'Код неверный или устарел. Проверьте последнее письмо от нас или запросите новый код.',
    weakPassword: 'Пароль не подходит под правило.',
    checkFields: 'Проверьте выделенные поля.',
    sessions: 'После смены пароля все ваши сеансы на всех устройствах завершатся — войдите снова с новым паролем.',
    signIn: 'Вспомнили пароль? Войти',
  },
  en: {
    title: 'Reset your password',
    intro: 'Enter the email you signed up with. We will send a code to it so you can set a new password.',
    email: 'Email',
    send: 'Send the code',
    sent: (email: string) => `If an account exists for ${email}, we have sent a code to it. Enter the code and a new password.`,
    noEmail: 'No email? Check your spam folder and that the address is right.',
    newPassword: 'New password',
    submit: 'Set the new password',
    again: 'Use another address or send the code again',
    emailRequired: 'Please enter your email address.',
    wrongCode: 'That code is wrong or has expired. Check the latest email from us or ask for a new code.',
    weakPassword: 'The password does not meet the rule.',
    checkFields: 'Please check the highlighted fields.',
    sessions: 'Setting a new password signs you out everywhere, on every device: then sign in again with the new one.',
    signIn: 'Remember it? Sign in',
  },
};

export const ForgotPassword = (_props: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const codeLabel = useCodeLabel();
  const codeProblem = useCodeProblem();
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const { problems, setProblems, editing, refuseField } = useProblems<'email' | 'code' | 'newPassword'>();
  // The second step starts by saying the code was sent: focused, so a screen reader reads it.
  const sentNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (step === 'code') sentNotice.current?.focus();
  }, [step]);

  const send = async () => {
    if (email.trim() === '') {
      setProblems({ email: t.emailRequired });
      throw new Refusal(t.emailRequired);
    }
    setProblems({});
    await api.post('/v1/auth/password/forgot', { email: email.trim() }, { anonymous: true });
    setStep('code');
  };

  const reset = async () => {
    const found: { code?: string; newPassword?: string } = {};
    const badCode = codeProblem(code);
    if (badCode !== undefined) found.code = badCode;
    const weak = passwordProblem(password, lang);
    if (weak !== undefined) found.newPassword = weak;
    setProblems(found);
    if (Object.keys(found).length > 0) throw new Refusal(t.checkFields);
    try {
      await api.post('/v1/auth/password/reset', { email: email.trim(), code: codeAsSent(code), newPassword: password }, { anonymous: true });
    } catch (error) {
      refuseField(error, 'code', t.wrongCode);
      refuseField(error, 'newPassword', t.weakPassword);
      throw error;
    }
    navigate('/sign-in?reason=reset');
  };

  return (
    <Page title={t.title}>
      {step === 'email' ? (
        <>
          <p>{t.intro}</p>
          <Form onSubmit={send} submitLabel={t.send} name={t.title} labels={{ email: t.email }}>
            <Field name="email" label={t.email} type="email" autocomplete="email" value={email} onValue={editing('email', setEmail)} error={problems.email} maxLength={254} required />
          </Form>
        </>
      ) : (
        <>
          <div ref={sentNotice} tabIndex={-1} class="focus-target">
            <Notice kind="success">
              <p>{t.sent(email.trim())}</p>
            </Notice>
          </div>
          <p>{t.noEmail}</p>
          <p>{t.sessions}</p>
          <Form onSubmit={reset} submitLabel={t.submit} name={t.title} labels={{ code: codeLabel, newPassword: t.newPassword, email: t.email }}>
            <EmailCodeField
              value={code}
              onValue={editing('code', setCode)}
              error={problems.code}
            />
            <NewPasswordField
              name="newPassword"
              label={t.newPassword}
              shown={shown}
              value={password}
              onValue={editing('newPassword', setPassword)}
              error={problems.newPassword}
            />
            <ShowPassword shown={shown} onShown={setShown} />
          </Form>
          <p>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                setStep('email');
                setCode('');
                setPassword('');
                setProblems({});
              }}
            >
              {t.again}
            </button>
          </p>
        </>
      )}
      <p>
        <Link href="/sign-in">{t.signIn}</Link>
      </p>
    </Page>
  );
};
