/* CKEditor 4 uploads images with XMLHttpRequest (filetools), which sends no
   Django CSRF token. Add it as the X-CSRFToken header, read from the admin
   form's hidden field (the CSRF cookie is HttpOnly), so that the upload view
   keeps Django's CSRF check: a page on another site cannot post an image with
   a staff member's session. */
/* global CKEDITOR */
;(() => {
  if (!window.CKEDITOR) return
  CKEDITOR.on("instanceCreated", (created) => {
    created.editor.on("fileUploadRequest", (event) => {
      const field = document.querySelector("input[name=csrfmiddlewaretoken]")
      if (field) event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", field.value)
    })
  })
})()
