/**
 * Checkout: the basket's books and total, the recipient and the delivery address
 * (system/schemas/shop.ts `orderCreateSchema`), then POST /v1/orders. One Idempotency-Key belongs
 * to this checkout: a retry after an error (the network, a field to fix) sends the same key, so
 * one press can never make two orders; a new key is taken only after an order is placed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from '../api';
import { Field, Form, Select } from '../components/form';
import { countryName, OrderLines, type OrderView } from '../components/order';
import { EmptyShelf } from '../components/product';
import { Loaded, useLoad } from '../components/load';
import { Page, Section } from '../components/page';
import { Refusal } from '../errors';
import { useLang, useTexts, type Lang } from '../i18n';
import { Link, navigate, type PageProps } from '../router';
import { loadTitledBasket, type TitledBasket } from './basket';

/** Countries the shop delivers to, by ISO 3166 code; names come from the browser (Intl). */
const countryCodes = ['RU', 'BY', 'KZ', 'AM', 'KG', 'UZ', 'TJ', 'AZ', 'GE', 'MD', 'RS', 'TR', 'AE', 'CN', 'IN', 'DE', 'FR', 'IT', 'ES', 'FI', 'IL', 'US', 'GB'] as const;

/**
 * The API's field messages for this form in the visitor's words (the API speaks English, and
 * some of its messages are a library's): what to type, not what went wrong in the parser.
 */
const fieldWords: readonly [RegExp, (match: RegExpExecArray) => Record<Lang, string>][] = [
  [/E\.164|phone/i, () => ({ ru: 'введите телефон в международном формате, например +79161234567', en: 'enter the phone in international format, e.g. +79161234567' })],
  [/six digits/i, () => ({ ru: 'российский индекс — шесть цифр, например 125009', en: 'a Russian postal code is six digits, e.g. 125009' })],
  [/postal code/i, () => ({ ru: 'введите почтовый индекс: буквы и цифры', en: 'enter the postal code: letters and digits' })],
  [/ISO 3166|country/i, () => ({ ru: 'выберите страну из списка', en: 'choose a country from the list' })],
  [/must not be empty|required|received undefined/i, () => ({ ru: 'заполните это поле', en: 'please fill this in' })],
  [/angle brackets|control characters/i, () => ({ ru: 'уберите угловые скобки < > и служебные символы', en: 'remove angle brackets < > and control characters' })],
  [/<=\s*(\d+)|at most (\d+)/i, (m) => ({ ru: `не длиннее ${m[1] ?? m[2]} символов — сократите`, en: `at most ${m[1] ?? m[2]} characters; please shorten it` })],
  [/not a book in the catalogue/i, () => ({ ru: 'этой книги больше нет в каталоге — уберите её из корзины', en: 'this book is no longer in the catalogue; please remove it from the basket' })],
];

const inWords = (error: unknown, lang: Lang): unknown => {
  if (!(error instanceof ApiError) || error.problem.errors === undefined) return error;
  const errors = error.problem.errors.map((field) => {
    for (const [pattern, words] of fieldWords) {
      const match = pattern.exec(field.message);
      if (match !== null) return { path: field.path, message: words(match)[lang] };
    }
    return field;
  });
  return new ApiError({ ...error.problem, errors }, error.retryAfter);
};

/** Spaces, dashes, dots and brackets people type in phone numbers, which E.164 has not. */
const phoneAsSent = (phone: string): string => phone.trim().replace(/[\s\-().]/g, '');

const texts = {
  ru: {
    title: 'Оформление заказа',
    empty: 'В корзине нет книг — оформлять пока нечего.',
    order: 'Ваш заказ',
    changeBasket: 'Изменить корзину',
    pricesNote: 'Цены фиксируются в момент оформления заказа по каталогу.',
    why: 'Имя получателя, телефон и адрес нужны, чтобы доставить заказ и связаться с получателем о доставке; мы храним их вместе с заказом и сообщаем о статусе заказа служебными сообщениями.',
    policy: 'Как мы обращаемся с персональными данными — в политике конфиденциальности',
    recipient: 'Получатель',
    fullName: 'Имя и фамилия получателя',
    phone: 'Телефон получателя',
    phoneHint: 'В международном формате: плюс, код страны и номер, например +79161234567.',
    delivery: 'Адрес доставки',
    country: 'Страна',
    region: 'Регион, область или край',
    city: 'Город или населённый пункт',
    street: 'Улица',
    building: 'Дом, корпус, строение',
    apartment: 'Квартира или офис',
    postalCode: 'Почтовый индекс',
    postalHint: 'Для России — шесть цифр.',
    optional: 'если есть',
    items: 'Книги заказа',
    submit: 'Оформить заказ',
    reused:
      'Этот заказ, похоже, уже оформлен (ответ на прошлую попытку не дошёл), а данные с тех пор изменились. Проверьте раздел «Заказы», прежде чем оформлять снова.',
  },
  en: {
    title: 'Checkout',
    empty: 'There are no books in your basket, so there is nothing to check out yet.',
    order: 'Your order',
    changeBasket: 'Change the basket',
    pricesNote: 'The order keeps the catalogue’s prices of the moment it is placed.',
    why: 'We need the recipient’s name, phone and the address to deliver the order and to reach the recipient about the delivery; we keep them with the order and tell you about its status in service messages.',
    policy: 'How we handle personal data: the privacy policy',
    recipient: 'Recipient',
    fullName: 'Recipient’s full name',
    phone: 'Recipient’s phone',
    phoneHint: 'In international format: plus, country code and number, e.g. +79161234567.',
    delivery: 'Delivery address',
    country: 'Country',
    region: 'Region',
    city: 'City or town',
    street: 'Street',
    building: 'Building',
    apartment: 'Apartment or office',
    postalCode: 'Postal code',
    postalHint: 'Six digits in Russia.',
    optional: 'if any',
    items: 'Books of the order',
    submit: 'Place the order',
    reused:
      'This order seems to have been placed already (the answer to an earlier attempt did not arrive), and the details have changed since. Please check your orders before trying again.',
  },
};

