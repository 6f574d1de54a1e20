import { Page } from '../components/page';
import type { PageProps } from '../router';

export const ConfirmSignUp = (_props: PageProps) => <Page title="ConfirmSignUp (to be built)" />;
