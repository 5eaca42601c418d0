/**
 * Generated forms as accessible HTML (the GOV.UK patterns): a label per field, its hint, the error again
 * beside the field, sensitive fields marked, and an error summary linking to each field in error.
 * @module
 */
import { html } from 'hono/html';
import type { Html } from '../preview/layout.ts';
import type { FieldError, FormField } from './form-fields.ts';

const SENSITIVITY_LABELS = new Map([
  ['personal', 'donnée personnelle'], ['health', 'donnée de santé'], ['debts', 'donnée sur les dettes'],
  ['family', 'donnée familiale'], ['resources', 'donnée sur les ressources'],
]);

/** The id of a field's input in a form (several forms share a page). */
export function fieldId(form: string, field: string): string {
  return `${form}--${field}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The error summary of a form (nothing when there is no error). */
export function errorSummary(form: string, message: string | undefined, errors: readonly FieldError[]): Html | string {
  if (message === undefined && errors.length === 0) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" id="erreurs"><h2>Il y a un problème</h2>
${message === undefined ? '' : html`<p>${message}</p>`}
${errors.length === 0 ? '' : html`<ul>${errors.map((e) => html`<li><a href="#${fieldId(form, e.field)}">${e.message}</a></li>`)}</ul>`}</div>`;
}

/** The fields of a form, with the values sent back and their errors. */
export function renderFields(form: string, fields: readonly FormField[], values: Readonly<Record<string, unknown>> = {}, errors: readonly FieldError[] = []): Html {
  return html`${fields.map((field) => {
    const id = fieldId(form, field.name);
    const error = errors.find((e) => e.field === field.name);
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    const described = [field.hint === undefined ? '' : `${id}-aide`, error === undefined ? '' : `${id}-erreur`].filter(Boolean).join(' ');
    const sensitivity = field.sensitivity === undefined ? undefined : SENSITIVITY_LABELS.get(field.sensitivity) ?? 'donnée sensible';
    const label = html`${field.label}${field.required ? '' : ' (facultatif)'}${sensitivity === undefined ? '' : html` <span class="sensitive">${sensitivity}</span>`}`;
    const hint = field.hint === undefined ? '' : html`<p class="hint" id="${id}-aide">${field.hint}</p>`;
    const message = error === undefined ? '' : html`<p class="error-message" id="${id}-erreur"><span class="visually-hidden">Erreur : </span>${error.message}</p>`;
    const aria = described === '' ? '' : html` aria-describedby="${described}"`;
    const invalid = error === undefined ? '' : html` aria-invalid="true"`;
    if (field.input.kind === 'boolean') {
      const checked = (v: boolean) => (value === v ? html` checked` : '');
      return html`<fieldset class="field${error ? ' invalid' : ''}" id="${id}"${aria}><legend>${label}</legend>${hint}${message}
<label><input type="radio" name="${field.name}" value="oui"${checked(true)}> Oui</label>
<label><input type="radio" name="${field.name}" value="non"${checked(false)}> Non</label></fieldset>`;
    }
    const input = (() => {
      switch (field.input.kind) {
        case 'choice': {
          const options = field.input.options;
          return html`<select id="${id}" name="${field.name}"${aria}${invalid}><option value="">— choisir —</option>${options.map(([v, l]) => html`<option value="${v}"${value === v ? html` selected` : ''}>${l}</option>`)}</select>`;
        }
        case 'integer': return html`<input type="text" inputmode="numeric" id="${id}" name="${field.name}" value="${value === undefined ? '' : String(value)}"${aria}${invalid}>`;
        case 'number': return html`<input type="text" inputmode="decimal" id="${id}" name="${field.name}" value="${value === undefined ? '' : String(value)}"${aria}${invalid}>`;
        case 'date': return html`<input type="date" id="${id}" name="${field.name}" value="${typeof value === 'string' ? value : ''}"${aria}${invalid}>`;
        case 'list': return html`<textarea id="${id}" name="${field.name}" rows="3"${aria}${invalid}>${Array.isArray(value) ? value.join('\n') : ''}</textarea>`;
        case 'text': return html`<input type="text" id="${id}" name="${field.name}" value="${typeof value === 'string' ? value : ''}"${aria}${invalid}>`;
      }
    })();
    return html`<div class="field${error ? ' invalid' : ''}"><label for="${id}">${label}</label>${hint}${message}${input}</div>`;
  })}`;
}
