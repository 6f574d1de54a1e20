import { Page } from '../components/page';
import type { PageProps } from '../router';

export const Book = (_props: PageProps) => <Page title="Book (to be built)" />;
