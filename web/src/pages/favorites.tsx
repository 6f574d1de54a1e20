import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Favorites = (_props: PageProps) => <Page title="Favorites (to be built)" />;
