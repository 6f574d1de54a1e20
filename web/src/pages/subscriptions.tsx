import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Subscriptions = (_props: PageProps) => <Page title="Subscriptions (to be built)" />;
