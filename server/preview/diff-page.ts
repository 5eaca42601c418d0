/**
 * What a call changes in the call it extends, in French words: the changes first, then, folded, what
 * stayed the same.
 */
import { html } from 'hono/html';
import { agree, formatChange, type CallDiff, type Change } from '../../engine/diff/index.ts';
import { page, type Html } from './layout.ts';

/** The diff page. */
export function diffPage(diff: CallDiff): Html {
  const { counts } = diff;
  const body = html`<p class="muted"><a href="/">Catalogue</a> › <a href="/appels/${diff.child.id}">${diff.child.title}</a></p>
<h1>Ce qui change de ${diff.parent.year} à ${diff.child.year}</h1>
<p class="lead"><a href="/appels/${diff.child.id}">${diff.child.title}</a> (${diff.child.id}) comparé à l'appel qu'il reprend, <a href="/appels/${diff.parent.id}">${diff.parent.title}</a> (${diff.parent.id}).</p>
<p>${counts.changed + counts.modified} modification${plural(counts.changed + counts.modified)}, ${counts.added} ajout${plural(counts.added)}, ${counts.removed} retrait${plural(counts.removed)}, ${counts.unchanged} élément${plural(counts.unchanged)} inchangé${plural(counts.unchanged)}.</p>
${diff.sections.map((section, index) => {
    const changed = section.changes.filter((change) => change.kind !== 'unchanged');
    const same = section.changes.filter((change) => change.kind === 'unchanged');
    return html`<section aria-labelledby="section-${index}"><h2 id="section-${index}">${section.title}</h2>
${changed.length ? changeList(changed) : html`<p class="muted">Rien ne change.</p>`}
${same.length ? html`<details><summary>${same.length} élément${plural(same.length)} inchangé${plural(same.length)}</summary>${changeList(same)}</details>` : ''}
</section>`;
  })}`;
  return page({ title: `Différences ${diff.parent.id} → ${diff.child.id}`, section: 'autre', body });
}

/** Each change as its French sentence; a changed value shows its before and after apart. */
function changeList(changes: Change[]): Html {
  return html`<ul class="changes">${changes.map((change) =>
    change.kind === 'changed'
      ? html`<li class="change-changed"><strong>${change.subject}</strong> : <span class="before">${change.before}</span> → <span class="after">${change.after}</span></li>`
      : change.kind === 'modified'
        ? html`<li class="change-modified"><strong>${change.subject}</strong> : ${agree('modifié', change.agreement)}${change.details.length ? html`<ul>${change.details.map((detail) => html`<li>${detail}</li>`)}</ul>` : ''}</li>`
        : html`<li class="change-${change.kind}">${formatChange(change)}</li>`,
  )}</ul>`;
}

function plural(count: number): string {
  return count > 1 ? 's' : '';
}
