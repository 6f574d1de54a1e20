import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Orders = (_props: PageProps) => <Page title="Orders (to be built)" />;
