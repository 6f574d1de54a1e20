import { Page } from '../components/page';
import type { PageProps } from '../router';

export const PrivacyPolicy = (_props: PageProps) => <Page title="PrivacyPolicy (to be built)" />;
