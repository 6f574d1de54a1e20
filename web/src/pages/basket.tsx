import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Basket = (_props: PageProps) => <Page title="Basket (to be built)" />;
