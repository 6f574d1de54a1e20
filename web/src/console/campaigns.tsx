import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ConsoleCampaigns = (_props: PageProps) => <Page title="ConsoleCampaigns (to be built)" />;
