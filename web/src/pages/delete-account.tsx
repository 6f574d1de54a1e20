import { Page } from '../components/page';
import type { PageProps } from '../router';

export const DeleteAccount = (_props: PageProps) => <Page title="DeleteAccount (to be built)" />;
