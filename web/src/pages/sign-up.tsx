import { Page } from '../components/page';
import type { PageProps } from '../router';

export const SignUp = (_props: PageProps) => <Page title="SignUp (to be built)" />;