interface Profile {
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
}

const CheckoutForm = ({ basket }: { basket: TitledBasket }) => {
  const t = useTexts(texts);
  const lang = useLang();
  const key = useRef(newIdempotencyKey());
  const [fullName, setFullName] = useState('');
  const [phone, setPhone] = useState('');
  const [country, setCountry] = useState('RU');
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [street, setStreet] = useState('');
  const [building, setBuilding] = useState('');
  const [apartment, setApartment] = useState('');
  const [postalCode, setPostalCode] = useState('');

  // The customer's own name and phone as a start: most orders are for oneself.
  useEffect(() => {
    let current = true;
    api.get<Profile>('/v1/me').then(
      (me) => {
        if (!current) return;
        setFullName((now) => (now === '' ? `${me.firstName} ${me.lastName}`.trim() : now));
        if (me.phone !== null) setPhone((now) => (now === '' ? (me.phone ?? '') : now));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  const submit = async () => {
    const body = {
      items: basket.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
      recipient: { fullName: fullName.trim(), phone: phoneAsSent(phone) },
      delivery: {
        country,
        ...(region.trim() === '' ? {} : { region: region.trim() }),
        city: city.trim(),
        street: street.trim(),
        building: building.trim(),
        ...(apartment.trim() === '' ? {} : { apartment: apartment.trim() }),
        postalCode: postalCode.trim(),
      },
    };
    let order: OrderView;
    try {
      order = await api.post<OrderView>('/v1/orders', body, { idempotencyKey: key.current });
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409 && /Idempotency-Key/i.test(error.problem.detail ?? '')) throw new Refusal(t.reused);
      throw inWords(error, lang);
    }
    key.current = newIdempotencyKey();
    navigate(`/orders/${encodeURIComponent(order.orderId)}`);
  };

  const countries = [...countryCodes]
    .map((code) => ({ value: code, label: countryName(code, lang) }))
    .sort((a, b) => (a.value === 'RU' ? -1 : b.value === 'RU' ? 1 : a.label.localeCompare(b.label, lang)));
  const labels = {
    items: t.items,
    'recipient.fullName': t.fullName,
    'recipient.phone': t.phone,
    'delivery.country': t.country,
    'delivery.region': t.region,
    'delivery.city': t.city,
    'delivery.street': t.street,
    'delivery.building': t.building,
    'delivery.apartment': t.apartment,
    'delivery.postalCode': t.postalCode,
  };
  const optionalHint = `(${t.optional})`;

  return (
    <Form onSubmit={submit} submitLabel={t.submit} labels={labels} name={t.title}>
      <p>
        {t.why} <Link href="/privacy">{t.policy}</Link>.
      </p>
      <fieldset>
        <legend>{t.recipient}</legend>
        <Field name="recipient.fullName" label={t.fullName} value={fullName} onValue={setFullName} autocomplete="name" maxLength={200} required />
        <Field name="recipient.phone" label={t.phone} type="tel" value={phone} onValue={setPhone} autocomplete="tel" hint={t.phoneHint} required />
      </fieldset>
      <fieldset>
        <legend>{t.delivery}</legend>
        <Select name="delivery.country" label={t.country} value={country} options={countries} onValue={setCountry} />
        <Field name="delivery.region" label={t.region} value={region} onValue={setRegion} autocomplete="address-level1" maxLength={100} hint={optionalHint} />
        <Field name="delivery.city" label={t.city} value={city} onValue={setCity} autocomplete="address-level2" maxLength={100} required />
        <Field name="delivery.street" label={t.street} value={street} onValue={setStreet} autocomplete="address-line1" maxLength={200} required />
        <Field name="delivery.building" label={t.building} value={building} onValue={setBuilding} maxLength={20} required />
        <Field name="delivery.apartment" label={t.apartment} value={apartment} onValue={setApartment} autocomplete="address-line2" maxLength={20} hint={optionalHint} />
        <Field
          name="delivery.postalCode"
          label={t.postalCode}
          value={postalCode}
          onValue={setPostalCode}
          autocomplete="postal-code"
          inputMode={country === 'RU' ? 'numeric' : 'text'}
          maxLength={12}
          {...(country === 'RU' ? { hint: t.postalHint } : {})}
          required
        />
      </fieldset>
    </Form>
  );
};

export const Checkout = (_props: PageProps) => {
  const t = useTexts(texts);
  const basket = useLoad(() => loadTitledBasket(), []);
  return (
    <Page title={t.title}>
      <Loaded state={basket}>
        {(data) =>
          data.lines.length === 0 ? (
            <EmptyShelf text={t.empty} />
          ) : (
            <>
              <Section title={t.order} id="checkout-order">
                <OrderLines lines={data.lines} totalMinor={data.totalMinor} currency={data.currency} />
                <p class="muted">
                  {t.pricesNote} <Link href="/basket">{t.changeBasket}</Link>
                </p>
              </Section>
              <CheckoutForm basket={data} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
};
