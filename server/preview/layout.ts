/**
 * The page shell of the preview: French, a skip link, the site header with its navigation, one <main>.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** HTML produced by `html```: a string or its promise. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Which navigation entry the page belongs to. */
export type Section = 'catalogue' | 'editeur' | 'espace' | 'autre';

/** The signed-in person shown in the header, with the token their sign-out form carries. */
export interface SignedIn {
  name: string;
  csrf: string;
}

/** Where the preview's own assets are served (never a CDN). */
export const ASSETS = '/ressources';

/**
 * A whole page.
 * @example
 * return c.html(page({ title: 'Catalogue des appels', section: 'catalogue', body: html`<h1>…</h1>` }));
 */
export function page(options: { title: string; section: Section; body: Html; scripts?: string[]; user?: SignedIn }): Html {
  const current = (section: Section) => (options.section === section ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — dispositifs</title>
<link rel="stylesheet" href="${ASSETS}/apercu.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site"><div class="inner">
<a class="brand" href="/">dispositifs · Appels à projets du Pas-de-Calais</a>
<nav aria-label="Navigation principale"><ul>
<li><a href="/"${current('catalogue')}>Catalogue des appels</a></li>
<li><a href="/editeur"${current('editeur')}>Éditeur de définition</a></li>
<li><a href="/espace"${current('espace')}>Mon espace</a></li>
</ul></nav>
${options.user === undefined ? '' : html`<form class="signout" method="post" action="/deconnexion"><span>${options.user.name}</span> <input type="hidden" name="_csrf" value="${options.user.csrf}"><button type="submit">Se déconnecter</button></form>`}
</div></header>
<main id="contenu">
${options.body}
</main>
<footer class="site">Aperçu des définitions YAML de <code>definitions/</code>. Les pages et leurs ressources sont servies par le projet lui-même. <a href="/accessibilite">Accessibilité : partiellement conforme</a></footer>
${(options.scripts ?? []).map((script) => html`<script src="${ASSETS}/${script}" defer></script>`)}
</body>
</html>`;
}

/** The status of a call as a badge. */
export function statusBadge(status: 'draft' | 'published' | 'closed'): Html {
  const label = { draft: 'brouillon', published: 'publié', closed: 'clos' }[status];
  return html`<span class="badge ${status}">${label}</span>`;
}
