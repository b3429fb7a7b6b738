// The comment form under an article. The article page is the same for every
// reader (so a cache in front could share it), so it carries no CSRF token: this
// script fetches one from a never-cached endpoint (which also sets the cookie)
// before the form posts.
// Without JavaScript the form stays hidden and a link leads to its own page.
(() => {
  const form = document.querySelector("[data-comment-form]");
  if (!form) return;
  const tokenInput = form.querySelector('input[name="csrfmiddlewaretoken"]');
  const fileInput = form.querySelector('input[type="file"]');
  const fileError = form.querySelector("[data-file-error]");
  const fallback = document.querySelector("[data-comment-fallback]");
  const maxBytes = Number(form.dataset.maxBytes) || 0;
  let tokenRequest = null;

  const fetchToken = () => {
    tokenRequest =
      tokenRequest ||
      fetch(form.dataset.csrfUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      })
        .then((response) => {
          if (!response.ok) throw new Error(`CSRF token: HTTP ${response.status}`);
          return response.json();
        })
        .then((data) => {
          tokenInput.value = data.token;
        })
        .catch((error) => {
          tokenRequest = null;
          throw error;
        });
    return tokenRequest;
  };

  const fileTooLarge = () => {
    const file = fileInput && fileInput.files && fileInput.files[0];
    const tooLarge = Boolean(file && maxBytes && file.size > maxBytes);
    if (fileError) fileError.hidden = !tooLarge;
    return tooLarge;
  };

  form.hidden = false;
  if (fallback) fallback.hidden = true;

  // Ask early, while the reader types, so sending does not wait.
  form.addEventListener("focusin", () => fetchToken().catch(() => {}), { once: true });
  if (fileInput) fileInput.addEventListener("change", fileTooLarge);

  form.addEventListener("submit", (event) => {
    if (fileTooLarge()) {
      event.preventDefault();
      fileInput.focus();
      return;
    }
    if (tokenInput.value) return;
    event.preventDefault();
    fetchToken().then(
      () => form.submit(),
      () => {
        window.location.href = form.dataset.fallbackUrl;
      },
    );
  });
})();
