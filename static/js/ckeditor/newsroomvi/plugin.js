// The newsroom's words in CKEditor 4's Vietnamese (issue 11). CKEditor's own vi
// catalog calls the image's alt text "Chú thích ảnh" (a caption), so journalists typed
// captions into it, and leaves the format menu's headings in English.
// beforeInit runs after every plugin's language file is merged into editor.lang and
// before the format combo or the image dialog read their labels.
CKEDITOR.plugins.add("newsroomvi", {
  beforeInit: function (editor) {
    if (editor.langCode !== "vi") {
      return;
    }
    var lang = editor.lang;
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
});
