/**
 * Personal recommendations (GET /v1/me/recommendations; policy 1.3.1, purpose `personalization`).
 * The API answers 403 in two cases, told apart by the problem's `detail`
 * (lambdas/domain/analytics/recommendations.ts): the `personalization` consent is not granted
 * (the page explains and links to the consents), or the customer's data may not be processed
 * for it now (blocked or stopped by a privacy request; the page says so and links to the
 * requests). An empty list is explained: the list is built once a day from purchases.
 */
import { api, ApiError } from '../api';
import { Notice } from '../components/feedback';
import { DateText } from '../components/format';
import { Loaded, useLoad } from '../components/load';
import { Page } from '../components/page';
import { EmptyShelf, type Product, ProductCard } from '../components/product';
import { useTexts } from '../i18n';
import { Link, type PageProps } from '../router';

interface Recommendations {
  readonly items: readonly Product[];
  readonly builtAt: string | null;
}

const texts = {
  ru: {
    title: 'Рекомендации',
    about: 'Мы подбираем книги по покупкам: «те, кто купил эту книгу, покупали и эти». Список обновляется раз в день.',
    noConsentTitle: 'Рекомендации выключены',
    noConsent:
      'Чтобы подбирать для вас книги, нам нужно анализировать ваши покупки, а на это нужно ваше согласие «Анализ покупок и персональные рекомендации». Вы его не давали, поэтому рекомендаций нет и ваши покупки в подборе не участвуют.',
    grant: 'Дать согласие в разделе «Согласия»',
    grantAfter: 'Согласие можно отозвать там же в любой момент. Первые рекомендации появятся после ближайшего ежедневного обновления.',
    restrictedTitle: 'Рекомендации приостановлены',
    restricted:
      'По вашему запросу обработка ваших данных для рекомендаций сейчас заблокирована или прекращена, поэтому мы не анализируем ваши покупки и не показываем рекомендации.',
    requests: 'Ваши запросы о персональных данных',
    empty: 'Пока рекомендовать нечего.',
    emptyNotBuilt:
      'Рекомендации строятся раз в день по покупкам за последний год. Если вы недавно дали согласие или сделали первый заказ, загляните завтра.',
    emptyBuilt: 'Последнее обновление не нашло для вас подходящих книг: попробуйте после следующей покупки.',
    built: 'Обновлено',
  },
  en: {
    title: 'Recommendations',
    about: 'We choose books from purchases: “customers who bought this book also bought these”. The list is updated once a day.',
    noConsentTitle: 'Recommendations are off',
    noConsent:
      'To choose books for you we need to analyse your purchases, and for that we need your consent to “Purchase analysis and personal recommendations”. You have not given it, so there are no recommendations and your purchases are not used to make any.',
    grant: 'Give the consent on the Consents page',
    grantAfter: 'You can withdraw it there at any time. The first recommendations appear after the next daily update.',
    restrictedTitle: 'Recommendations are paused',
    restricted:
      'At your request, the processing of your data for recommendations is blocked or stopped for now, so we do not analyse your purchases or show you recommendations.',
    requests: 'Your personal data requests',
    empty: 'Nothing to recommend yet.',
    emptyNotBuilt:
      'Recommendations are built once a day from the purchases of the last year. If you have just given the consent or placed your first order, please look again tomorrow.',
    emptyBuilt: 'The last update found no books for you; try again after your next purchase.',
    built: 'Updated',
  },
};

/** Why the API refused (403): the consent is missing, or the processing is restricted. */
const refusal = (error: unknown): 'consent' | 'restricted' | undefined => {
  if (!(error instanceof ApiError) || error.problem.status !== 403) return undefined;
  const detail = error.problem.detail ?? '';
  if (/restricted|blocked|stopped/i.test(detail)) return 'restricted';
  if (/consent/i.test(detail)) return 'consent';
  return undefined;
};

export const Recommendations = (_props: PageProps) => {
  const t = useTexts(texts);
  const recommendations = useLoad(() => api.get<Recommendations>('/v1/me/recommendations'), []);
  const why = refusal(recommendations.error);
  return (
    <Page title={t.title} wide>
      <p class="lead">{t.about}</p>
      {why === 'consent' ? (
        <Notice kind="info">
          <p class="notice__title">{t.noConsentTitle}</p>
          <p>{t.noConsent}</p>
          <p>
            <Link href="/account/consents">{t.grant}</Link>
          </p>
          <p>{t.grantAfter}</p>
        </Notice>
      ) : why === 'restricted' ? (
        <Notice kind="info">
          <p class="notice__title">{t.restrictedTitle}</p>
          <p>{t.restricted}</p>
          <p>
            <Link href="/account/privacy">{t.requests}</Link>
          </p>
        </Notice>
      ) : (
        <Loaded state={recommendations}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyShelf text={t.empty} hint={data.builtAt === null ? t.emptyNotBuilt : t.emptyBuilt} />
            ) : (
              <>
                {data.builtAt !== null && (
                  <p class="muted">
                    {t.built}: <DateText iso={data.builtAt} />
                  </p>
                )}
                <ul class="cards" aria-label={t.title}>
                  {data.items.map((product) => (
                    <ProductCard key={product.productId} product={product} />
                  ))}
                </ul>
              </>
            )
          }
        </Loaded>
      )}
    </Page>
  );
};
