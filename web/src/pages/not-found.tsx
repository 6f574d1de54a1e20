import { Page } from '../components/page';
import { useTexts } from '../i18n';
import { Link } from '../router';

const texts = {
  ru: { title: 'Страница не найдена', body: 'Такой страницы нет. Возможно, ссылка устарела.', home: 'К каталогу' },
  en: { title: 'Page not found', body: 'There is no such page. The link may be out of date.', home: 'Go to the catalogue' },
};

export const NotFound = () => {
  const t = useTexts(texts);
  return (
    <Page title={t.title}>
      <p>{t.body}</p>
      <p>
        <Link href="/">{t.home}</Link>
      </p>
    </Page>
  );
};
