/**
 * Sign-up (policy 1.1–1.2): email, password, names and the consents, each purpose its own
 * document with its own unticked box (152-FZ Art. 9 part 1). Only the consent to process
 * personal data for the account itself is needed; the page refuses in words without it, before
 * calling the API. POST /v1/auth/register answers 202 whether or not the email already has an
 * account (no enumeration), so the next page says the same either way. The email goes to the
 * confirmation page in a module-level store, never in the URL.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { NewPasswordField, ShowPassword, passwordProblem } from '../components/account-fields';
import { Checkbox, Field, Form, useProblems } from '../components/form';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { Refusal } from '../errors';
import { type Lang, useLang, useTexts } from '../i18n';
import { Link, navigate, type PageProps } from '../router';
import { call } from '../session/session';
import { type LegalDocuments, type Purpose, isPurpose, loadLegalDocuments, requiredPurpose } from '../privacy';
import { createStore } from '../store';

/** The email just registered, for the confirmation page: kept in memory, not in the URL. */
export const pendingConfirmation = createStore<string>('');

/**
 * Each consent in a sentence the customer understands, in both languages. The documents
 * themselves (their full text, in the language they are published in) come from the API.
 */
export const purposeTexts: Record<Lang, Record<Purpose, { readonly name: string; readonly summary: string }>> = {
  ru: {
    personal_data_processing: {
      name: 'Обработка персональных данных для аккаунта, заказов и служебных сообщений',
      summary: 'Нужно, чтобы открыть аккаунт, выполнять и доставлять ваши заказы и сообщать о них. Без этого согласия аккаунт создать нельзя.',
    },
    advertising: {
      name: 'Реклама и новости по почте, SMS и push-уведомлениям',
      summary: 'Скидки, акции и новости folio. Необязательно: отключить можно в любой момент в личном кабинете.',
    },
    personalization: {
      name: 'Анализ покупок и персональные рекомендации',
      summary: 'Подбираем книги по вашим покупкам. Третьим лицам данные передаются только в обезличенном виде. Необязательно.',
    },
    loyalty_program: {
      name: 'Программа лояльности',
      summary: 'Считаем ваш уровень по сумме доставленных заказов. Необязательно.',
    },
  },
  en: {
    personal_data_processing: {
      name: 'Processing of my personal data for my account, orders and service messages',
      summary: 'Needed to open your account, fulfil and deliver your orders and tell you about them. Without this consent we cannot create an account.',
    },
    advertising: {
      name: 'Advertising and news by email, SMS and push notifications',
      summary: "folio's discounts, offers and news. Optional: switch it off any time in your account.",
    },
    personalization: {
      name: 'Purchase analysis and personal recommendations',
      summary: 'We suggest books from what you buy. Data goes to others only in impersonal form. Optional.',
    },
    loyalty_program: {
      name: 'Loyalty programme',
      summary: 'We work out your loyalty tier from what you spend on delivered orders. Optional.',
    },
  },
};

/** A person's name as the API takes it: 1–100 characters, no angle brackets or control characters. */
export const nameProblem = (name: string, words: { empty: string; brackets: string }): string | undefined => {
  const trimmed = name.trim();
  if (trimmed === '') return words.empty;
  if (/[<>\p{Cc}]/u.test(trimmed)) return words.brackets;
  return undefined;
};

const texts = {
  ru: {
    title: 'Регистрация',
    intro: 'Аккаунт нужен, чтобы заказывать книги, следить за заказами и управлять своими данными.',
    email: 'Электронная почта',
    emailHint: 'На неё придёт код подтверждения.',
    password: 'Пароль',
    firstName: 'Имя',
    lastName: 'Фамилия',
    consents: 'Согласия',
    consentsIntro:
      'Каждое согласие — отдельный документ. Отметьте только те, что вы даёте: для аккаунта нужно лишь первое. Любое согласие можно отозвать позже в личном кабинете.',
    document: 'Документ',
    version: 'версия',
    documentLanguage: '(на английском)',
    fullText: 'Полный текст',
    newTab: '(откроется в новой вкладке)',
    submit: 'Зарегистрироваться',
    requiredConsent: 'Чтобы открыть аккаунт, отметьте согласие на обработку персональных данных для аккаунта, заказов и служебных сообщений. Остальные согласия необязательны.',
    checkFields: 'Проверьте выделенные поля.',
    emailRequired: 'Введите адрес электронной почты.',
    nameEmpty: 'Заполните это поле.',
    nameBrackets: 'Уберите угловые скобки < и >.',
    weakPassword: 'Пароль не подходит под правило.',
    haveAccount: 'Уже есть аккаунт?',
    signIn: 'Войти',
    privacy: 'Как мы обращаемся с вашими данными — в политике конфиденциальности.',
  },
  en: {
    title: 'Sign up',
    intro: 'With an account you can order books, follow your orders and manage your data.',
    email: 'Email',
    emailHint: 'We will send a confirmation code to it.',
    password: 'Password',
    firstName: 'First name',
    lastName: 'Last name',
    consents: 'Consents',
    consentsIntro:
      'Each consent is a separate document. Tick only those you give: an account needs only the first. You can withdraw any consent later in your account.',
    document: 'Document',
    version: 'version',
    documentLanguage: '',
    fullText: 'Full text',
    newTab: '(opens in a new tab)',
    submit: 'Sign up',
    requiredConsent: 'To open an account, tick the consent to processing of your personal data for your account, orders and service messages. The other consents are optional.',
    checkFields: 'Please check the highlighted fields.',
    emailRequired: 'Please enter your email address.',
    nameEmpty: 'Please fill this in.',
    nameBrackets: 'Please remove the angle brackets < and >.',
    weakPassword: 'The password does not meet the rule.',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    privacy: 'How we handle your data is in the privacy policy.',
  },
};

