import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ForgotPassword = (_props: PageProps) => <Page title="ForgotPassword (to be built)" />;
