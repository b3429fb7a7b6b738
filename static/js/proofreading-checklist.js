// The editorial checklist, checked again against the text now in the form.
// Autosave calls window.refreshProofreadingChecklist() after each autosave.
(function () {
  "use strict";

  async function refreshProofreadingChecklist() {
    const checklist = document.getElementById("proofreading-checklist");
    const form = document.getElementById("article_form");
    if (!checklist || !form) {
      return null;
    }
    if (window.CKEDITOR) {
      // CKEditor copies its content into the textarea only on submit.
      Object.values(window.CKEDITOR.instances).forEach((editor) => editor.updateElement());
    }
    const data = new FormData();
    ["title", "lead", "body"].forEach((name) => {
      const field = form.elements.namedItem(name);
      data.append(name, field ? field.value : "");
    });
    const response = await fetch(checklist.dataset.refreshUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value },
    });
    if (!response.ok) {
      return null;
    }
    const answer = await response.json();
    checklist.outerHTML = answer.html;
    return answer;
  }

  window.refreshProofreadingChecklist = refreshProofreadingChecklist;
})();
