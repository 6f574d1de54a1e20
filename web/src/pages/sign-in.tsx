/**
 * Sign-in. The session worker makes the call and keeps the tokens (session/worker.ts); the page
 * learns only whether it worked. Afterwards the visitor goes back where they were headed
 * (`?next=`), never to another site.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Field, Form } from '../components/form';
import { Refusal } from '../errors';
import { Notice } from '../components/feedback';
import { Page } from '../components/page';
import { useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';
import { session, signIn } from '../session/session';

const texts = {
  ru: {
    title: 'Вход',
    email: 'Электронная почта',
    password: 'Пароль',
    submit: 'Войти',
    forgot: 'Забыли пароль?',
    noAccount: 'Нет аккаунта?',
    signUp: 'Зарегистрироваться',
    wrong: 'Неверная почта или пароль.',
    ended: 'Сеанс закончился. Войдите снова.',
    reset: 'Пароль изменён. Войдите с новым паролем.',
    confirmed: 'Почта подтверждена. Теперь войдите.',
  },
  en: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    forgot: 'Forgot your password?',
    noAccount: 'No account yet?',
    signUp: 'Sign up',
    wrong: 'Wrong email or password.',
    ended: 'Your session has ended. Please sign in again.',
    reset: 'Your password has been changed. Sign in with the new one.',
    confirmed: 'Your email is confirmed. Now sign in.',
  },
};

/**
 * Only a path of this site: `?next=https://evil.example`, `//evil.example` and `/\\evil.example`
 * (which browsers read as `//`) are ignored.
 */
export const safeNext = (next: string | null): string => (next !== null && /^\/(?![/\\])/.test(next) && !next.includes('\\') ? next : '/account');

export const SignIn = ({ query }: PageProps) => {
  const t = useTexts(texts);
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const reason = query.get('reason');
  const submit = async () => {
    const answer = await signIn(email.trim(), password);
    if (answer.status === 401) throw new Refusal(t.wrong);
    if (answer.status >= 300) throw new ApiError((answer.body as ApiError['problem'] | undefined) ?? { status: answer.status }, answer.retryAfter);
    const next = query.get('next');
    navigate(next !== null ? safeNext(next) : session.get().operator ? '/console' : '/account', { replace: true });
  };
  return (
    <Page title={t.title}>
      {reason === 'expired' && <Notice kind="warning">{t.ended}</Notice>}
      {reason === 'reset' && <Notice kind="success">{t.reset}</Notice>}
      {reason === 'confirmed' && <Notice kind="success">{t.confirmed}</Notice>}
      <Form onSubmit={submit} submitLabel={t.submit} labels={{ email: t.email, password: t.password }} name={t.title}>
        <Field name="email" label={t.email} type="email" autocomplete="username" value={email} onValue={setEmail} required />
        <Field name="password" label={t.password} type="password" autocomplete="current-password" value={password} onValue={setPassword} required />
      </Form>
      <p>
        <Link href="/password/forgot">{t.forgot}</Link>
      </p>
      <p>
        {t.noAccount} <Link href="/sign-up">{t.signUp}</Link>
      </p>
    </Page>
  );
};
