import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Checkout = (_props: PageProps) => <Page title="Checkout (to be built)" />;
