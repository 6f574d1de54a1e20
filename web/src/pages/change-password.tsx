import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ChangePassword = (_props: PageProps) => <Page title="ChangePassword (to be built)" />;
