/**
 * Service messages about the account itself. They cannot be refused (policy 1.3.2) and never
 * carry a password, code or token: a forced reset tells the customer how to set a new password
 * through the forgotten-password flow.
 */
import type { OutboundMessage } from './outbound-message';

type Notice = Pick<OutboundMessage, 'subject' | 'text'>;

export const notices = {
  registrationAttempt: (): Notice => ({
    subject: 'Someone tried to register with your email at imobook.ru',
    text:
      'Someone tried to create an imobook.ru account with this email address, which already has an account.\n' +
      'If it was you, sign in instead, or use "Forgot password" to set a new password.\n' +
      'If it was not you, no action is needed: no second account was created.',
  }),
  passwordChanged: (): Notice => ({
    subject: 'Your imobook.ru password was changed',
    text:
      'The password of your imobook.ru account was changed and your other sessions were ended.\n' +
      'If you did not do this, use "Forgot password" at once to set a new password, and contact info@imobook.ru.',
  }),
  passwordResetForced: (): Notice => ({
    subject: 'We changed your imobook.ru password to protect your account',
    text:
      'We saw signs that someone else may be using your imobook.ru account, so we changed its password and signed out every session.\n' +
      'To get back in, open the sign-in page, choose "Forgot password", and set a new password with the code we email you.\n' +
      'Please also check your computer for malicious software and do not share your password with anyone.',
  }),
  passwordResetForcedSms: (): Notice => ({
    text: 'imobook.ru: we changed your password to protect your account. Use "Forgot password" on the sign-in page to set a new one.',
  }),
  accountClosed: (consentsWithdrawn: boolean): Notice => ({
    subject: 'Your imobook.ru account is closed',
    text:
      'Your imobook.ru account is closed and can no longer be used to sign in.\n' +
      (consentsWithdrawn
        ? 'As you asked, your consents were withdrawn as well; your personal data will be destroyed within the legal deadline, except order records the law requires us to keep.\n'
        : 'Closing the account does not withdraw your consent to the processing of personal data (privacy policy, 1.2.1). You can withdraw it at any time by writing to info@imobook.ru.\n'),
  }),
};
