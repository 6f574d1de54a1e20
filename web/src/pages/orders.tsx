/**
 * The customer's orders (GET /v1/orders), newest first, a page at a time ("More" follows
 * `nextCursor`): when, status in words, what, total, and a link to the order.
 */
import { DateText, Money } from '../components/format';
import { Loaded } from '../components/load';
import { MoreButton, useGrowingList } from '../components/pager';
import { Page } from '../components/page';
import { formatDate, useLang, useTexts, type Lang } from '../i18n';
import { Link, type PageProps } from '../router';

export type OrderStatus = 'PLACED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

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
export const statusWords: Record<Lang, Record<OrderStatus, string>> = {
  ru: { PLACED: 'Оформлен', CONFIRMED: 'Подтверждён', SHIPPED: 'Передан в доставку', DELIVERED: 'Доставлен', CANCELLED: 'Отменён' },
  en: { PLACED: 'Placed', CONFIRMED: 'Confirmed', SHIPPED: 'Shipped', DELIVERED: 'Delivered', CANCELLED: 'Cancelled' },
};

export const StatusBadge = ({ status }: { status: OrderStatus }) => {
  const lang = useLang();
  const kind = status === 'DELIVERED' ? ' badge--success' : status === 'CANCELLED' ? ' badge--danger' : '';
  return <span class={`badge${kind}`}>{statusWords[lang][status] ?? status}</span>;
};

/** "Order of 25 November 2026" */
export const orderName = (order: Pick<OrderView, 'createdAt'>, lang: Lang): string =>
  lang === 'ru' ? `Заказ от ${formatDate(order.createdAt, lang, true)}` : `Order of ${formatDate(order.createdAt, lang, true)}`;

const texts = {
  ru: {
    title: 'Заказы',
    empty: 'У вас пока нет заказов.',
    emptyHint: 'Выберите книги в каталоге, положите их в корзину и оформите заказ.',
    toCatalogue: 'Перейти в каталог',
    caption: 'Ваши заказы, сначала новые',
    date: 'Дата',
    status: 'Статус',
    books: 'Книги',
    total: 'Сумма',
    andMore: (n: number) => ` и ещё ${n}`,
    copies: (n: number) => `${n} шт.`,
    recommendations: 'Книги, которые мы рекомендуем вам',
  },
  en: {
    title: 'Orders',
    empty: 'You have no orders yet.',
    emptyHint: 'Choose books in the catalogue, put them in the basket and check out.',
    toCatalogue: 'Go to the catalogue',
    caption: 'Your orders, newest first',
    date: 'Date',
    status: 'Status',
    books: 'Books',
    total: 'Total',
    andMore: (n: number) => ` and ${n} more`,
    copies: (n: number) => `${n} ${n === 1 ? 'copy' : 'copies'}`,
    recommendations: 'Books we recommend for you',
  },
};

const pageSize = 20;
const pagePath = (cursor: string | null) => `/v1/orders?limit=${pageSize}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;

export const Orders = (_props: PageProps) => {
  const t = useTexts(texts);
  const lang = useLang();
  const list = useGrowingList<OrderView>(pagePath, []);

  return (
    <Page title={t.title} wide>
      <Loaded state={list.first}>
        {() => {
          const orders = list.items;
          if (orders.length === 0) {
            return (
              <>
                <p>{t.empty}</p>
                <p>{t.emptyHint}</p>
                <p>
                  <Link href="/" class="button">
                    {t.toCatalogue}
                  </Link>
                </p>
              </>
            );
          }
          return (
            <>
              <div class="table-wrap">
                <table class="orders">
                  <caption class="visually-hidden">{t.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.date}</th>
                      <th scope="col">{t.status}</th>
                      <th scope="col">{t.books}</th>
                      <th scope="col">{t.total}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {orders.map((order) => {
                      const [head, ...rest] = order.items;
                      return (
                        <tr key={order.orderId}>
                          <td data-label={t.date}>
                            <Link href={`/orders/${encodeURIComponent(order.orderId)}`} aria-label={orderName(order, lang)}>
                              <DateText iso={order.createdAt} withTime />
                            </Link>
                          </td>
                          <td data-label={t.status}>
                            <StatusBadge status={order.status} />
                          </td>
                          <td data-label={t.books}>
                            {head === undefined ? '' : `${head.title} (${t.copies(head.quantity)})`}
                            {rest.length > 0 && t.andMore(rest.length)}
                          </td>
                          <td data-label={t.total}>
                            <Money minor={order.totalMinor} currency={order.currency} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <MoreButton list={list} />
            </>
          );
        }}
      </Loaded>
      <p>
        <Link href="/recommendations">{t.recommendations}</Link>
      </p>
    </Page>
  );
};
