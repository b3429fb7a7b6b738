/* The article form's edit lock, autosave and recovery (articles/editing_admin.py).

   - The lock: a heartbeat keeps it while the page is open; leaving the page gives
     it up (sendBeacon on pagehide). Told that someone took over, the page keeps
     the person's text and disables its save buttons.
   - Autosave: a few seconds after the last change to headline, lead or body, a
     copy goes to the server. If the server answers with the login page or a CSRF
     refusal (the session expired), the copy is kept in localStorage and the page
     waits for its person to log in again in another tab, then sends it.
   - Leaving the page with unsaved changes asks first, except when saving.

   Every text shown comes translated from the server (the config, the template). */
/* global CKEDITOR */
;(() => {
  const configNode = document.getElementById("article-editing-config")
  const form = document.getElementById("article_form")
  if (!configNode || !form) return
  const config = JSON.parse(configNode.textContent)
  const root = document.getElementById("article-editing")
  const part = (name) => root.querySelector(`[data-editing="${name}"]`)
  const field = (name) => form.elements.namedItem(name)

  let readOnly = config.readOnly
  let dirty = false
  let submitting = false
  let sessionLost = false
  let lockLost = false
  let autosaveTimer = null
  let sessionTimer = null

  // CKEditor 4 loads after this file may run, and creates its instance later still.
  function withEditor(callback) {
    const editor = window.CKEDITOR && CKEDITOR.instances.id_body
    if (!editor) {
      if (field("body")) setTimeout(() => withEditor(callback), 50)
      return
    }
    if (editor.status === "ready") callback(editor)
    else editor.once("instanceReady", () => callback(editor))
  }

  function currentEditor() {
    const editor = window.CKEDITOR && CKEDITOR.instances.id_body
    return editor && editor.status === "ready" ? editor : null
  }

  function draft() {
    const editor = currentEditor()
    const loaded = field("loaded_revision")
    return {
      title: field("title") ? field("title").value : "",
      lead: field("lead") ? field("lead").value : "",
      body: editor ? editor.getData() : field("body") ? field("body").value : "",
      loaded_revision: loaded ? loaded.value : "",
    }
  }

  function token() {
    return document.querySelector("input[name=csrfmiddlewaretoken]").value
  }

  function formData(values) {
    const data = new FormData()
    for (const [name, value] of Object.entries(values)) data.append(name, value)
    data.append("page", config.page)
    return data
  }

  function post(url, values) {
    return fetch(url, {
      method: "POST",
      body: formData(values),
      headers: { "X-CSRFToken": token(), Accept: "application/json" },
      credentials: "same-origin",
      // A login redirect must be seen as one, not followed to the login page.
      redirect: "manual",
    })
  }

  // Our own refusals are JSON; a login redirect or Django's CSRF page means the session is gone.
  function sessionGone(response) {
    if (response.type === "opaqueredirect" || response.status === 401) return true
    const json = (response.headers.get("Content-Type") || "").includes("application/json")
    return response.status === 403 && !json
  }

  function showStatus(text) {
    part("status").textContent = text
  }

  // Saving on or off: the buttons of the submit row.
  function setSaving(on) {
    for (const button of form.querySelectorAll(".submit-row [type=submit]")) button.disabled = !on
  }

  function setReadOnly(on) {
    readOnly = on
    for (const fieldset of form.querySelectorAll("fieldset")) fieldset.disabled = on
    for (const row of form.querySelectorAll(".submit-row")) row.style.display = on ? "none" : ""
    withEditor((editor) => editor.setReadOnly(readOnly))
  }

  // Autosave

  function keepLocally(copy) {
    try {
      localStorage.setItem(config.storageKey, JSON.stringify(copy))
    } catch (error) {
      // Storage full or disabled: the text is still in the form.
    }
  }

  function localCopy() {
    try {
      return JSON.parse(localStorage.getItem(config.storageKey) || "null")
    } catch (error) {
      return null
    }
  }

  function changed() {
    dirty = true
    if (readOnly) return
    clearTimeout(autosaveTimer)
    autosaveTimer = setTimeout(autosaveNow, config.autosaveDelaySeconds * 1000)
  }

  async function autosaveNow() {
    clearTimeout(autosaveTimer)
    autosaveTimer = null
    if (submitting) return
    const copy = draft()
    if (sessionLost) {
      keepLocally(copy)
      return
    }
    // Bounded like the server (which refuses it): UTF-8 bytes, with room for the form's framing.
    const size = new Blob([copy.title, copy.lead, copy.body]).size
    if (size > config.maxBytes - 4096) {
      showStatus(config.texts.tooLarge)
      return
    }
    let response
    try {
      response = await post(config.urls.autosave, copy)
    } catch (error) {
      keepLocally(copy)
      showStatus(config.texts.offline)
      return
    }
    if (response.ok) {
      localStorage.removeItem(config.storageKey)
      showStatus((await response.json()).message)
      // The editorial checklist follows the text just autosaved (proofreading-checklist.js).
      if (window.refreshProofreadingChecklist) window.refreshProofreadingChecklist()
      return
    }
    if (response.status === 400 || response.status === 413) {
      showStatus(config.texts.tooLarge)
      return
    }
    keepLocally(copy)
    if (sessionGone(response)) sessionExpired()
    else showStatus((await response.json().catch(() => ({}))).error || config.texts.offline)
  }

  // An expired session

  function sessionExpired() {
    if (sessionLost) return
    sessionLost = true
    if (dirty && !readOnly) keepLocally(draft())
    part("session").hidden = false
    sessionTimer = setInterval(checkSession, 5000)
  }

  async function checkSession() {
    if (!sessionLost) return
    let response
    try {
      response = await fetch(config.urls.session, {
        credentials: "same-origin",
        redirect: "manual",
        headers: { Accept: "application/json" },
      })
    } catch (error) {
      return
    }
    if (!response.ok) return
    // Logging in gave the session a new CSRF token: every form on the page needs it.
    const { token: fresh } = await response.json()
    for (const input of document.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
      input.value = fresh
    }
    sessionLost = false
    clearInterval(sessionTimer)
    part("session").hidden = true
    if (!readOnly) await autosaveNow()
    if (!sessionLost) showStatus(config.texts.loggedInAgain)
    if (!lockLost && !readOnly) heartbeat()
  }

  // A copy kept in this browser by an earlier page (session expired, then closed):
  // send it, and reload so that the server offers it with its differences.
  async function sendLocalCopy() {
    const copy = localCopy()
    if (!copy) return
    let response
    try {
      response = await post(config.urls.autosave, copy)
    } catch (error) {
      return
    }
    if (response.ok) {
      localStorage.removeItem(config.storageKey)
      if (!dirty) window.location.reload()
    } else if (sessionGone(response)) {
      sessionExpired()
    }
  }

  // The lock

  async function heartbeat() {
    if (lockLost || sessionLost || readOnly) return
    let response
    try {
      response = await post(config.urls.heartbeat, {})
    } catch (error) {
      return
    }
    if (sessionGone(response)) {
      sessionExpired()
      return
    }
    if (!response.ok) return
    const answer = await response.json()
    if (answer.state === "lost") loseLock(answer.message)
  }

  function loseLock(message) {
    lockLost = true
    part("lost-message").textContent = message
    part("lost").hidden = false
    setSaving(false)
  }

  async function takeOver() {
    let response
    try {
      response = await post(config.urls.takeOver, {})
    } catch (error) {
      showStatus(config.texts.offline)
      return
    }
    if (sessionGone(response)) {
      sessionExpired()
      return
    }
    if (!response.ok) {
      showStatus((await response.json().catch(() => ({}))).error || config.texts.offline)
      return
    }
    lockLost = false
    for (const name of ["locked", "lost"]) if (part(name)) part(name).hidden = true
    setReadOnly(false)
    setSaving(true)
    showStatus(config.texts.editingNow)
  }

  function releaseLock() {
    if (!config.urls.release || readOnly || lockLost) return
    const data = formData({ csrfmiddlewaretoken: token() })
    navigator.sendBeacon(config.urls.release, data)
  }

  // Recovery

  function restoreDraft() {
    const saved = JSON.parse(document.getElementById("article-editing-draft").textContent)
    field("title").value = saved.title
    field("lead").value = saved.lead
    // CKEditor reads the textarea once, while it starts: a click before it is ready must
    // reach the editor too, or the editor would show the saved body over the restored one.
    field("body").value = saved.body
    withEditor((editor) => editor.setData(saved.body))
    part("offer").hidden = true
    dirty = true
    showStatus(config.texts.restored)
  }

  async function discardDraft() {
    const response = await post(config.urls.discard, {}).catch(() => null)
    if (response && response.ok) part("offer").hidden = true
    else if (response && sessionGone(response)) sessionExpired()
  }

  // Wiring

  form.addEventListener("input", (event) => {
    if (["title", "lead"].includes(event.target.name)) changed()
    else dirty = true
  })
  form.addEventListener("change", () => {
    dirty = true
  })
  withEditor((editor) => {
    editor.on("change", changed)
    if (readOnly) editor.setReadOnly(true)
  })
  form.addEventListener("submit", () => {
    submitting = true
    clearTimeout(autosaveTimer)
  })
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault()
      event.returnValue = ""
    }
  })
  window.addEventListener("pagehide", () => {
    if (sessionLost && dirty && !readOnly) keepLocally(draft())
    if (autosaveTimer && !submitting && !sessionLost) {
      // Closed within seconds of the last keystroke: send the copy on the way out.
      navigator.sendBeacon(config.urls.autosave, formData({ ...draft(), csrfmiddlewaretoken: token() }))
    }
    releaseLock()
  })
  window.addEventListener("focus", checkSession)

  for (const takeOverForm of root.querySelectorAll(".editing-take-over")) {
    takeOverForm.addEventListener("submit", (event) => {
      event.preventDefault()
      takeOver()
    })
  }
  if (part("read-only")) {
    part("read-only").addEventListener("click", () => {
      part("read-only").hidden = true
      part("read-only-note").hidden = false
    })
  }
  if (part("restore")) part("restore").addEventListener("click", restoreDraft)
  const discardForm = root.querySelector(".editing-discard")
  if (discardForm) {
    discardForm.addEventListener("submit", (event) => {
      event.preventDefault()
      discardDraft()
    })
  }

  if (readOnly) setReadOnly(true)
  if (config.urls.heartbeat) {
    setInterval(heartbeat, config.heartbeatSeconds * 1000)
  }
  sendLocalCopy()
})()
