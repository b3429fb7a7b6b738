// The newsroom's words in CKEditor 4's Vietnamese (issue 11). CKEditor's own vi
// catalog calls the image's alt text "Chú thích ảnh" (a caption), so journalists typed
// captions into it, and leaves the format menu's headings in English.
(function () {
  function newsroomWords(lang) {
    if (lang.format) {
      lang.format.tag_p = "Đoạn văn";
      lang.format.tag_h2 = "Tiêu đề phụ (H2)";
      lang.format.tag_h3 = "Tiêu đề phụ nhỏ (H3)";
      lang.format.tag_h4 = "Tiêu đề phụ cấp 3 (H4)";
    }
    if (lang.image2) {
      lang.image2.alt = "Mô tả ảnh (cho người khiếm thị)";
      lang.image2.captioned = "Chú thích ảnh";
      lang.image2.captionPlaceholder = "Chú thích ảnh";
      lang.image2.pathNameCaption = "chú thích ảnh";
    }
  }

  CKEDITOR.plugins.add("newsroomvi", {
    // Before the format menu is built from editor.lang.format (core language file);
    // image2's language file may arrive later, and its dialog reads it only when first
    // opened, so the words are set again once the editor is ready.
    beforeInit: function (editor) {
      if (editor.langCode === "vi") {
        newsroomWords(editor.lang);
        editor.on("instanceReady", function () {
          newsroomWords(editor.lang);
        });
      }
    }
  });
})();
