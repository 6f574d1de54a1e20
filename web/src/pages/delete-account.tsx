/**
 * Closing the account (DELETE /v1/me). The policy (1.2.1) says closing the account does not by
 * itself withdraw consent to processing: the consents stay as they were unless the customer
 * also chooses to withdraw them — a separate box, unticked. Withdrawing them files the
 * withdrawal of `personal_data_processing`, whose destruction of the data follows within 30
 * days (lambdas/domain/privacy/destruction.ts); order records stay for accounting, without the
 * recipient's name, phone and address.
 *
 * Afterwards the session ends and the visitor is taken to the shop's front page with a farewell
 * notice (`farewell`, also used when the required consent is withdrawn on the consents page).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice } from '../components/feedback';
import { Checkbox, Field, Form } from '../components/form';
import { Page, Section } from '../components/page';
import { Refusal } from '../errors';
import { language, useTexts } from '../i18n';
import { showFlash } from '../flash';
import { Link, navigate, type PageProps } from '../router';
import { signOut } from '../session/session';

const farewellTexts = {
  ru: {
    closed: 'Ваш аккаунт закрыт, вы вышли из магазина.',
    consentsKept: 'Ваши согласия остались такими, какими были. Отозвать их можно, написав в службу поддержки: info@imobook.ru.',
    consentsWithdrawn: 'Вы отозвали согласия. Ваши персональные данные будут уничтожены в течение 30 дней; записи о заказах останутся для бухгалтерского учёта — без имени, телефона и адреса.',
    thanks: 'Спасибо, что были с нами.',
  },
  en: {
    closed: 'Your account is closed and you are signed out.',
    consentsKept: 'Your consents stay as they were. You can still withdraw them by writing to customer service: info@imobook.ru.',
    consentsWithdrawn: 'You withdrew your consents. Your personal data will be destroyed within 30 days; order records stay for accounting, without name, phone or address.',
    thanks: 'Thank you for shopping with us.',
  },
};

/**
 * Ends the session (the API has already ended it on its side; a failure here changes nothing),
 * goes to the front page and shows a farewell above it until the visitor moves on.
 */
export const farewell = async (consentsWithdrawn: boolean): Promise<void> => {
  // To the public front page first, so the guard of the account page does not send the
  // visitor to sign in when the session ends.
  navigate('/', { replace: true });
  await signOut().catch(() => undefined);
  const t = farewellTexts[language.get()];
  showFlash({ kind: 'success', title: t.closed, lines: [consentsWithdrawn ? t.consentsWithdrawn : t.consentsKept, t.thanks] }, '/');
};

