import { Page } from '../components/page';
import type { PageProps } from '../router';

export const PrivacyQueue = (_props: PageProps) => <Page title="PrivacyQueue (to be built)" />;
