/**
 * Forms. `<Form onSubmit>` disables its button while the call is out, shows the error above
 * the fields (focused, so it is read out) and hands each `<Field>` its own message; a field with
 * an error is `aria-invalid` and points at the message with `aria-describedby`.
 *
 *   <Form onSubmit={() => api.patch('/v1/me', profile)} submitLabel={t.save} labels={{ firstName: t.firstName }}>
 *     <Field name="firstName" label={t.firstName} value={first} onValue={setFirst} autocomplete="given-name" required />
 *   </Form>
 */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Refusal, fieldMessage } from '../errors';
import { useLang, useTexts } from '../i18n';
import { ProblemMessage } from './feedback';

const FormError = createContext<unknown>(undefined);

const texts = {
  ru: { busy: 'Отправляем…', required: 'обязательно' },
  en: { busy: 'Sending…', required: 'required' },
};

export interface FormProps {
  /** What the form does; a thrown error is shown, a resolved promise ends the busy state. */
  readonly onSubmit: () => Promise<unknown>;
  readonly submitLabel: string;
  /** Labels of the fields by their API name, for the error summary. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly children?: ComponentChildren;
  /** Styles the button as a warning: deleting, withdrawing. */
  readonly danger?: boolean;
  readonly secondary?: ComponentChildren;
  readonly name?: string;
}

export const Form = ({ onSubmit, submitLabel, labels, children, danger, secondary, name }: FormProps) => {
  const t = useTexts(texts);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== undefined) summary.current?.focus();
  }, [error]);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-label={name} aria-busy={busy}>
      <div ref={summary} tabIndex={-1}>
        {error !== undefined && <ProblemMessage error={error} {...(labels === undefined ? {} : { labels })} />}
      </div>
      <FormError.Provider value={error}>{children}</FormError.Provider>
      <div class="form__actions">
        <button type="submit" class={danger === true ? 'button button--danger' : 'button'} disabled={busy}>
          {busy ? t.busy : submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
};

/** The API's message for this field in the form's last error, in the visitor's language. */
const useFieldError = (name: string): string | undefined => {
  const error = useContext(FormError);
  const lang = useLang();
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fieldError(name);
  return message === undefined ? undefined : fieldMessage(message, lang);
};

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'name' | 'label'>;

export interface FieldProps extends InputAttributes {
  /** The field's name in the API's body (`email`, `recipient.phone`). */
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
  /** A message the page found itself (before calling the API). */
  readonly error?: string | undefined;
  readonly multiline?: boolean;
}

export const Field = ({ name, label, value, onValue, hint, required, error, multiline, ...input }: FieldProps) => {
  const t = useTexts(texts);
  const id = useId();
  const apiError = useFieldError(name);
  const message = error ?? apiError;
  const describedBy = [hint === undefined ? undefined : `${id}-hint`, message === undefined ? undefined : `${id}-error`].filter(Boolean).join(' ');
  const common = {
    id,
    name,
    value,
    required,
    'aria-invalid': message === undefined ? undefined : true,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    onInput: (event: Event) => onValue((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={message === undefined ? 'field' : 'field field--invalid'}>
      <label for={id}>
        {label}
        {required === true && <span class="field__required"> ({t.required})</span>}
      </label>
      {hint !== undefined && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {message !== undefined && (
        <p id={`${id}-error`} class="field__error">
          {message}
        </p>
      )}
      {multiline === true ? <textarea {...common} rows={4} /> : <input {...(input as InputHTMLAttributes<HTMLInputElement>)} {...common} />}
    </div>
  );
};

export interface CheckboxProps {
  readonly name: string;
  readonly label: ComponentChildren;
  readonly checked: boolean;
  readonly onChecked: (checked: boolean) => void;
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

export const Checkbox = ({ name, label, checked, onChecked, hint, required, disabled }: CheckboxProps) => {
  const t = useTexts(texts);
  const id = useId();
  const apiError = useFieldError(name);
  return (
    <div class={apiError === undefined ? 'checkbox' : 'checkbox field--invalid'}>
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={apiError === undefined ? undefined : true}
        aria-describedby={[hint === undefined ? '' : `${id}-hint`, apiError === undefined ? '' : `${id}-error`].join(' ').trim() || undefined}
        onChange={(event) => onChecked((event.currentTarget as HTMLInputElement).checked)}
      />
      <div>
        <label for={id}>
          {label}
          {required === true && <span class="field__required"> ({t.required})</span>}
        </label>
        {hint !== undefined && (
          <div id={`${id}-hint`} class="field__hint">
            {hint}
          </div>
        )}
        {apiError !== undefined && (
          <p id={`${id}-error`} class="field__error">
            {apiError}
          </p>
        )}
      </div>
    </div>
  );
};

export interface SelectProps {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onValue: (value: string) => void;
}

export const Select = ({ name, label, value, options, onValue }: SelectProps) => {
  const id = useId();
  const apiError = useFieldError(name);
  return (
    <div class={apiError === undefined ? 'field' : 'field field--invalid'}>
      <label for={id}>{label}</label>
      {apiError !== undefined && (
        <p id={`${id}-error`} class="field__error">
          {apiError}
        </p>
      )}
      <select id={id} name={name} value={value} aria-describedby={apiError === undefined ? undefined : `${id}-error`} onChange={(event) => onValue((event.currentTarget as HTMLSelectElement).value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
};

/**
 * The messages a page found itself (before calling the API), by field, for `<Field error>`; a
 * field's message goes as soon as the visitor edits that field.
 */
export const useProblems = <K extends string>() => {
  const [problems, setProblems] = useState<Partial<Record<K, string>>>({});
  const edited = (key: K) => setProblems((current) => (current[key] === undefined ? current : { ...current, [key]: undefined }));
  /** A field's `onValue`: keeps the value and lets the field's message go. */
  const editing =
    (key: K, set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      edited(key);
    };
  /**
   * When the API refused this field, says so in the page's words: beside the field and (thrown
   * as a Refusal) above the form. Any other error is left to the caller.
   */
  const refuseField = (error: unknown, key: K, message: string): void => {
    if (error instanceof ApiError && error.fieldError(key) !== undefined) {
      setProblems({ [key]: message } as Partial<Record<K, string>>);
      throw new Refusal(message);
    }
  };
  return { problems, setProblems, edited, editing, refuseField };
};
