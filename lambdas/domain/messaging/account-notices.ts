/**
 * Service messages about the account itself, in the customer's language (Russian or English).
 * They cannot be refused (policy 1.3.2) and never carry a password, code or token: a forced reset
 * tells the customer how to set a new password through the forgotten-password flow.
 */
import type { OutboundMessage } from './outbound-message';
import { emailHtml } from './templates/html';
import type { Locale } from './templates/locale';

export type Notice = Pick<OutboundMessage, 'subject' | 'text' | 'html'>;

const text = (lines: readonly string[]) => lines.join('\n');

const email = (locale: Locale, subject: string, lines: readonly string[], trailingNewline = false): Notice => ({
  subject,
  text: text(lines) + (trailingNewline ? '\n' : ''),
  html: emailHtml(locale, subject, lines),
});

export const notices = {
  registrationAttempt: (locale: Locale): Notice =>
    locale === 'ru'
      ? email(locale, 'Кто-то пытался зарегистрироваться на imobook.ru с вашим адресом', [
          'Кто-то пытался создать аккаунт на imobook.ru с этим адресом электронной почты, но аккаунт с ним уже есть.',
          'Если это были вы, просто войдите или воспользуйтесь ссылкой «Забыли пароль», чтобы задать новый пароль.',
          'Если это были не вы, ничего делать не нужно: второй аккаунт не создан.',
        ])
      : email(locale, 'Someone tried to register with your email at imobook.ru', [
          'Someone tried to create an imobook.ru account with this email address, which already has an account.',
          'If it was you, sign in instead, or use "Forgot password" to set a new password.',
          'If it was not you, no action is needed: no second account was created.',
        ]),
  passwordChanged: (locale: Locale): Notice =>
    locale === 'ru'
      ? email(locale, 'Пароль на imobook.ru изменён', [
          'Пароль вашего аккаунта на imobook.ru изменён, а остальные сеансы завершены.',
          'Если это сделали не вы, сразу воспользуйтесь ссылкой «Забыли пароль», чтобы задать новый пароль, и напишите на info@imobook.ru.',
        ])
      : email(locale, 'Your imobook.ru password was changed', [
          'The password of your imobook.ru account was changed and your other sessions were ended.',
          'If you did not do this, use "Forgot password" at once to set a new password, and contact info@imobook.ru.',
        ]),
  passwordResetForced: (locale: Locale): Notice =>
    locale === 'ru'
      ? email(locale, 'Мы сменили ваш пароль на imobook.ru, чтобы защитить аккаунт', [
          'Мы заметили признаки того, что вашим аккаунтом на imobook.ru может пользоваться кто-то другой, поэтому сменили пароль и завершили все сеансы.',
          'Чтобы снова войти, откройте страницу входа, выберите «Забыли пароль» и задайте новый пароль с кодом, который мы пришлём на почту.',
          'Пожалуйста, также проверьте компьютер на вредоносные программы и никому не сообщайте свой пароль.',
        ])
      : email(locale, 'We changed your imobook.ru password to protect your account', [
          'We saw signs that someone else may be using your imobook.ru account, so we changed its password and signed out every session.',
          'To get back in, open the sign-in page, choose "Forgot password", and set a new password with the code we email you.',
          'Please also check your computer for malicious software and do not share your password with anyone.',
        ]),
  /** At most two SMS parts in either language (test/unit/templates.test.ts). */
  passwordResetForcedSms: (locale: Locale): Notice => ({
    text:
      locale === 'ru'
        ? 'imobook.ru: мы сменили ваш пароль для защиты аккаунта. Новый задайте через «Забыли пароль» на странице входа.'
        : 'imobook.ru: we changed your password to protect your account. Use "Forgot password" on the sign-in page to set a new one.',
  }),
  accountClosed: (locale: Locale, consentsWithdrawn: boolean): Notice =>
    locale === 'ru'
      ? email(
          locale,
          'Ваш аккаунт на imobook.ru закрыт',
          [
            'Ваш аккаунт на imobook.ru закрыт, войти в него больше нельзя.',
            consentsWithdrawn
              ? 'По вашей просьбе согласия тоже отозваны; ваши персональные данные будут уничтожены в установленный законом срок, кроме записей о заказах, которые закон обязывает хранить.'
              : 'Закрытие аккаунта не отзывает согласие на обработку персональных данных (политика конфиденциальности, п. 1.2.1). Отозвать его можно в любой момент, написав на info@imobook.ru.',
          ],
          true,
        )
      : email(
          locale,
          'Your imobook.ru account is closed',
          [
            'Your imobook.ru account is closed and can no longer be used to sign in.',
            consentsWithdrawn
              ? 'As you asked, your consents were withdrawn as well; your personal data will be destroyed within the legal deadline, except order records the law requires us to keep.'
              : 'Closing the account does not withdraw your consent to the processing of personal data (privacy policy, 1.2.1). You can withdraw it at any time by writing to info@imobook.ru.',
          ],
          true,
        ),
};
