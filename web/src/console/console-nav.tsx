/**
 * The operators' console sub-navigation: the privacy queue, orders, campaigns, and a small form
 * that opens a customer's page by id (the customer page needs one; ids come from the queue,
 * orders and the watch list). Every console page shows it under its heading.
 */
import { useState } from 'preact/hooks';
import { useTexts } from '../i18n';
import { Link, navigate, useLocation } from '../router';

const texts = {
  ru: {
    nav: 'Разделы консоли',
    queue: 'Запросы о данных',
    orders: 'Заказы',
    customer: 'Клиент',
    campaigns: 'Рассылки',
    openLabel: 'Идентификатор клиента',
    open: 'Открыть клиента',
    badId: 'Идентификатор — буквы, цифры и дефисы, например 3f2a…',
  },
  en: {
    nav: 'Console sections',
    queue: 'Privacy requests',
    orders: 'Orders',
    customer: 'Customer',
    campaigns: 'Campaigns',
    openLabel: 'Customer id',
    open: 'Open customer',
    badId: 'An id is letters, digits and hyphens, such as 3f2a…',
  },
};

export const customerIdPattern = /^[0-9a-zA-Z-]{1,64}$/;

export const ConsoleNav = () => {
  const t = useTexts(texts);
  const { path } = useLocation();
  const [id, setId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const links: [string, string][] = [
    ['/console', t.queue],
    ['/console/orders', t.orders],
    ['/console/campaigns', t.campaigns],
  ];
  const onCustomer = path.startsWith('/console/customers/');
  const open = (event: Event) => {
    event.preventDefault();
    const trimmed = id.trim();
    if (!customerIdPattern.test(trimmed)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    navigate(`/console/customers/${encodeURIComponent(trimmed)}`);
  };
  return (
    <div class="console-nav">
      <nav aria-label={t.nav}>
        <ul class="console-nav__links">
          {links.map(([href, label]) => (
            <li key={href}>
              <Link href={href} aria-current={path === href ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
          {onCustomer && (
            <li>
              <Link href={path} aria-current="page">
                {t.customer}
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <form class="console-nav__open" onSubmit={open} noValidate role="search" aria-label={t.open}>
        <label for="console-open-customer">{t.openLabel}</label>
        <input
          id="console-open-customer"
          name="customerId"
          value={id}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'console-open-customer-error' : undefined}
          onInput={(event) => setId((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="button button--secondary button--small">
          {t.open}
        </button>
        {invalid && (
          <p id="console-open-customer-error" class="field__error console-nav__error">
            {t.badId}
          </p>
        )}
      </form>
    </div>
  );
};