type Problem = 'email' | 'password' | 'firstName' | 'lastName' | 'consents';

/** One consent: its own unticked box, what it is for, the document and a link to its full text. */
const ConsentChoice = ({ purpose, title, version, checked, onChecked }: { purpose: Purpose; title: string; version: string; checked: boolean; onChecked: (checked: boolean) => void }) => {
  const t = useTexts(texts);
  const lang = useLang();
  const words = purposeTexts[lang][purpose];
  const hint: ComponentChildren = (
    <>
      <p class="consent__summary">{words.summary}</p>
      <p class="consent__document">
        {t.document}{' '}
        <span lang="en">{lang === 'ru' ? `«${title}»` : `“${title}”`}</span>
        {t.documentLanguage === '' ? '' : ` ${t.documentLanguage}`}, {t.version} {version}.{' '}
        <a href={`/privacy#consent-${purpose}`} target="_blank" rel="noopener">
          {t.fullText}
          <span class="visually-hidden">: {words.name}</span> {t.newTab}
        </a>
      </p>
    </>
  );
  return <Checkbox name={`consent-${purpose}`} label={words.name} hint={hint} checked={checked} onChecked={onChecked} required={purpose === requiredPurpose} />;
};

export const SignUp = (_props: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const documents = useLoad(loadLegalDocuments, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [granted, setGranted] = useState<Partial<Record<Purpose, boolean>>>({});
  const { problems, setProblems, edited, editing, refuseField } = useProblems<Problem>();

  const submit = async (legal: LegalDocuments) => {
    const found: Partial<Record<Problem, string>> = {};
    if (email.trim() === '') found.email = t.emailRequired;
    const weak = passwordProblem(password, lang);
    if (weak !== undefined) found.password = weak;
    const first = nameProblem(firstName, { empty: t.nameEmpty, brackets: t.nameBrackets });
    if (first !== undefined) found.firstName = first;
    const last = nameProblem(lastName, { empty: t.nameEmpty, brackets: t.nameBrackets });
    if (last !== undefined) found.lastName = last;
    if (granted[requiredPurpose] !== true) found.consents = t.requiredConsent;
    setProblems(found);
    if (found.consents !== undefined && Object.keys(found).length === 1) throw new Refusal(t.requiredConsent);
    if (Object.keys(found).length > 0) throw new Refusal(found.consents === undefined ? t.checkFields : `${t.checkFields} ${t.requiredConsent}`);
    const consents = legal.consents
      .filter((document) => isPurpose(document.purpose))
      .map((document) => ({ purpose: document.purpose, documentVersion: document.version, granted: granted[document.purpose as Purpose] === true }));
    // The account's service messages follow the language the visitor reads the pages in.
    const answer = await call(
      { method: 'POST', path: '/v1/auth/register', body: { email: email.trim(), password, firstName: firstName.trim(), lastName: lastName.trim(), consents }, headers: { 'Accept-Language': lang } },
      false,
    );
    if (answer.status >= 300) {
      const problem = typeof answer.body === 'object' && answer.body !== null && 'status' in answer.body ? (answer.body as ApiError['problem']) : { status: answer.status };
      const error = new ApiError(problem, answer.retryAfter);
      refuseField(error, 'password', t.weakPassword);
      throw error;
    }
    pendingConfirmation.set(email.trim());
    navigate('/sign-up/confirm');
  };

  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <Loaded state={documents}>
        {(legal) => (
          <Form
            onSubmit={() => submit(legal)}
            submitLabel={t.submit}
            name={t.title}
            labels={{ email: t.email, password: t.password, firstName: t.firstName, lastName: t.lastName, consents: t.consents }}
          >
            <Field name="email" label={t.email} type="email" autocomplete="email" hint={t.emailHint} value={email} onValue={editing('email', setEmail)} error={problems.email} maxLength={254} required />
            <NewPasswordField
              name="password"
              label={t.password}
              shown={shown}
              value={password}
              onValue={editing('password', setPassword)}
              error={problems.password}
            />
            <ShowPassword shown={shown} onShown={setShown} />
            <Field name="firstName" label={t.firstName} autocomplete="given-name" value={firstName} onValue={editing('firstName', setFirstName)} error={problems.firstName} maxLength={100} required />
            <Field name="lastName" label={t.lastName} autocomplete="family-name" value={lastName} onValue={editing('lastName', setLastName)} error={problems.lastName} maxLength={100} required />
            <fieldset class="consents">
              <legend>{t.consents}</legend>
              <p class="field__hint">{t.consentsIntro}</p>
              {problems.consents !== undefined && <p class="field__error">{problems.consents}</p>}
              {legal.consents.map((document) =>
                isPurpose(document.purpose) ? (
                  <ConsentChoice
                    key={document.purpose}
                    purpose={document.purpose}
                    title={document.title}
                    version={document.version}
                    checked={granted[document.purpose] === true}
                    onChecked={(checked) => {
                      setGranted((current) => ({ ...current, [document.purpose as Purpose]: checked }));
                      if (checked && document.purpose === requiredPurpose) edited('consents');
                    }}
                  />
                ) : null,
              )}
            </fieldset>
          </Form>
        )}
      </Loaded>
      <p>
        <Link href="/privacy">{t.privacy}</Link>
      </p>
      <p>
        {t.haveAccount} <Link href="/sign-in">{t.signIn}</Link>
      </p>
    </Page>
  );
};
