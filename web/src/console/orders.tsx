import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ConsoleOrders = (_props: PageProps) => <Page title="ConsoleOrders (to be built)" />;
