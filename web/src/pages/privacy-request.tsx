import { Page } from '../components/page';
import type { PageProps } from '../router';

export const PrivacyRequest = (_props: PageProps) => <Page title="PrivacyRequest (to be built)" />;
