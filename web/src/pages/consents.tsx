import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Consents = (_props: PageProps) => <Page title="Consents (to be built)" />;