const texts = {
  ru: {
    title: 'Удаление аккаунта',
    what: 'Что произойдёт',
    closes: 'Аккаунт закроется сразу: войти в него будет нельзя, все сеансы на всех устройствах завершатся. Рекламу и новости мы присылать перестанем.',
    notConsent:
      'Закрытие аккаунта само по себе не отзывает ваше согласие на обработку персональных данных (пункт 1.2.1 политики). Если вы ничего не отметите ниже, ваши согласия останутся такими, какими были, и данные будут храниться.',
    withdrawExplain:
      'Если вы хотите, чтобы мы перестали обрабатывать ваши данные и уничтожили их, отметьте «Отозвать все согласия». Тогда данные будут уничтожены в течение 30 дней.',
    kept: 'Что остаётся в любом случае',
    keptOrders: 'Записи о ваших заказах (номер, книги, суммы, статусы) — их требует закон о бухгалтерском учёте; при уничтожении данных из них удаляются имя, телефон и адрес получателя.',
    keptReceipts: 'Записи о том, когда вы давали и отзывали согласия, и история действий с аккаунтом — без имени, почты, телефона и адреса: мы обязаны доказать, что согласие было.',
    keptRequests: 'Ваши запросы о персональных данных — как доказательство, что мы ответили на них в срок; текст запросов удаляется.',
    confirmTitle: 'Подтвердите удаление',
    withdraw: 'Отозвать все согласия — прекратить обработку и уничтожить мои данные',
    withdrawHint: 'Необязательно. Без этой отметки согласия остаются в силе.',
    type: (word: string) => `Чтобы подтвердить, введите слово «${word}»`,
    word: 'удалить',
    wrongWord: (word: string) => `Введите слово «${word}», чтобы подтвердить.`,
    submit: 'Удалить аккаунт',
    cancel: 'Передумали? Вернуться в личный кабинет',
    alternatives: 'Если вы хотите только перестать получать рекламу, достаточно',
    subscriptions: 'отключить рассылки',
    or: 'или',
    consents: 'отозвать отдельные согласия',
  },
  en: {
    title: 'Delete account',
    what: 'What happens',
    closes: 'The account closes at once: you can no longer sign in, and every session on every device ends. We stop sending you advertising and news.',
    notConsent:
      'Closing the account does not by itself withdraw your consent to the processing of your personal data (policy, clause 1.2.1). If you tick nothing below, your consents stay as they were and your data is kept.',
    withdrawExplain: 'If you want us to stop processing your data and destroy it, tick “Withdraw all my consents”. Your data is then destroyed within 30 days.',
    kept: 'What is kept either way',
    keptOrders: 'Records of your orders (number, books, amounts, statuses), which accounting law requires; when your data is destroyed, the recipient’s name, phone and address are removed from them.',
    keptReceipts: 'Records of when you gave and withdrew consents, and the history of actions on the account — without name, email, phone or address: we must be able to prove consent.',
    keptRequests: 'Your personal data requests, as proof that we answered them in time; their text is removed.',
    confirmTitle: 'Confirm the deletion',
    withdraw: 'Withdraw all my consents — stop processing and destroy my data',
    withdrawHint: 'Optional. Without this tick your consents stay in force.',
    type: (word: string) => `To confirm, type the word “${word}”`,
    word: 'delete',
    wrongWord: (word: string) => `Type the word “${word}” to confirm.`,
    submit: 'Delete my account',
    cancel: 'Changed your mind? Back to my account',
    alternatives: 'If you only want to stop advertising, you can',
    subscriptions: 'turn off newsletters',
    or: 'or',
    consents: 'withdraw single consents',
  },
};

export const DeleteAccount = (_props: PageProps) => {
  const t = useTexts(texts);
  const [withdrawConsents, setWithdrawConsents] = useState(false);
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const submit = async () => {
    if (typed.trim().toLowerCase() !== t.word) {
      setWrong(true);
      throw new Refusal(t.wrongWord(t.word));
    }
    setWrong(false);
    await api.delete('/v1/me', { withdrawConsents });
    await farewell(withdrawConsents);
  };
  return (
    <Page title={t.title}>
      <Section title={t.what} id="what">
        <p>{t.closes}</p>
        <Notice kind="warning">
          <p>{t.notConsent}</p>
        </Notice>
        <p>{t.withdrawExplain}</p>
        <p>
          {t.alternatives} <Link href="/account/subscriptions">{t.subscriptions}</Link> {t.or} <Link href="/account/consents">{t.consents}</Link>.
        </p>
      </Section>
      <Section title={t.kept} id="kept">
        <ul>
          <li>{t.keptOrders}</li>
          <li>{t.keptReceipts}</li>
          <li>{t.keptRequests}</li>
        </ul>
      </Section>
      <Section title={t.confirmTitle} id="confirm">
        <Form onSubmit={submit} submitLabel={t.submit} danger name={t.confirmTitle} labels={{ withdrawConsents: t.withdraw }}>
          <Checkbox name="withdrawConsents" label={t.withdraw} hint={t.withdrawHint} checked={withdrawConsents} onChecked={setWithdrawConsents} />
          <Field name="confirmation" label={t.type(t.word)} value={typed} onValue={setTyped} autocomplete="off" error={wrong ? t.wrongWord(t.word) : undefined} required />
        </Form>
        <p>
          <Link href="/account">{t.cancel}</Link>
        </p>
      </Section>
    </Page>
  );
};
