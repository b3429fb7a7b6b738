// The editorial checklist, checked again against the text now in the form.
// Autosave calls window.refreshProofreadingChecklist() after each autosave.
(function () {
  "use strict";

  // The headline, lead and body as they are in the form now, added to `data`.
  function withTexts(data, form) {
    if (window.CKEDITOR) {
      // CKEditor copies its content into the textarea only on submit.
      Object.values(window.CKEDITOR.instances).forEach((editor) => editor.updateElement());
    }
    ["title", "lead", "body"].forEach((name) => {
      const field = form.elements.namedItem(name);
      data.append(name, field ? field.value : "");
    });
    return data;
  }

  function post(url, data, form) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value,
      },
    });
  }

  async function refreshProofreadingChecklist() {
    const checklist = document.getElementById("proofreading-checklist");
    const form = document.getElementById("article_form");
    if (!checklist || !form) {
      return null;
    }
    const response = await post(checklist.dataset.refreshUrl, withTexts(new FormData(), form), form);
    if (!response.ok) {
      return null;
    }
    const answer = await response.json();
    checklist.outerHTML = answer.html;
    return answer;
  }

  // Acknowledging without leaving the page keeps what was typed and not saved.
  document.addEventListener("submit", async (event) => {
    const acknowledgement = event.target;
    const form = document.getElementById("article_form");
    if (!acknowledgement.classList.contains("proofreading-acknowledge") || !form) {
      return;
    }
    event.preventDefault();
    const data = withTexts(new FormData(acknowledgement), form);
    const response = await post(acknowledgement.action, data, form);
    if (response.ok) {
      await refreshProofreadingChecklist();
    } else {
      acknowledgement.submit();
    }
  });

  window.refreshProofreadingChecklist = refreshProofreadingChecklist;
})();
