import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Order = (_props: PageProps) => <Page title="Order (to be built)" />;
