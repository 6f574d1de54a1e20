import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Account = (_props: PageProps) => <Page title="Account (to be built)" />;
