/**
 * The customer's orders (GET /v1/orders), newest first, a page at a time ("More" follows
 * `nextCursor`): when, status in words, what, total, and a link to the order.
 */
import { DateText, Money } from '../components/format';
import { OrderStatusBadge, orderName, type OrderView } from '../components/order';
import { Loaded } from '../components/load';
import { MoreButton, useGrowingList } from '../components/pager';
import { EmptyShelf } from '../components/product';
import { Page } from '../components/page';
import { Table } from '../components/table';
import { useLang, useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

const texts = {
  ru: {
    title: 'Заказы',
    empty: 'У вас пока нет заказов.',
    emptyHint: 'Выберите книги в каталоге, положите их в корзину и оформите заказ.',
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
            return <EmptyShelf text={t.empty} hint={t.emptyHint} />;
          }
          return (
            <>
              <Table caption={t.caption} class="orders" columns={[t.date, t.status, t.books, t.total]}>
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
                        <OrderStatusBadge status={order.status} />
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
              </Table>
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
