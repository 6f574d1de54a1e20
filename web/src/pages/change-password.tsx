/**
 * Changing the password while signed in (POST /v1/auth/password/change). The API keeps this
 * session, ends every other session of the account and emails the customer a notice of the
 * change (lambdas/domain/accounts/passwords.ts); the page says exactly that.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { CurrentPasswordField, NewPasswordField, ShowPassword, passwordProblem } from '../components/account-fields';
import { Form, useProblems } from '../components/form';
import { Notice } from '../components/feedback';
import { Page } from '../components/page';
import { Refusal } from '../errors';
import { useLang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

const texts = {
  ru: {
    title: 'Смена пароля',
    intro: 'Введите нынешний пароль и новый. Вы останетесь в аккаунте на этом устройстве; на всех остальных устройствах и в других браузерах мы завершим ваши сеансы.',
    current: 'Нынешний пароль',
    newPassword: 'Новый пароль',
    submit: 'Сменить пароль',
    done: 'Пароль изменён.',
    doneSessions: 'Вы по-прежнему в аккаунте здесь. На всех остальных устройствах и в других браузерах сеансы завершены: там нужно войти снова с новым паролем.',
    doneEmail: 'Мы отправили вам письмо о смене пароля.',
    currentRequired: 'Введите нынешний пароль.',
    wrongCurrent: 'Это не ваш нынешний пароль.',
    weakPassword: 'Новый пароль не подходит под правило.',
    samePassword: 'Новый пароль совпадает с нынешним.',
    checkFields: 'Проверьте выделенные поля.',
    forgot: 'Не помните нынешний пароль?',
    forgotLink: 'Восстановить пароль по почте',
    back: 'Вернуться в личный кабинет',
  },
  en: {
    title: 'Change your password',
    intro: 'Enter your current password and a new one. You stay signed in on this device; we end your sessions on every other device and browser.',
    current: 'Current password',
    newPassword: 'New password',
    submit: 'Change password',
    done: 'Your password has been changed.',
    doneSessions: 'You are still signed in here. Every other device and browser has been signed out: sign in there again with the new password.',
    doneEmail: 'We have emailed you a note about the change.',
    currentRequired: 'Please enter your current password.',
    wrongCurrent: 'That is not your current password.',
    weakPassword: 'The new password does not meet the rule.',
    samePassword: 'The new password is the same as the current one.',
    checkFields: 'Please check the highlighted fields.',
    forgot: 'Forgotten your current password?',
    forgotLink: 'Reset it by email',
    back: 'Back to my account',
  },
};

export const ChangePassword = (_props: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [done, setDone] = useState(false);
  const { problems, setProblems, editing, refuseField } = useProblems<'currentPassword' | 'newPassword'>();
  const doneNotice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneNotice.current?.focus();
  }, [done]);

  const submit = async () => {
    const found: { currentPassword?: string; newPassword?: string } = {};
    if (current === '') found.currentPassword = t.currentRequired;
    const weak = passwordProblem(password, lang);
    if (weak !== undefined) found.newPassword = weak;
    else if (password === current) found.newPassword = t.samePassword;
    setProblems(found);
    if (Object.keys(found).length > 0) throw new Refusal(t.checkFields);
    setDone(false);
    try {
      await api.post('/v1/auth/password/change', { currentPassword: current, newPassword: password });
    } catch (error) {
      refuseField(error, 'currentPassword', t.wrongCurrent);
      refuseField(error, 'newPassword', t.weakPassword);
      throw error;
    }
    setCurrent('');
    setPassword('');
    setShown(false);
    setDone(true);
  };

  return (
    <Page title={t.title}>
      {done && (
        <div ref={doneNotice} tabIndex={-1} class="focus-target">
          <Notice kind="success">
            <p class="notice__title">{t.done}</p>
            <p>{t.doneSessions}</p>
            <p>{t.doneEmail}</p>
          </Notice>
        </div>
      )}
      <p>{t.intro}</p>
      <Form onSubmit={submit} submitLabel={t.submit} name={t.title} labels={{ currentPassword: t.current, newPassword: t.newPassword }}>
        <CurrentPasswordField
          name="currentPassword"
          label={t.current}
          shown={shown}
          value={current}
          onValue={editing('currentPassword', setCurrent)}
          error={problems.currentPassword}
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
        {t.forgot} <Link href="/password/forgot">{t.forgotLink}</Link>
      </p>
      <p>
        <Link href="/account">{t.back}</Link>
      </p>
    </Page>
  );
};
