import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Recommendations = (_props: PageProps) => <Page title="Recommendations (to be built)" />;
