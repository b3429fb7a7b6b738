/* CKEditor 4 uploads images with XMLHttpRequest (filetools), which sends no
   Django CSRF token. Add it as the X-CSRFToken header, read from the admin
   form's hidden field (the CSRF cookie is HttpOnly), so that the upload view
   keeps Django's CSRF check: a page on another site cannot post an image with
   a staff member's session. */
/* global CKEDITOR */
;(() => {
  function sendToken(editor) {
    editor.on("fileUploadRequest", (event) => {
      const field = document.querySelector("input[name=csrfmiddlewaretoken]")
      if (field) event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", field.value)
    })
  }

  // This file may load before ckeditor.js, and editors may be created before
  // or after it runs (ckeditor-init.js waits the same way).
  function start() {
    if (!window.CKEDITOR) {
      setTimeout(start, 50)
      return
    }
    for (const name in CKEDITOR.instances) sendToken(CKEDITOR.instances[name])
    CKEDITOR.on("instanceCreated", (event) => sendToken(event.editor))
  }
  start()
})()
