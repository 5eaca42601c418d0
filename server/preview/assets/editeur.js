// The live editor: validates the YAML text a moment after each change (POST /editeur/validation), lists
// the findings with their lines (a click selects the line) and redraws the diagrams. No dependency.
'use strict';
(function () {
  var textarea = document.getElementById('yaml');
  var status = document.getElementById('statut');
  var list = document.getElementById('constats');
  var diagrams = document.getElementById('diagrammes');
  var note = document.getElementById('note-diagrammes');
  if (!textarea || !status || !list || !diagrams || !note) return;

  var DELAY_MS = 350;
  var timer;
  var controller;
  var sequence = 0;

  function setStatus(state, text) {
    status.className = 'status ' + state;
    status.dataset.state = state;
    status.textContent = text;
  }

  function plural(count, word) {
    return count + ' ' + word + (count > 1 ? 's' : '');
  }

  function selectLine(line, column) {
    var lines = textarea.value.split('\n');
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i += 1) start += lines[i].length + 1;
    var length = (lines[line - 1] || '').length;
    textarea.focus();
    textarea.setSelectionRange(start + Math.max(0, Math.min(column - 1, length)), start + length);
    var lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  function renderFindings(findings) {
    list.replaceChildren();
    findings.forEach(function (finding) {
      var item = document.createElement('li');
      item.className = finding.severity;
      var where = document.createElement('button');
      where.type = 'button';
      where.className = 'where';
      where.dataset.line = String(finding.line);
      where.dataset.column = String(finding.column);
      where.textContent = 'Ligne ' + finding.line + ', colonne ' + finding.column;
      item.appendChild(where);
      item.appendChild(document.createTextNode(' — ' + (finding.severity === 'error' ? 'erreur' : 'avertissement') + ' : ' + finding.message));
      list.appendChild(item);
    });
  }

  function renderDiagrams(result) {
    if (!result.diagrams) {
      note.hidden = diagrams.children.length === 0;
      return;
    }
    note.hidden = true;
    diagrams.replaceChildren();
    result.diagrams.forEach(function (machine) {
      var figure = document.createElement('figure');
      figure.className = 'diagram';
      figure.dataset.machine = machine.key;
      var caption = document.createElement('figcaption');
      caption.textContent = machine.title;
      figure.appendChild(caption);
      // The SVG is drawn by this server from a validated definition; Graphviz escapes every label.
      var holder = document.createElement('div');
      holder.innerHTML = machine.svg;
      while (holder.firstChild) figure.appendChild(holder.firstChild);
      diagrams.appendChild(figure);
    });
  }

  function render(result) {
    var errors = result.findings.filter(function (finding) { return finding.severity === 'error'; }).length;
    var warnings = result.findings.length - errors;
    if (result.valid) {
      setStatus('valid', 'Définition valide' + (result.call ? ' : appel ' + result.call.id : '') + (warnings ? ' (' + plural(warnings, 'avertissement') + ')' : '') + '.');
    } else {
      setStatus('invalid', plural(errors, 'erreur') + (warnings ? ', ' + plural(warnings, 'avertissement') : '') + " : la définition n'est pas valide.");
    }
    renderFindings(result.findings);
    renderDiagrams(result);
  }

  function validate() {
    if (controller) controller.abort();
    controller = new AbortController();
    var mine = (sequence += 1);
    fetch('/editeur/validation', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text: textarea.value, file: textarea.dataset.file }),
      signal: controller.signal,
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.detail || body.title || 'réponse ' + response.status);
          return body;
        });
      })
      .then(function (result) {
        if (mine === sequence) render(result);
      })
      .catch(function (error) {
        if (error.name === 'AbortError' || mine !== sequence) return;
        setStatus('invalid', "La validation n'a pas pu être faite : " + error.message);
      });
  }

  textarea.addEventListener('input', function () {
    clearTimeout(timer);
    setStatus('pending', 'Validation en cours…');
    timer = setTimeout(validate, DELAY_MS);
  });

  list.addEventListener('click', function (event) {
    var target = event.target;
    if (target instanceof HTMLElement && target.classList.contains('where')) {
      selectLine(Number(target.dataset.line), Number(target.dataset.column));
    }
  });
})();
