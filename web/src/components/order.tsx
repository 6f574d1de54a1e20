/**
 * Orders as the customer pages and the console both show them: the order's shape
 * (GET /v1/orders/{id}, GET /v1/admin/orders/{id}), its status in words, its books with their
 * prices and total, and its delivery address.
 */
import { formatDate, type Lang, useLang, useTexts } from '../i18n';
import { Link } from '../router';
import { Money } from './format';
import { Table } from './table';

export const orderStatuses = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface OrderView {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly items: readonly { readonly productId: string; readonly title: string; readonly quantity: number; readonly priceMinor: number; readonly lineTotalMinor: number }[];
  readonly totalMinor: number;
  readonly currency: string;
  readonly recipient: { readonly fullName: string; readonly phone: string };
  readonly delivery: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly statusHistory?: readonly { readonly status: OrderStatus; readonly at: string; readonly actor: { readonly type: string } }[];
}

/** An order's status in words. */
export const orderStatusWords: Readonly<Record<Lang, Readonly<Record<OrderStatus, string>>>> = {
  ru: { PLACED: 'Оформлен', CONFIRMED: 'Подтверждён', SHIPPED: 'Передан в доставку', DELIVERED: 'Доставлен', CANCELLED: 'Отменён' },
  en: { PLACED: 'Placed', CONFIRMED: 'Confirmed', SHIPPED: 'Shipped', DELIVERED: 'Delivered', CANCELLED: 'Cancelled' },
};

export const OrderStatusBadge = ({ status }: { status: OrderStatus }) => {
  const lang = useLang();
  const kind = status === 'DELIVERED' ? ' badge--success' : status === 'CANCELLED' ? ' badge--danger' : '';
  return <span class={`badge${kind}`}>{orderStatusWords[lang][status] ?? status}</span>;
};

/** "Order of 25 November 2026" */
export const orderName = (order: Pick<OrderView, 'createdAt'>, lang: Lang): string =>
  lang === 'ru' ? `Заказ от ${formatDate(order.createdAt, lang, true)}` : `Order of ${formatDate(order.createdAt, lang, true)}`;

const texts = {
  ru: {
    caption: 'Книги в заказе',
    book: 'Книга',
    unknownBook: 'Книга из каталога',
    price: 'Цена',
    quantity: 'Количество',
    lineTotal: 'Сумма',
    total: 'Итого',
  },
  en: {
    caption: 'Books in the order',
    book: 'Book',
    unknownBook: 'A book from the catalogue',
    price: 'Price',
    quantity: 'Quantity',
    lineTotal: 'Subtotal',
    total: 'Total',
  },
};

/** "Total: 1 200,00 ₽" under a list of books. */
export const Total = ({ minor, currency }: { minor: number; currency: string }) => {
  const t = useTexts(texts);
  return (
    <p class="total">
      {t.total}: <Money minor={minor} currency={currency} />
    </p>
  );
};

export interface OrderLine {
  readonly productId: string;
  /** The catalogue's title; undefined when the book could not be read. */
  readonly title: string | undefined;
  readonly quantity: number;
  readonly priceMinor: number;
  /** The order's own subtotal; else price × quantity. */
  readonly lineTotalMinor?: number;
}

/** An order's books (placed, or about to be at checkout): title, price, quantity, subtotal, and the total. */
export const OrderLines = ({ lines, totalMinor, currency }: { lines: readonly OrderLine[]; totalMinor: number; currency: string }) => {
  const t = useTexts(texts);
  return (
    <>
      <Table caption={t.caption} columns={[t.book, t.price, t.quantity, t.lineTotal]}>
        {lines.map((line) => (
          <tr key={line.productId}>
            <td data-label={t.book}>{line.title === undefined ? t.unknownBook : <Link href={`/books/${encodeURIComponent(line.productId)}`}>{line.title}</Link>}</td>
            <td data-label={t.price}>
              <Money minor={line.priceMinor} currency={currency} />
            </td>
            <td data-label={t.quantity}>{line.quantity}</td>
            <td data-label={t.lineTotal}>
              <Money minor={line.lineTotalMinor ?? line.priceMinor * line.quantity} currency={currency} />
            </td>
          </tr>
        ))}
      </Table>
      <Total minor={totalMinor} currency={currency} />
    </>
  );
};

/** A country by its ISO 3166 code, named by the browser (Intl) in the visitor's language. */
export const countryName = (code: string, lang: Lang): string => {
  try {
    return new Intl.DisplayNames([lang === 'ru' ? 'ru-RU' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** The parts of a delivery address (system/schemas/shop.ts), in the order the order page lists them. */
export const deliveryFields = ['country', 'region', 'city', 'street', 'building', 'apartment', 'postalCode'] as const;

/** An address on one line, postal code first, as written on a parcel. */
export const addressLine = (delivery: Readonly<Record<string, string>>, lang: Lang): string =>
  ['postalCode', ...deliveryFields.filter((field) => field !== 'postalCode')]
    .map((field) => (field === 'country' && delivery[field] !== undefined ? countryName(delivery[field], lang) : delivery[field]))
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
