import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ConsoleCustomer = (_props: PageProps) => <Page title="ConsoleCustomer (to be built)" />;
