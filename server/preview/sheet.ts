/**
 * The sheet of a call, section by section: public, territories, windows, applicants, funding and
 * payment schedule, reports and indicators, contacts, sources.
 */
import { html } from 'hono/html';
import { describeCostBound } from '../../engine/catalog/index.ts';
import type { Call, Repository } from '../../engine/definition/index.ts';
import {
  describeEnvelope,
  describeGrant,
  describeIndicator,
  describePayment,
  describePeriod,
  describeQuota,
  describeReport,
} from '../../engine/diff/index.ts';
import { citedSources, fundingSourceLabel, planWords, territoryLabel, territoryWithMembers } from './labels.ts';
import type { Html } from './layout.ts';

/** Public and plan: who the call is for and where it sits in the PDALHPD. */
export function publicSection(repository: Repository, call: Call): Html {
  const plan = call.plan === undefined ? undefined : planWords(repository, call.plan);
  const measurePublics = Object.values(call.measures ?? {}).flatMap((measure) => measure.publics ?? []);
  return html`<section aria-labelledby="public"><h2 id="public">Public</h2>
${call.publics?.length ? html`<ul>${call.publics.map((item) => html`<li>${item}</li>`)}</ul>` : html`<p class="muted">Public non précisé.</p>`}
${measurePublics.length ? html`<h3>Publics des mesures</h3><ul>${measurePublics.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
${plan ? html`<h3>Rattachement au PDALHPD</h3><p>${plan.axis}${call.plan?.sheet ? ` — fiche ${call.plan.sheet}` : ''}</p>${plan.orientations.length ? html`<ul>${plan.orientations.map((item) => html`<li>${item}</li>`)}</ul>` : ''}` : ''}
</section>`;
}

/** Territories, with the members of each group. */
export function territoriesSection(repository: Repository, call: Call): Html {
  return html`<section aria-labelledby="territoires"><h2 id="territoires">Territoires</h2>
<ul>${call.territories.map((id) => html`<li>${territoryWithMembers(repository, id)}</li>`)}</ul>
</section>`;
}

/** Application windows and agreement periods, one row per group of territories. */
export function windowsSection(repository: Repository, call: Call): Html {
  return html`<section aria-labelledby="fenetres"><h2 id="fenetres">Fenêtres de candidature et conventions</h2>
<table>
<thead><tr><th scope="col">Fenêtre</th><th scope="col">Territoires</th><th scope="col">Candidatures (dates incluses)</th><th scope="col">Convention</th></tr></thead>
<tbody>${Object.entries(call.windows).map(
    ([id, window]) => html`<tr>
<th scope="row">${window.label ?? id}</th>
<td>${window.territories.map((territory) => territoryLabel(repository, territory)).join(', ')}</td>
<td>${describePeriod(window.application)}${window.application.note ? html`<br><span class="muted">${window.application.note}</span>` : ''}</td>
<td>${describePeriod(window.agreement)}${window.agreement.note ? html`<br><span class="muted">${window.agreement.note}</span>` : ''}</td>
</tr>`,
  )}</tbody>
</table>
</section>`;
}

/** Who may apply, the eligibility rules, the selection criteria and the documents. */
export function applicantsSection(call: Call): Html {
  const applicants = call.applicants;
  const list = (title: string, entries: Array<{ label: string; required?: boolean }>) =>
    entries.length ? html`<h3>${title}</h3><ul>${entries.map((entry) => html`<li>${entry.label}${entry.required ? ' (obligatoire)' : ''}</li>`)}</ul>` : '';
  return html`<section aria-labelledby="porteurs"><h2 id="porteurs">Porteurs de projets</h2>
<p>${applicants.label}</p>
${list("Règles d'éligibilité", Object.values(applicants.eligibility ?? {}))}
${list('Critères de sélection', Object.values(applicants.criteria ?? {}))}
${list('Pièces du dossier', Object.values(applicants.documents ?? {}))}
${applicants.submission ? html`<h3>Dépôt</h3><p>${applicants.submission}</p>` : ''}
</section>`;
}

/** Envelope and the maximum cost beside it, sources of credits, conditions, grant, payment schedule and quotas. */
export function fundingSection(repository: Repository, call: Call): Html {
  const funding = call.funding;
  const bound = describeCostBound(call, (ids) => repository.territories.expand(ids).length);
  return html`<section aria-labelledby="financement"><h2 id="financement">Financement</h2>
<dl class="facts">
<dt>Enveloppe</dt><dd>${funding.envelope ? describeEnvelope(funding.envelope) : 'non précisée'}${funding.envelope?.note ? html`<br><span class="muted">${funding.envelope.note}</span>` : ''}</dd>
<dt>Coût maximal</dt><dd id="cout-maximal"${bound.exceedsEnvelope ? html` class="warning"` : ''}>${bound.text}${bound.envelope === undefined ? '' : html`<br><span class="muted">${bound.envelope}</span>`}${bound.groups ? html`<ul>${bound.groups.map((g) => html`<li>${g.label} : ${g.text}</li>`)}</ul>` : ''}${bound.measures.length > 1 ? html`<ul>${bound.measures.map((m) => html`<li>${m.label} : ${m.text}</li>`)}</ul>` : ''}</dd>
${funding.sources?.length ? html`<dt>Origine des crédits</dt><dd>${funding.sources.map(fundingSourceLabel).join(', ')}</dd>` : ''}
<dt>Participation</dt><dd>${describeGrant(funding.grant)}${funding.grant.label ? html`<br><span class="muted">${funding.grant.label}</span>` : ''}</dd>
<dt>Calendrier de versement</dt><dd>${describePayment(funding.payment, call.year)}${funding.payment.label ? html`<br><span class="muted">${funding.payment.label}</span>` : ''}</dd>
</dl>
${Object.keys(funding.conditions ?? {}).length ? html`<h3>Conditions suspensives</h3><ul>${Object.values(funding.conditions ?? {}).map((condition) => html`<li>${condition.label}</li>`)}</ul>` : ''}
${Object.keys(funding.quotas ?? {}).length ? html`<h3>Quotas</h3><ul>${Object.values(funding.quotas ?? {}).map((quota) => html`<li>${quota.label} : ${describeQuota(quota)}</li>`)}</ul>` : ''}
</section>`;
}

/** Reports due and the evaluation indicators. */
export function evaluationSection(call: Call): Html {
  const reports = Object.values(call.reports ?? {});
  const indicators = Object.entries(call.indicators ?? {});
  return html`<section aria-labelledby="evaluation"><h2 id="evaluation">Bilans et indicateurs</h2>
${reports.length ? html`<h3>Bilans attendus</h3><ul>${reports.map((report) => html`<li><strong>${report.label}</strong> : ${describeReport(report)}${report.content?.length ? html`<br><span class="muted">Contenu : ${report.content.join(' ; ')}</span>` : ''}${report.recipients?.length ? html`<br><span class="muted">Présenté à : ${report.recipients.join(' ; ')}</span>` : ''}</li>`)}</ul>` : ''}
${indicators.length
    ? html`<table><caption>Indicateurs d'évaluation</caption>
<thead><tr><th scope="col">Indicateur</th><th scope="col">Calcul</th></tr></thead>
<tbody>${indicators.map(([id, indicator]) => html`<tr><td>${indicator.label}<br><span class="muted">${id}</span></td><td>${describeIndicator(indicator)}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">Aucun indicateur.</p>`}
</section>`;
}

/** Contacts, with the territories each one covers. */
export function contactsSection(repository: Repository, call: Call): Html {
  const contacts = call.contacts ?? [];
  return html`<section aria-labelledby="contacts"><h2 id="contacts">Contacts</h2>
${contacts.length
    ? html`<ul>${contacts.map(
        (contact) => html`<li><strong>${contact.name}</strong>${contact.territories?.length ? ` (${contact.territories.map((id) => territoryLabel(repository, id)).join(', ')})` : ''}${contact.service ? html`<br>${contact.service}` : ''}${contact.phone ? html`<br>Téléphone : ${contact.phone}` : ''}${contact.email ? html`<br>Courriel : <a href="mailto:${contact.email}">${contact.email}</a>` : ''}</li>`,
      )}</ul>`
    : html`<p class="muted">Aucun contact.</p>`}
</section>`;
}

/** Every passage of the source documents the definition cites. */
export function sourcesSection(call: Call): Html {
  const sources = citedSources(call);
  return html`<section aria-labelledby="sources"><h2 id="sources">Sources</h2>
${sources.size === 0 ? html`<p class="muted">Aucune source citée.</p>` : ''}
${[...sources].map(
    ([document, citations]) => html`<h3>${document}</h3><ul>${citations.map(
      (citation) => html`<li>${citation.section}${citation.line === undefined ? '' : `, ligne ${citation.line}`}${citation.quote ? html`<br><q>${citation.quote}</q>` : ''}${citation.choice ? html`<br><span class="muted">Choix : ${citation.choice}</span>` : ''}</li>`,
    )}</ul>`,
  )}
</section>`;
}
