/**
 * `/problemes/<code>`: the human-readable page each problem's `type` URI points at (RFC 9457 § 3.1.1).
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { EngineErrorCode } from '../engine/errors.ts';
import { ENGINE_ERROR_CODES, engineErrorStatus } from './engine-problem.ts';
import { HTTP_PROBLEMS, httpProblem, type HttpProblemCode } from './problem.ts';

/** What each problem means and how to get past it, in French. */
const EXPLANATIONS: Record<EngineErrorCode | HttpProblemCode, string> = {
  'definition-inconnue': 'L’appel demandé n’est pas chargé par le serveur. La liste est à GET /definitions.',
  'instance-inconnue': 'Aucune instance ne porte cet identifiant, ou elle est hors de votre périmètre.',
  'hors-perimetre': 'La ressource n’existe pas pour vous : elle n’existe pas, ou elle appartient à un autre périmètre.',
  'evenement-inconnu': 'Le cycle de vie de cette instance ne connaît pas cet événement ; la liste des événements permis est dans la réponse et dans GET de l’instance.',
  'evenement-non-permis': 'L’événement existe mais n’est pas permis dans l’état actuel ; allowedEvents liste ceux qui le sont.',
  'message-invalide': 'Le message (payload) de l’événement ne respecte pas son schéma ; errors donne le chemin et la raison de chaque écart.',
  'garde-refusee': 'Une règle de la définition refuse l’événement (par exemple un plafond de semaines) ; le détail cite la règle.',
  'non-eligible': 'Le bénéficiaire ne remplit pas une condition d’éligibilité de la définition ; errors cite la règle.',
  'hors-fenetre': 'La date du jour est hors de la fenêtre de candidature du territoire (dates incluses, heure de Paris).',
  'quota-atteint': 'Un quota de la définition est atteint (nombre de mesures, de situations par opérateur…).',
  'conflit-de-version': 'L’instance a changé depuis votre lecture (If-Match) ; relisez-la (currentVersion) puis renvoyez l’événement.',
  'role-non-autorise': 'Votre rôle ne permet pas cette action ; un autre acteur (Département, coordinateur, opérateur) doit l’envoyer.',
  'migration-incomplete': 'La migration vers la nouvelle version laisse des états sans correspondance ; complétez la table de correspondance.',
  'cle-idempotence-reutilisee': 'Cette clé Idempotency-Key a déjà servi pour une requête différente ; utilisez une nouvelle clé par action.',
  'donnees-invalides': 'Les données envoyées ne respectent pas ce que la définition attend ; errors donne le chemin et la raison.',
  'appel-brouillon': 'L’appel est un brouillon (status: draft) : il ne reçoit ni candidature, ni orientation, ni événement avant d’être publié (status: published). Ses scénarios le font tourner en essai.',
  'appel-clos': 'L’appel est clos (status: closed) : plus de nouvelle candidature ni d’orientation ; les mesures et bilans en cours vont à leur terme.',
  'authentification-requise': 'Ajoutez l’en-tête Authorization: Bearer <jeton> ; les jetons sont dans le fichier de jetons du serveur.',
  'jeton-invalide': 'Ce jeton n’est pas dans le fichier de jetons du serveur.',
  'ressource-inconnue': 'Rien à cette adresse (ou rien que vous puissiez voir) ; la documentation est à /docs.',
  'methode-non-permise': 'Cette adresse existe mais pas avec cette méthode HTTP.',
  'corps-trop-volumineux': 'Le corps de la requête dépasse la taille permise ; un événement ou une définition tient en quelques kilo-octets.',
  'type-de-contenu-non-supporte': 'Envoyez Content-Type: application/json (ou application/yaml pour valider une définition).',
  'json-invalide': 'Le corps n’est pas du JSON bien formé ; la position de l’erreur est donnée.',
  'requete-invalide': 'Un paramètre de la requête est mal formé ; errors dit lequel.',
  'version-attendue-invalide': 'If-Match doit reprendre l’ETag lu sur l’instance, par exemple "3".',
  'erreur-interne': 'Une erreur inattendue, consignée par le serveur ; réessayez, puis signalez-la si elle persiste.',
  'service-indisponible': 'Le serveur s’arrête ; réessayez dans un instant.',
  'validations-en-attente': 'Le serveur valide déjà plusieurs textes, un à la fois ; réessayez après le délai indiqué par l’en-tête Retry-After.',
};

function entries(): Array<{ code: string; status: number; title: string; explanation: string }> {
  const engine = ENGINE_ERROR_CODES.map((code) => ({ code, ...engineErrorStatus(code), explanation: EXPLANATIONS[code] }));
  const http = (Object.keys(HTTP_PROBLEMS) as HttpProblemCode[])
    .filter((code) => !(ENGINE_ERROR_CODES as string[]).includes(code))
    .map((code) => ({ code, ...HTTP_PROBLEMS[code], explanation: EXPLANATIONS[code] }));
  return [...engine, ...http].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/** The pages of the problem types, to mount at `/problemes`. */
export function problemPages(): Hono {
  const app = new Hono();
  const all = entries();
  const page = (title: string, body: ReturnType<typeof html>) =>
    html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
  app.get('/', (c) =>
    c.html(
      page(
        'Problèmes de l’API dispositifs',
        html`<h1>Problèmes de l’API</h1><p>Chaque refus de l’API est un corps <code>application/problem+json</code> dont le champ <code>type</code> mène ici.</p>
<table><thead><tr><th>code</th><th>statut</th><th>titre</th><th>explication</th></tr></thead><tbody>
${all.map((e) => html`<tr><td><a href="/problemes/${e.code}">${e.code}</a></td><td>${e.status}</td><td>${e.title}</td><td>${e.explanation}</td></tr>`)}
</tbody></table>`,
      ),
    ),
  );
  app.get('/:code', (c) => {
    const entry = all.find((e) => e.code === c.req.param('code'));
    if (entry === undefined) throw httpProblem('ressource-inconnue', 'Ce type de problème n’existe pas ; la liste est à /problemes.');
    return c.html(
      page(
        entry.title,
        html`<h1>${entry.title}</h1><p>Code <code>${entry.code}</code>, statut HTTP ${entry.status}.</p><p>${entry.explanation}</p><p><a href="/problemes">Tous les problèmes</a></p>`,
      ),
    );
  });
  return app;
}
