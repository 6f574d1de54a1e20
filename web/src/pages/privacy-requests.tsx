import { Page } from '../components/page';
import type { PageProps } from '../router';

export const PrivacyRequests = (_props: PageProps) => <Page title="PrivacyRequests (to be built)" />;
