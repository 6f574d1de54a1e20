/**
 * Every page, by path. A page's file is named after what it shows: the customer's pages are in
 * pages/, the operators' console in console/.
 */
import { PrivacyQueue } from './console/privacy-queue';
import { ConsoleOrders } from './console/orders';
import { ConsoleCustomer } from './console/customer';
import { ConsoleCampaigns } from './console/campaigns';
import { Account } from './pages/account';
import { Basket } from './pages/basket';
import { Book } from './pages/book';
import { Catalogue } from './pages/catalogue';
import { ChangePassword } from './pages/change-password';
import { Checkout } from './pages/checkout';
import { ConfirmSignUp } from './pages/confirm-sign-up';
import { Consents } from './pages/consents';
import { DeleteAccount } from './pages/delete-account';
import { Favorites } from './pages/favorites';
import { ForgotPassword } from './pages/forgot-password';
import { NotFound } from './pages/not-found';
import { Order } from './pages/order';
import { Orders } from './pages/orders';
import { PrivacyPolicy } from './pages/privacy-policy';
import { PrivacyRequest } from './pages/privacy-request';
import { PrivacyRequests } from './pages/privacy-requests';
import { Recommendations } from './pages/recommendations';
import { SignIn } from './pages/sign-in';
import { SignUp } from './pages/sign-up';
import { Subscriptions } from './pages/subscriptions';
import type { PageRoute } from './router';

export const routes: readonly PageRoute[] = [
  // The shop, open to everyone.
  { path: '/', access: 'public', page: Catalogue },
  { path: '/books/:productId', access: 'public', page: Book },
  { path: '/privacy', access: 'public', page: PrivacyPolicy },
  // Signing up and in.
  { path: '/sign-up', access: 'guest', page: SignUp },
  { path: '/sign-up/confirm', access: 'guest', page: ConfirmSignUp },
  { path: '/sign-in', access: 'guest', page: SignIn },
  { path: '/password/forgot', access: 'public', page: ForgotPassword },
  // The customer's account.
  { path: '/account', access: 'customer', page: Account },
  { path: '/account/password', access: 'customer', page: ChangePassword },
  { path: '/account/subscriptions', access: 'customer', page: Subscriptions },
  { path: '/account/consents', access: 'customer', page: Consents },
  { path: '/account/privacy', access: 'customer', page: PrivacyRequests },
  { path: '/account/privacy/:requestId', access: 'customer', page: PrivacyRequest },
  { path: '/account/delete', access: 'customer', page: DeleteAccount },
  { path: '/basket', access: 'customer', page: Basket },
  { path: '/favorites', access: 'customer', page: Favorites },
  { path: '/checkout', access: 'customer', page: Checkout },
  { path: '/orders', access: 'customer', page: Orders },
  { path: '/orders/:orderId', access: 'customer', page: Order },
  { path: '/recommendations', access: 'customer', page: Recommendations },
  // The operators' console.
  { path: '/console', access: 'operator', page: PrivacyQueue },
  { path: '/console/orders', access: 'operator', page: ConsoleOrders },
  { path: '/console/customers/:customerId', access: 'operator', page: ConsoleCustomer },
  { path: '/console/campaigns', access: 'operator', page: ConsoleCampaigns },
  { path: '*', access: 'public', page: NotFound },
];
